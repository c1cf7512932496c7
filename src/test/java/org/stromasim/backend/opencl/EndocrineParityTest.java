package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.opencl.BiologyOnBothBackends.Outputs;
import org.stromasim.biology.EndocrineScenarios;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * ER pharmacodynamics on both backends: a cytostatic antagonist with an aromatase inhibitor (the
 * oestradiol plasma level the device's vessels deliver is lowered in its window) gives the same ER
 * read-outs row by row on OpenCL as on Java; a cytotoxic antagonist is refused on OpenCL.
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
    void cytotoxicAntagonistIsRefusedOnOpenClWithTheKey() {
        Scenario s = EndocrineScenarios.fibrotic("cytotoxic");
        TransportModel model = TransportModel.compile(s, TissueBuilder.build(s));
        Exception e = assertThrows(RuntimeException.class, () -> new OpenClBackend(model, OpenClTestDevice.get()));
        assertTrue(e.getMessage().contains("biology.endocrine.ligands[drug].response: cytotoxic"), e.getMessage());
    }
}
