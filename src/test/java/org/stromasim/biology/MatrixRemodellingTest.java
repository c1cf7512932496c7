package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.BiologySpec.Remodelling;
import org.stromasim.tissue.CellType;

class MatrixRemodellingTest {

    private static final Remodelling LAW = new Remodelling(1e-4, 40.0, 6e-5, 5e-4, 3.0);

    /** A row of three voxels: CAF, ECM next to it, ECM two away (no CAF neighbour). */
    private static byte[] row() {
        return new byte[] {CellType.CAF.code(), CellType.ECM.code(), CellType.ECM.code()};
    }

    @Test
    void cafsApproachTheCeilingWithTheStatedTimeCourse() {
        Grid3D grid = new Grid3D(3, 1, 1, 20.0);
        byte[] cell = row();
        float[] e = {10f, 10f, 10f};
        MatrixRemodelling m = new MatrixRemodelling(LAW);
        for (int step = 0; step < 20; step++) {
            m.step(grid, cell, e, 500.0, 0.0, 0.0);
        }
        // E(t) = 40 − 30·exp(−1e-4·t), t = 10,000 s, whatever the slow step
        assertEquals(40 - 30 * Math.exp(-1.0), e[0], 1e-4);
        // one CAF face neighbour of six: rate 6e-5/6 = 1e-5 /s
        assertEquals(40 - 30 * Math.exp(-0.1), e[1], 1e-4);
        assertEquals(10f, e[2], 0f, "no CAF neighbour: unchanged");
        for (int step = 0; step < 2000; step++) {
            m.step(grid, cell, e, 500.0, 0.0, 0.0);
        }
        assertEquals(40f, e[0], 1e-3f, "saturates at the ceiling");
        assertTrue(e[0] <= 40f, "never passes the ceiling");
    }

    @Test
    void loxInhibitorBlocksStiffening() {
        Grid3D grid = new Grid3D(3, 1, 1, 20.0);
        float[] e = {10f, 10f, 10f};
        new MatrixRemodelling(LAW).step(grid, row(), e, 5000.0, 1.0, 0.0);
        assertEquals(10f, e[0], 0f);
        assertEquals(10f, e[1], 0f);
        float[] half = {10f, 10f, 10f};
        new MatrixRemodelling(LAW).step(grid, row(), half, 5000.0, 0.5, 0.0);
        assertEquals(40 - 30 * Math.exp(-0.5e-4 * 5000), half[0], 1e-4);
    }

    @Test
    void enzymeLowersStiffnessTowardTheFloor() {
        Grid3D grid = new Grid3D(3, 1, 1, 20.0);
        float[] e = {10f, 10f, 10f};
        new MatrixRemodelling(LAW).step(grid, row(), e, 1000.0, 1.0, 1.0);
        double expected = 3.0 + 7.0 * Math.exp(-5e-4 * 1000);
        assertEquals(expected, e[2], 1e-4);
        assertEquals(expected, e[0], 1e-4, "with LOX blocked a CAF voxel softens like any other");
        float[] both = {10f, 10f, 10f};
        new MatrixRemodelling(LAW).step(grid, row(), both, 1e6, 0.0, 1.0);
        // steady state of the balance: (a·ceiling + b·floor)/(a + b) with a = 1e-4, b = 5e-4
        assertEquals((1e-4 * 40 + 5e-4 * 3) / 6e-4, both[0], 1e-4);
    }
}
