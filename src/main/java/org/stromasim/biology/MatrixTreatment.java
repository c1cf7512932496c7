package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec.InterventionKind;
import java.util.List;
import org.stromasim.matrix.CompositionLaw;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;

/**
 * What the matrix-targeting co-therapies do on the slow clock, written once for both backends.
 *
 * <ul>
 * <li><b>Collagen</b> follows stiffness (the composition law), so the collagen therapies act through
 *     {@link MatrixRemodelling}: losartan slows CAF deposition like a LOX inhibitor (the two combine as
 *     independent blockades, {@link #collagenDepositionBlock}); collagenase softens toward the floor like the
 *     matrix enzyme (combined the same way, {@link #collagenDegradation}).</li>
 * <li><b>Hyaluronan</b> (with {@code ecm.hyaluronan}) is a per-voxel state of the tissue ({@link HyaluronanTurnover}):
 *     losartan slows its deposition, hyaluronidase degrades it, both at their strengths over the step.</li>
 * </ul>
 */
public final class MatrixTreatment {

    private final InterventionLevels levels;
    /** The hyaluronan turnover, or null without {@code ecm.hyaluronan}. */
    private final HyaluronanTurnover hyaluronan;

    public MatrixTreatment(InterventionLevels levels, HyaluronanTurnover hyaluronan) {
        this.levels = levels;
        this.hyaluronan = hyaluronan;
    }

    /** The treatment of a scenario; without biology no intervention acts, without {@code ecm.hyaluronan} no turnover. */
    public static MatrixTreatment of(Scenario scenario) {
        HyaluronanTurnover turnover = scenario.ecm().hyaluronan() == null ? null
                : new HyaluronanTurnover(scenario.ecm().hyaluronan(), new CompositionLaw(
                        ((DiffusivityLawSpec.FibreMatrix) scenario.ecm().diffusivityLaw()).composition()));
        return new MatrixTreatment(new InterventionLevels(scenario.biology() == null ? List.of()
                : scenario.biology().interventions()), turnover);
    }

    /** LOX inhibitor and losartan as one blockade of collagen deposition, 0..1. */
    public static double collagenDepositionBlock(InterventionLevels levels, double timeS) {
        return 1.0 - (1.0 - levels.at(InterventionKind.LOX_INHIBITOR, timeS))
                * (1.0 - levels.at(InterventionKind.LOSARTAN, timeS));
    }

    /** Matrix enzyme and collagenase as one softening activity, 0..1. */
    public static double collagenDegradation(InterventionLevels levels, double timeS) {
        return 1.0 - (1.0 - levels.at(InterventionKind.ENZYME, timeS))
                * (1.0 - levels.at(InterventionKind.COLLAGENASE, timeS));
    }

    /** The hyaluronan turnover, or null without {@code ecm.hyaluronan}. */
    public HyaluronanTurnover hyaluronan() {
        return hyaluronan;
    }

    /**
     * One slow step of the hyaluronan state {@code gag} over [startS, endS] for cells {@code cell}, with the
     * losartan and hyaluronidase strengths at the step midpoint; nothing without {@code ecm.hyaluronan}.
     */
    public void stepHyaluronan(byte[] cell, float[] gag, double startS, double endS) {
        if (hyaluronan == null) {
            return;
        }
        double mid = 0.5 * (startS + endS);
        hyaluronan.step(cell, gag, endS - startS, levels.at(InterventionKind.LOSARTAN, mid),
                levels.at(InterventionKind.HYALURONIDASE, mid));
    }

    /** The steady state per cell code of the step over [startS, endS] ({@link HyaluronanTurnover#steadyStates}). */
    public double[] hyaluronanSteadyStates(double startS, double endS) {
        double mid = 0.5 * (startS + endS);
        return hyaluronan.steadyStates(levels.at(InterventionKind.LOSARTAN, mid),
                levels.at(InterventionKind.HYALURONIDASE, mid));
    }

    /** e^(−λΔt) of the step over [startS, endS] ({@link HyaluronanTurnover#decay}). */
    public double hyaluronanDecay(double startS, double endS) {
        return hyaluronan.decay(endS - startS, levels.at(InterventionKind.HYALURONIDASE, 0.5 * (startS + endS)));
    }
}
