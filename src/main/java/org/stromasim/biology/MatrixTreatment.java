package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.scenario.HyaluronanSpec;
import org.stromasim.scenario.Scenario;

/**
 * What the matrix-targeting co-therapies do on the slow clock, written once for both backends.
 *
 * <ul>
 * <li><b>Collagen</b> follows stiffness (the composition law), so the collagen therapies act through
 *     {@link MatrixRemodelling}: losartan slows CAF deposition like a LOX inhibitor (the two combine as
 *     independent blockades, {@link #collagenDepositionBlock}); collagenase softens toward the floor like the
 *     matrix enzyme (combined the same way, {@link #collagenDegradation}).</li>
 * <li><b>Hyaluronan</b> (with {@code ecm.hyaluronan}) is a level g that multiplies every GAG fraction. It starts
 *     at 1 (synthesis balances first-order turnover k_t) and over each slow step, with the strengths at the step
 *     midpoint held constant, follows dg/dt = k_t·((1 − L) − g) − k_h·H·g exactly:
 *     g ← g∞ + (g − g∞)·e^(−(k_t + k_h·H)·Δt), g∞ = k_t·(1 − L)/(k_t + k_h·H), L the losartan and H the
 *     hyaluronidase strength. Interventions are uniform in space (like every intervention here), so g is one number
 *     per time: {@link #gagLevelAt} replays the slow steps up to a time, which makes a resumed run continue exactly
 *     without storing it.</li>
 * </ul>
 */
public final class MatrixTreatment {

    private final InterventionLevels levels;
    private final HyaluronanSpec hyaluronan;
    private final double intervalS;
    /** Replay cache: g after {@code cachedSteps} slow steps. */
    private long cachedSteps;
    private double cachedLevel = 1.0;

    public MatrixTreatment(InterventionLevels levels, HyaluronanSpec hyaluronan, double slowIntervalS) {
        this.levels = levels;
        this.hyaluronan = hyaluronan;
        this.intervalS = slowIntervalS;
    }

    /** The treatment of a scenario; without biology or {@code ecm.hyaluronan} the GAG level stays 1. */
    public static MatrixTreatment of(Scenario scenario) {
        if (scenario.biology() == null) {
            return new MatrixTreatment(new InterventionLevels(java.util.List.of()), null, 1.0);
        }
        return new MatrixTreatment(new InterventionLevels(scenario.biology().interventions()), scenario.ecm().hyaluronan(),
                scenario.biology().slowIntervalS());
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

    /** Whether the GAG level can leave 1 (the scenario has {@code ecm.hyaluronan} and a slow clock). */
    public boolean gagChanges() {
        return hyaluronan != null;
    }

    /** The GAG level after the slow steps that end at or before {@code timeS} (1 before the first). */
    public double gagLevelAt(double timeS) {
        if (hyaluronan == null) {
            return 1.0;
        }
        // the slow clock's events are k × interval (sim.OutputSchedule); the same tolerance counts them
        long steps = (long) Math.floor(timeS / intervalS * (1 + 1e-9) + 1e-9);
        if (steps < cachedSteps) {
            cachedSteps = 0;
            cachedLevel = 1.0;
        }
        double g = cachedLevel;
        for (long k = cachedSteps + 1; k <= steps; k++) {
            double start = (k - 1) * intervalS;
            g = step(g, start, k * intervalS);
        }
        cachedSteps = steps;
        cachedLevel = g;
        return g;
    }

    /** One slow step of the GAG level over [startS, endS], strengths at the midpoint. */
    double step(double g, double startS, double endS) {
        double mid = 0.5 * (startS + endS);
        double synthesis = hyaluronan.turnoverPerS() * (1.0 - levels.at(InterventionKind.LOSARTAN, mid));
        double loss = hyaluronan.turnoverPerS() + hyaluronan.hyaluronidasePerS() * levels.at(InterventionKind.HYALURONIDASE, mid);
        if (!(loss > 0)) {
            return g;
        }
        double target = synthesis / loss;
        return target + (g - target) * Math.exp(-loss * (endS - startS));
    }
}
