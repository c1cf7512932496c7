package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.matrix.CompositionLaw;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.HyaluronanSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.MatrixCompositionSpec.PerCellType;
import org.stromasim.tissue.CellType;

/**
 * Hyaluronan per voxel against the solution of dφ/dt = P − λφ written here: with deposition P = k_t·φ_b·(1 − L) and
 * loss λ = k_t + k_h·H held, φ(t) = P/λ + (φ₀ − P/λ)·e^(−λt). The baselines φ_b are the shipped sourced fractions
 * (docs/parameters.md §20), k_t and k_h the shipped rates (§ "Stromal barrier").
 */
class HyaluronanTurnoverTest {

    static final double KT = 5.3e-6;
    static final double KH = 3.2e-4;
    static final double CANCER = 1.2e-3;
    static final double FIBROBLAST = 3.0e-4;
    static final double CAF = 4.8e-4;
    static final PerCellType GAG = new PerCellType(2.3e-4, CANCER, FIBROBLAST, CAF, 4.8e-4);
    static final PerCellType CELLS = new PerCellType(0.1, 0.72, 0.3, 0.3, 0.3);

    static HyaluronanTurnover turnover() {
        return new HyaluronanTurnover(new HyaluronanSpec(KT, KH),
                new CompositionLaw(new MatrixCompositionSpec(3.04, 0.05, 2.25, 0.35, GAG, CELLS)));
    }

    static double exact(double phi0, double deposition, double loss, double t) {
        return deposition / loss + (phi0 - deposition / loss) * Math.exp(-loss * t);
    }

    /**
     * A fibroblast activated to a CAF keeps its fibroblast hyaluronan (3.0e-4) and relaxes toward the CAF's 4.8e-4 at
     * the turnover rate: at 1.5 d (one half-life) halfway, 3.9e-4. Slow steps of 60 s and of 1 h both land on the
     * exponential to float rounding after 3 d (the step is exact, so the step length does not matter). Every other cell
     * type, started at its own baseline, stays there: the baseline is the steady state.
     */
    @Test
    void depositionAndTurnoverApproachTheSteadyStateExponentially() {
        HyaluronanTurnover h = turnover();
        double halfLife = Math.log(2) / KT;
        for (double interval : new double[] {60, 3600}) {
            byte[] cell = {CellType.CAF.code(), CellType.CANCER.code(), CellType.FIBROBLAST.code(), CellType.ECM.code(),
                    CellType.VESSEL.code()};
            float[] gag = {(float) FIBROBLAST, (float) CANCER, (float) FIBROBLAST, 2.3e-4f, 0f};
            float[] start = gag.clone();
            int steps = (int) Math.round(2 * halfLife / interval);
            for (int k = 1; k <= steps; k++) {
                h.step(cell, gag, interval, 0, 0);
                if (k == Math.round(halfLife / interval)) {
                    double t = k * interval;
                    assertEquals(exact(FIBROBLAST, KT * CAF, KT, t), gag[0], 4e-6 * CAF, "interval " + interval);
                    assertEquals(0.5 * (FIBROBLAST + CAF), gag[0], 2e-3 * CAF, "half way after one half-life");
                }
            }
            double t = steps * interval;
            // float storage rounds each step (≤ half an ulp, 3e-8 relative): ≤ steps × 3e-8 in all
            assertEquals(exact(FIBROBLAST, KT * CAF, KT, t), gag[0], steps * 3e-8 * CAF + 1e-12, "interval " + interval);
            for (int v = 1; v < cell.length; v++) {
                assertEquals(start[v], gag[v], Math.ulp(start[v]), "cell " + cell[v] + " stays at its baseline");
            }
        }
    }

    /**
     * Hyaluronidase at strength 1 in a cancer voxel: φ falls to the steady state k_t·φ_b/(k_t + k_h) = 1.6 % of the
     * baseline, 1.2e-3·e^(−(k_t + k_h)t) + …; after 36 min (k_h's half-life) 50.3 % is left; with losartan 0.9 as
     * well the deposition falls tenfold. Both against the solution over 2 h of 30 s steps.
     */
    @Test
    void hyaluronidaseCourseFollowsTheAnalyticDecay() {
        HyaluronanTurnover h = turnover();
        byte[] cell = {CellType.CANCER.code(), CellType.CANCER.code()};
        for (double losartan : new double[] {0, 0.9}) {
            float[] gag = {(float) CANCER, (float) CANCER};
            for (int k = 1; k <= 240; k++) {
                h.step(cell, gag, 30, losartan, 1.0);
                double expected = exact((float) CANCER, KT * CANCER * (1 - losartan), KT + KH, 30.0 * k);
                assertEquals(expected, gag[0], 240 * 3e-8 * CANCER, "step " + k + " losartan " + losartan);
                if (k == 72 && losartan == 0) {
                    assertEquals(0.503, gag[0] / CANCER, 5e-4, "half gone after ln 2/k_h = 36 min");
                }
            }
            assertEquals(gag[0], gag[1], 0.0);
        }
    }

    /** Losartan alone lowers deposition: the steady state is (1 − L)·φ_b, approached at k_t. */
    @Test
    void losartanLowersTheSteadyStateToOneMinusItsStrength() {
        HyaluronanTurnover h = turnover();
        double[] target = h.steadyStates(0.9, 0);
        assertEquals(0.1 * CAF, target[CellType.CAF.code()], 1e-18);
        assertEquals(0.1 * CANCER, target[CellType.CANCER.code()], 1e-18);
        assertEquals(0.0, target[CellType.VESSEL.code()], 0.0);
        byte[] cell = {CellType.CAF.code()};
        float[] gag = {(float) CAF};
        h.step(cell, gag, 86400, 0.9, 0);
        assertEquals(exact((float) CAF, KT * CAF * 0.1, KT, 86400), gag[0], 1e-7 * CAF);
    }

    /** No turnover and no enzyme: nothing deposited, nothing lost. */
    @Test
    void withoutAnyLossNothingChanges() {
        HyaluronanTurnover h = new HyaluronanTurnover(new HyaluronanSpec(0, KH),
                new CompositionLaw(new MatrixCompositionSpec(3.04, 0.05, 2.25, 0.35, GAG, CELLS)));
        byte[] cell = {CellType.CAF.code()};
        float[] gag = {1.5e-4f};
        h.step(cell, gag, 3600, 0, 0);
        assertEquals(1.5e-4f, gag[0], 0.0);
    }

    /** The treatment takes the strengths at the step midpoint: a window that covers half of a step acts at half its strength. */
    @Test
    void strengthsAreTakenAtTheStepMidpoint() {
        MatrixTreatment m = new MatrixTreatment(new InterventionLevels(List.of(
                new Intervention(InterventionKind.HYALURONIDASE, 0, 100, 1.0))), turnover());
        byte[] cell = {CellType.CANCER.code()};
        float[] gag = {(float) CANCER};
        m.stepHyaluronan(cell, gag, 50, 110); // midpoint 80: inside the window
        assertEquals(exact((float) CANCER, KT * CANCER, KT + KH, 60), gag[0], 1e-7 * CANCER);
        float[] after = {(float) CANCER};
        m.stepHyaluronan(cell, after, 90, 150); // midpoint 120: after it
        assertEquals(exact((float) CANCER, KT * CANCER, KT, 60), after[0], 1e-7 * CANCER);
    }
}
