package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.opencl.BiologyOnBothBackends.Outputs;
import org.stromasim.biology.EndocrineScenarios;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * ER pharmacodynamics on both backends: a cytostatic antagonist with an aromatase inhibitor (the
 * oestradiol plasma level the device's vessels deliver is lowered in its window) gives the same ER
 * read-outs row by row on OpenCL as on Java; a cytotoxic antagonist kills the same voxels on both.
 */
@EnabledIfOpenClOrCi
class EndocrineParityTest {

    /** As BiologyScenarioParityTest: float device arithmetic against double host arithmetic. */
    static final double METRICS_TOLERANCE = 1e-4;

    @Test
    void cytostaticReadoutsAgreeRowByRow() {
        Scenario s = EndocrineScenarios.fibrotic("cytostatic");
        Outputs java = BiologyOnBothBackends.run(s, false, 300);
        Outputs opencl = BiologyOnBothBackends.run(s, true, 300);
        List<MetricsRow> a = java.rows;
        List<MetricsRow> b = opencl.rows;
        assertEquals(a.size(), b.size());
        assertTrue(a.get(0).columns().contains("cancer_mean_er_occupancy"), a.get(0).columns().toString());
        int e2 = s.speciesIndex("estradiol");
        assertTrue(java.last.concentration(e2)[0] >= 0, "oestradiol field present");
        for (int r = 0; r < a.size(); r++) {
            for (int c = 0; c < a.get(r).values().length; c++) {
                double x = a.get(r).values()[c];
                double y = b.get(r).values()[c];
                boolean same = Double.isNaN(x) ? Double.isNaN(y)
                        : Math.abs(x - y) <= METRICS_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;
                if (!same) {
                    fail("row " + r + ", column " + a.get(r).columns().get(c) + ": Java " + x + ", OpenCL " + y);
                }
            }
        }
        int suppression = a.get(0).columns().indexOf("cancer_mean_er_suppression");
        assertTrue(a.get(a.size() - 1).values()[suppression] > 0, "the drug suppresses ER signalling");
    }

    @Test
    void aromataseInhibitorLowersTheOestradiolTheDeviceDelivers() {
        Scenario with = EndocrineScenarios.fibrotic("cytostatic");
        Scenario without = EndocrineScenarios.fibrotic("cytostatic", "biology.interventions[0].strength=0");
        int e2 = with.speciesIndex("estradiol");
        // 150 s: inside the inhibitor's window [100 s, 200 s)
        double lowered = mean(BiologyOnBothBackends.run(with, true, 150).last.concentration(e2));
        double untreated = mean(BiologyOnBothBackends.run(without, true, 150).last.concentration(e2));
        assertTrue(lowered < 0.95 * untreated, "oestradiol " + lowered + " nM with the inhibitor, " + untreated
                + " nM without");
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * A cytotoxic antagonist killing fast enough (0.1 /s at full suppression) that cancer voxels die in
     * the run: the device's endocrine_kill gives the same cells, viability and diffusivity as the Java
     * slow step (tolerances as BiologyScenarioParityTest).
     */
    @Test
    void cytotoxicKillAgreesFieldByFieldAndCellByCell() {
        Scenario s = EndocrineScenarios.fibrotic("cytotoxic", "biology.endocrine.max_kill_per_s=0.1");
        Outputs java = BiologyOnBothBackends.run(s, false, 300);
        Outputs opencl = BiologyOnBothBackends.run(s, true, 300);
        Tissue initial = TissueBuilder.build(s);
        int died = BiologyOnBothBackends.changed(initial, java.last, CellType.CANCER, CellType.DEAD);
        assertTrue(died > 0, "the antagonist kills on Java");
        assertEquals(died, BiologyOnBothBackends.changed(initial, opencl.last, CellType.CANCER, CellType.DEAD),
                "the same voxels die on OpenCL");
        BiologyParityTest.assertSameCells(java.last, opencl.last);
        BothBackends.assertClose("viability", java.last.viability(), opencl.last.viability(), 1e-5);
        BothBackends.assertSameState(java.last, opencl.last, 1e-5);
    }
}
