package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.tissue.CellType;

class DrugResponseTest {

    private static final BiologySpec.DrugResponse LAW = new BiologySpec.DrugResponse(BiologySpec.Measure.CONCENTRATION,
            2.0, 1.5, 1e-3, 0.1, new BiologySpec.Il6Resistance(0.5, 2.0, 3.0), new BiologySpec.LactateTolerance(4.0, 3500));

    @Test
    void il6AboveItsEc50ShiftsTheKillCurveByTheStatedFactor() {
        DrugResponse r = new DrugResponse(LAW);
        assertEquals(2.0, r.effectiveEc50(0, 0, 0, 0), 1e-12);
        assertEquals(2.0 * 2.0, r.effectiveEc50(0.5, 0, 0, 0), 1e-12, "at K: half the shift, 1 + (3 − 1)/2");
        assertEquals(2.0 * 3.0, r.effectiveEc50(1e4, 0, 0, 0), 1e-6, "saturating IL-6: the full factor 3");
        // the whole kill curve moves right by the factor: k(f·C; f·EC50) = k(C; EC50)
        double shifted = r.effectiveEc50(1e4, 0, 0, 0);
        for (double c : new double[] {0.5, 2.0, 8.0}) {
            assertEquals(r.killRatePerS(c, 2.0), r.killRatePerS(c * shifted / 2.0, shifted), 1e-15);
        }
        assertEquals(5e-4, r.killRatePerS(shifted, shifted), 1e-15, "half-maximal kill at the effective EC50");
    }

    @Test
    void il6BlockerRemovesTheShift() {
        DrugResponse r = new DrugResponse(LAW);
        assertEquals(2.0, r.effectiveEc50(1e4, 0, 1.0, 0), 1e-12);
    }

    @Test
    void lactateSupplyRaisesTheEc50AndMct1InhibitionRemovesIt() {
        DrugResponse r = new DrugResponse(LAW);
        assertEquals(2.0 * (1 + 3.0 * 0.5), r.effectiveEc50(0, 3500, 0, 0), 1e-12);
        assertEquals(2.0, r.effectiveEc50(0, 3500, 0, 1.0), 1e-12);
    }

    @Test
    void viabilityDecaysAndAVoxelDiesBelowTheThreshold() {
        DrugResponse r = new DrugResponse(LAW);
        byte[] cell = {CellType.CANCER.code(), CellType.CANCER.code(), CellType.CAF.code()};
        float[] viability = {1f, 1f, 1f};
        float[] drug = {2f, 0f, 100f};
        float[] zero = new float[3];
        r.step(cell, viability, drug, zero, zero, 100.0, 0, 0);
        assertEquals(Math.exp(-5e-4 * 100), viability[0], 1e-6);
        assertEquals(1f, viability[1], 0f, "no drug, no kill");
        assertEquals(1f, viability[2], 0f, "only cancer voxels are killed");
        int died = r.step(cell, viability, drug, zero, zero, 5000.0, 0, 0); // exp(−2.55) < 0.1
        assertEquals(1, died);
        assertEquals(CellType.DEAD.code(), cell[0]);
    }
}
