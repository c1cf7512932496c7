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
     * The hyaluronidase scenario's row at t = 900 s carries the GAG level of 30 slow steps at strength 1,
     * e^(−(k_t + k_h)·900) + k_t/(k_t + k_h)·(1 − e^(−(k_t + k_h)·900)) with k_t = 5.3e-6, k_h = 3.2e-4 /s.
     */
    @Test
    void rowsCarryTheBarrierColumns() {
        Scenario s = ScenarioLoader.load(Path.of("configs/carcinoma-rim-hyaluronidase.yaml"), List.of());
        Tissue t = TissueBuilder.build(s);
        MetricsCalculator calculator = new MetricsCalculator(s);
        List<String> columns = calculator.columns();
        List<String> barrier = List.of("tumour_ifp_mean_mmHg", "tumour_ifp_centre_mmHg", "tumour_rim_speed_um_per_s",
                "perfused_vessel_fraction", "gag_level");
        assertEquals(barrier, columns.subList(columns.size() - 5, columns.size()));
        double[] row = calculator.measure(t, 900.0).values();
        double rate = 5.3e-6 + 3.2e-4;
        double expected = Math.exp(-rate * 900) + 5.3e-6 / rate * (1 - Math.exp(-rate * 900));
        assertEquals(expected, row[row.length - 1], 1e-12);
        System.out.printf("barrier row at 900 s: IFP mean %.3f, centre %.3f mmHg, rim speed %.3f um/s, perfused %.3f%n",
                row[row.length - 5], row[row.length - 4], row[row.length - 3], row[row.length - 2]);
    }
}
