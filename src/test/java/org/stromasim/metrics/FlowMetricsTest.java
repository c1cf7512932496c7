package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/** The barrier columns: the wall-weighted perfused fraction by hand; the columns and the GAG level of a row. */
class FlowMetricsTest {

    /** Σ S·f / Σ S over wall voxels: (2·0.5 + 1·0.25)/3 = 0.41667; a voxel without wall does not count. */
    @Test
    void perfusedFractionIsWeightedByWallArea() {
        assertEquals(1.25 / 3, FlowMetrics.perfusedVesselFraction(new float[] {0.5f, 1f, 0.25f},
                new float[] {2f, 0f, 1f}), 1e-7);
        assertEquals(Double.NaN, FlowMetrics.perfusedVesselFraction(new float[] {1f}, new float[] {0f}));
    }

    /**
     * The hyaluronidase scenario's row carries the barrier columns; with every voxel's hyaluronan at 0.4 × its
     * baseline, the mean level is 0.4 and the cancer voxels' mean fraction 0.4 × 1.2e-3 (the scenario's cancer
     * gag_fraction), to float rounding.
     */
    @Test
    void rowsCarryTheBarrierColumns() {
        Scenario s = ScenarioLoader.load(Path.of("configs/carcinoma-rim-hyaluronidase.yaml"), List.of());
        Tissue t = TissueBuilder.build(s);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.gagFraction()[v] *= 0.4f;
        }
        MetricsCalculator calculator = new MetricsCalculator(s);
        List<String> columns = calculator.columns();
        List<String> barrier = List.of("tumour_ifp_mean_mmHg", "tumour_ifp_centre_mmHg", "tumour_rim_speed_um_per_s",
                "perfused_vessel_fraction", "gag_level", "cancer_mean_gag_fraction", "caf_mean_gag_fraction");
        assertEquals(barrier, columns.subList(columns.size() - 7, columns.size()));
        double[] row = calculator.measure(t, 900.0).values();
        assertEquals(0.4, row[row.length - 3], 1e-6);
        assertEquals(0.4 * 1.2e-3, row[row.length - 2], 1e-6 * 0.4 * 1.2e-3);
        System.out.printf("barrier row at 900 s: IFP mean %.3f, centre %.3f mmHg, rim speed %.3f um/s, perfused %.3f%n",
                row[row.length - 7], row[row.length - 6], row[row.length - 5], row[row.length - 4]);
    }
}
