package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.metrics.PenetrationProfile;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/** Shares of tumour and stroma shell per vessel-distance shell, against a layout counted by hand. */
class ShellCompositionTest {

    /**
     * Two rows of five 20 µm voxels, a vessel at x = 0, vessel distances 0, 20, 40, 60, 80 µm along x (so
     * shells 0..3 are x = 1..4), a cancer voxel at (3, 0). The stroma shell (20 µm) is then the voxels
     * whose centre is at most 20 µm from it: (2, 0), (4, 0) and (3, 1); the diagonal neighbours are
     * 28.3 µm away.
     */
    @Test
    void sharesPerShellAreCountedFromTheLayout() {
        Grid3D grid = new Grid3D(5, 2, 1, 20);
        Tissue tissue = new Tissue(grid, List.of("drug"));
        byte[] cell = tissue.cell();
        float[] distance = tissue.vesselDistanceUm();
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 5; i++) {
                int v = i + 5 * j;
                cell[v] = i == 0 ? CellType.VESSEL.code() : CellType.ECM.code();
                distance[v] = 20f * i;
            }
        }
        cell[3] = CellType.CANCER.code();
        ShellComposition c = ShellComposition.of(tissue, 20);
        assertShares(new double[] {0, 0, 0.5, 0}, c.tumourShare());
        assertShares(new double[] {0, 0.5, 0.5, 0.5}, c.stromaShare());
        assertNull(ShellComposition.of(tissue, Double.NaN).stromaShare());
    }

    private static void assertShares(double[] expected, PenetrationProfile p) {
        assertEquals(expected.length, p.shellCount());
        for (int b = 0; b < expected.length; b++) {
            assertEquals(2, p.voxelsInShell(b), "shell " + b);
            assertEquals(expected[b], p.meanInShell(b), 1e-12, "shell " + b);
        }
    }
}
