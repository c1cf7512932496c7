package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.HyaluronanSpec;

/**
 * The hyaluronan level against the closed-form solution of dg/dt = k_t((1 − L) − g) − k_h·H·g at constant
 * strengths, g(t) = g∞ + (g₀ − g∞)·e^(−(k_t + k_h H)t), g∞ = k_t(1 − L)/(k_t + k_h H), written here.
 */
class MatrixTreatmentTest {

    static final double KT = 5.3e-6;
    static final double KH = 3.2e-4;

    static MatrixTreatment treatment(double intervalS, Intervention... interventions) {
        return new MatrixTreatment(new InterventionLevels(List.of(interventions)), new HyaluronanSpec(KT, KH), intervalS);
    }

    static double closedForm(double g0, double t, double losartan, double hyaluronidase) {
        double rate = KT + KH * hyaluronidase;
        double target = KT * (1 - losartan) / rate;
        return target + (g0 - target) * Math.exp(-rate * t);
    }

    /**
     * Constant hyaluronidase: the slow-step recurrence is the exact solution at every step end, whatever the
     * interval (30 s and 450 s give the closed form to 1e-12 at 1 h and 3 h).
     */
    @Test
    void hyaluronidaseAtConstantDoseFollowsTheExponential() {
        Intervention h = new Intervention(InterventionKind.HYALURONIDASE, 0, 1e6, 0.7);
        for (double interval : new double[] {30, 450}) {
            MatrixTreatment m = treatment(interval, h);
            for (double t : new double[] {3600, 10800}) {
                assertEquals(closedForm(1.0, t, 0, 0.7), m.gagLevelAt(t), 1e-12, "interval " + interval + " t " + t);
            }
        }
    }

    /** Losartan alone: g relaxes toward 1 − L at the turnover rate (a slow process: 0.96 after 1 h … 0.1 after weeks). */
    @Test
    void losartanLowersSynthesisTowardOneMinusItsStrength() {
        MatrixTreatment m = treatment(60, new Intervention(InterventionKind.LOSARTAN, 0, 1e8, 0.9));
        for (double t : new double[] {3600, 86400, 864000}) {
            assertEquals(closedForm(1.0, t, 0.9, 0), m.gagLevelAt(t), 1e-12);
        }
    }

    /**
     * A window: hyaluronidase for 1 h from t = 10 min, then recovery at k_t; between slow steps the level is the
     * one after the last step; asked out of order, the replay gives the same numbers (a resumed run).
     */
    @Test
    void windowThenRecoveryAndReplayOutOfOrder() {
        Intervention h = new Intervention(InterventionKind.HYALURONIDASE, 600, 3600, 1.0);
        MatrixTreatment m = treatment(60, h);
        double atEnd = closedForm(1.0, 3600, 0, 1.0);
        assertEquals(1.0, m.gagLevelAt(600), 0.0);
        assertEquals(atEnd, m.gagLevelAt(4200), 1e-12);
        assertEquals(closedForm(atEnd, 7200, 0, 0), m.gagLevelAt(11400), 1e-12);
        assertEquals(m.gagLevelAt(4200), m.gagLevelAt(4259), 0.0, "held between slow steps");
        double late = m.gagLevelAt(11400);
        MatrixTreatment fresh = treatment(60, h);
        assertEquals(fresh.gagLevelAt(1800), m.gagLevelAt(1800), 0.0);
        assertEquals(late, m.gagLevelAt(11400), 0.0);
    }

    /** LOX inhibitor and losartan, enzyme and collagenase: independent blockades, 1 − (1 − a)(1 − b). */
    @Test
    void collagenTherapiesCombineAsIndependentBlockades() {
        InterventionLevels levels = new InterventionLevels(List.of(
                new Intervention(InterventionKind.LOX_INHIBITOR, 0, 100, 0.5),
                new Intervention(InterventionKind.LOSARTAN, 0, 100, 0.4),
                new Intervention(InterventionKind.COLLAGENASE, 50, 100, 0.3)));
        assertEquals(0.7, MatrixTreatment.collagenDepositionBlock(levels, 10), 1e-15);
        assertEquals(0.0, MatrixTreatment.collagenDegradation(levels, 10), 0.0);
        assertEquals(0.3, MatrixTreatment.collagenDegradation(levels, 60), 1e-15);
    }

    /** Without ecm.hyaluronan the level stays 1 whatever the interventions. */
    @Test
    void withoutTurnoverTheLevelStaysOne() {
        MatrixTreatment m = new MatrixTreatment(new InterventionLevels(List.of(
                new Intervention(InterventionKind.LOSARTAN, 0, 1e6, 0.9))), null, 30);
        assertEquals(1.0, m.gagLevelAt(1e5), 0.0);
    }
}
