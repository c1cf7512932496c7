package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * {@link RimProfile} on a hand-made slab: 12×10×8 voxels of 20 µm, cancer for i ≥ 4, a field equal to
 * i. The surface lies between i = 3 and i = 4, so layer i sits at (3.5 − i)·20 µm and its bin's mean is
 * i: bin centres −150 … +70 µm with means 11 … 0. A vessel voxel inside the tumour is no surface: the
 * tumour voxels around it keep their depth.
 */
class RimProfileTest {

    @Test
    void aSlabGivesItsLayersInOrderAcrossTheSurface() {
        Grid3D g = new Grid3D(12, 10, 8, 20);
        Tissue t = new Tissue(g, List.of("drug"));
        float[] field = new float[g.voxelCount()];
        for (int v = 0; v < field.length; v++) {
            int i = v % 12;
            t.cell()[v] = (i >= 4 ? CellType.CANCER : CellType.ECM).code();
            field[v] = i;
        }
        int vessel = g.index(8, 5, 4);
        t.cell()[vessel] = CellType.VESSEL.code();
        field[vessel] = 1000; // lumen: in no bin
        RimProfile p = RimProfile.of(t, field);
        assertEquals(12, p.centresUm().length);
        for (int b = 0; b < 12; b++) {
            int i = 11 - b;
            assertEquals((3.5 - i) * 20, p.centresUm()[b], 1e-9);
            assertEquals(i, p.means()[b], 1e-9);
        }
        assertEquals(11, p.deepest(), 1e-9);
        assertEquals(3.5, p.atSurface(), 1e-9);
    }
}
