package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The slow step deposits hyaluronan where CAFs are and nowhere else. fibrotic-barrier with hyaluronan turnover
 * (k_t = 1e-3/s so the change is large within the test's 10 slow steps of 30 s); a 4 × 4 × 4 block of normal tissue
 * (ecm and fibroblast voxels) is made CAF with its hyaluronan left at what it was, as a fibroblast activated at
 * t = 0 would be, and the TGF-β cleared so that no other voxel activates. Reference, written here per voxel from
 * the scenario's sourced fractions: φ(t) = φ_b(cell) + (φ₀ − φ_b(cell))·e^(−k_t·t); inside the block it rises from
 * 2.3e-4 (ecm) or 3.0e-4 (fibroblast) toward the CAF's 4.8e-4, everywhere else it stays at its baseline.
 */
class HyaluronanAroundCafsTest {

    static final double KT = 1e-3;
    /** The scenario's gag_fraction per cell code (docs/parameters.md §20): ecm, vessel, cancer, fibroblast, caf, dead. */
    static final double[] BASELINE = {2.3e-4, 0, 1.2e-3, 3.0e-4, 4.8e-4, 4.8e-4};

    @Test
    void hyaluronanRisesInNewCafVoxelsAndNowhereElse() {
        Scenario s = ScenarioLoader.load(Path.of("configs/fibrotic-barrier.yaml"),
                List.of("ecm.hyaluronan.turnover_per_s=" + KT, "ecm.hyaluronan.hyaluronidase_per_s=0"));
        Tissue t = TissueBuilder.build(s);
        Arrays.fill(t.concentration("tgfb"), 0f);
        Grid3D g = t.grid();
        boolean[] block = new boolean[g.voxelCount()];
        float[] start = t.gagFraction().clone();
        for (int k = 2; k < 6; k++) {
            for (int j = 2; j < 6; j++) {
                for (int i = 2; i < 6; i++) {
                    int v = g.index(i, j, k);
                    assertTrue(t.cell()[v] == CellType.ECM.code() || t.cell()[v] == CellType.FIBROBLAST.code(),
                            "the corner is normal tissue");
                    assertEquals(BASELINE[t.cell()[v]], start[v], 1e-10, "built at its cell type's fraction");
                    t.cell()[v] = CellType.CAF.code();
                    block[v] = true;
                }
            }
        }
        byte[] cells = t.cell().clone();
        SlowProcesses slow = new SlowProcesses(s);
        TransportFields fields = TransportFields.of(TransportModel.compile(s, t));
        double interval = slow.intervalS();
        int steps = 10;
        for (int n = 1; n <= steps; n++) {
            slow.step(t, (n - 1) * interval, n * interval, fields);
        }
        double time = steps * interval;
        assertTrue(Arrays.equals(cells, t.cell()), "no activation and no death: the cells are as set");
        double decay = Math.exp(-KT * time);
        int rose = 0;
        for (int v = 0; v < block.length; v++) {
            double base = BASELINE[cells[v]];
            double expected = base + (start[v] - base) * decay;
            // float storage: half an ulp per step
            assertEquals(expected, t.gagFraction()[v], steps * Math.ulp((float) base) + 1e-12, "voxel " + v);
            if (block[v]) {
                assertTrue(t.gagFraction()[v] > start[v] + 0.2 * (base - start[v]), "rose in CAF voxel " + v);
                rose++;
            } else {
                assertEquals(start[v], t.gagFraction()[v], Math.ulp(start[v]), "unchanged away from the CAFs, voxel " + v);
            }
        }
        assertEquals(64, rose);
    }
}
