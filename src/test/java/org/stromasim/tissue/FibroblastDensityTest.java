package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.TissueSpec;

/** Fibroblast and CAF counts per region are binomial: within 4 standard deviations of n·p. */
class FibroblastDensityTest {

    private static void assertBinomial(String what, long successes, long trials, double p) {
        double mean = trials * p;
        double sd = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(successes - mean) <= 4 * sd + 1e-9,
                what + ": " + successes + " of " + trials + ", expected " + mean + " ± 4·" + sd);
    }

    @Test
    void fractionsPerRegion() {
        TissueSpec.Fibroblasts f = new TissueSpec.Fibroblasts(0.3, 0.05, 0.6, 0.1);
        BuiltTissue b = TissueBuilder.buildWithRegions(TestScenarios.scenario(new GridSpec(60, 60, 60, 10), 99L, null,
                TestScenarios.tissue(List.of(TestScenarios.sphere(300, 300, 300, 150)), 60, f, List.of())));
        long[][] counts = new long[TissueRegion.values().length][CellType.COUNT];
        byte[] cell = b.tissue().cell();
        byte[] region = b.regions().codes();
        for (int v = 0; v < cell.length; v++) {
            counts[region[v]][cell[v]]++;
        }
        long[] stroma = counts[TissueRegion.STROMA.code()];
        long[] normal = counts[TissueRegion.NORMAL.code()];
        long[] tumour = counts[TissueRegion.TUMOUR.code()];
        long stromaCells = stroma[CellType.FIBROBLAST.code()] + stroma[CellType.CAF.code()];
        long normalCells = normal[CellType.FIBROBLAST.code()] + normal[CellType.CAF.code()];
        assertBinomial("stroma fibroblasts", stromaCells, b.regions().count(TissueRegion.STROMA), 0.3);
        assertBinomial("normal fibroblasts", normalCells, b.regions().count(TissueRegion.NORMAL), 0.05);
        assertBinomial("stroma CAFs", stroma[CellType.CAF.code()], stromaCells, 0.6);
        assertBinomial("normal CAFs", normal[CellType.CAF.code()], normalCells, 0.1);
        assertEquals(0, tumour[CellType.FIBROBLAST.code()] + tumour[CellType.CAF.code()], "no fibroblasts inside nests");
        assertEquals(b.regions().count(TissueRegion.TUMOUR), tumour[CellType.CANCER.code()]);
    }

    @Test
    void fractionOutOfRangeIsRejectedWithKeyAndValue() {
        TissueSpec.Fibroblasts f = new TissueSpec.Fibroblasts(1.2, 0.05, 0.6, 0.1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TissueBuilder.build(TestScenarios.scenario(new GridSpec(4, 4, 4, 10), 1L, null,
                        TestScenarios.tissue(List.of(), 0, f, List.of()))));
        assertEquals("tissue.fibroblasts.stroma_fraction must be in [0, 1], got 1.2", e.getMessage());
    }
}
