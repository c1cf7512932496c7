package org.stromasim.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Function;
import org.stromasim.backend.Backend;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/**
 * A backend's explicit scheme against the {@link ReferenceStepper}, voxel by voxel.
 *
 * <p>The explicit scheme is first order in dt (forward Euler diffusion; Lie splitting; Michaelis–Menten
 * frozen per sub-step), so its result at dt is P(dt) = R + a·dt + b·dt² + …, with R the exact
 * solution of the semi-discrete equations. The product runs at dt, dt/2 and dt/4; Richardson's
 * extrapolations Q1 = 2P(dt/2) − P(dt) and Q2 = 2P(dt/4) − P(dt/2) remove the first-order term, so
 * Q2 − R ≈ b·dt²/8 and Q1 − Q2 ≈ 3·b·dt²/8: the product's own convergence says how far from R its
 * limit can be. Each voxel must satisfy
 * <pre>
 *   |Q2 − R| ≤ |Q1 − Q2| + floor,   floor = 3·n·2⁻²⁴·scale
 * </pre>
 * (three times the second-order remainder the product shows, plus the float32 round-off of n = the
 * finest run's step count steps, each rounding a value of the inputs' scale, tripled by the
 * extrapolation). A product that converges to other equations (a wrong face mean, a missing wall
 * factor, a plasma curve at the wrong time) misses R by O(1), far outside. The reference itself runs
 * RK4 at dt/8, whose error is below 1e-9 of the scale here (checked against dt/16 in ReferenceStepperTest).
 */
public final class ReferenceComparison {

    private ReferenceComparison() {
    }

    /** The state after {@code steps} steps of {@code dtS} from t = 0 on a fresh backend. */
    public static Tissue run(Scenario scenario, Tissue initial, Function<TransportModel, Backend> backendOf,
                             double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        try (Backend backend = backendOf.apply(model)) {
            backend.upload(state);
            backend.advance(0.0, dtS, steps);
            backend.download(state);
        }
        return state;
    }

    /**
     * Runs the product at dt, dt/2, dt/4 for {@code steps}·dt seconds and the reference to the same time,
     * and asserts the inequality of the class comment for every species and the exposure. Returns the
     * worst ratio |Q2 − R| / (|Q1 − Q2| + floor) seen (below 1 when it passes).
     */
    public static double assertConvergesToReference(String what, Scenario scenario, Tissue initial,
                                                    Function<TransportModel, Backend> backendOf, double dtS, int steps,
                                                    double scale) {
        return assertConvergesToReference(what, scenario, initial, ReferenceStepper.of(scenario, initial), backendOf,
                dtS, steps, scale);
    }

    /** As above against a reference built by the caller (from {@code initial}, not yet advanced). */
    public static double assertConvergesToReference(String what, Scenario scenario, Tissue initial,
                                                    ReferenceStepper reference,
                                                    Function<TransportModel, Backend> backendOf, double dtS, int steps,
                                                    double scale) {
        double endS = dtS * steps;
        assertTrue(dtS <= 0.5 * reference.explicitLimitS(), "dt " + dtS + " s must stay below half the explicit limit "
                + reference.explicitLimitS() + " s for the first-order expansion to hold");
        int referenceSteps = 8 * steps;
        double h = endS / referenceSteps;
        assertTrue(h <= 0.25 * reference.explicitLimitS() && h * reference.fastestReactionPerS() <= 0.25,
                "reference step " + h + " s too large for RK4 to be exact to 1e-9");
        reference.advance(0.0, endS, referenceSteps);
        Tissue p1 = run(scenario, initial, backendOf, dtS, steps);
        Tissue p2 = run(scenario, initial, backendOf, dtS / 2, 2 * steps);
        Tissue p4 = run(scenario, initial, backendOf, dtS / 4, 4 * steps);
        double floor = 3.0 * (4 * steps) * 0x1p-24 * scale;
        double worst = 0;
        for (int s = 0; s < p1.speciesCount(); s++) {
            worst = Math.max(worst, compare(what + ", species " + p1.speciesNames().get(s), reference.concentration(s),
                    p1.concentration(s), p2.concentration(s), p4.concentration(s), floor));
        }
        worst = Math.max(worst, compare(what + ", drug exposure", reference.drugExposure(), p1.drugExposure(),
                p2.drugExposure(), p4.drugExposure(), floor * endS));
        return worst;
    }

    private static double compare(String what, double[] r, float[] p1, float[] p2, float[] p4, double floor) {
        double worst = 0;
        for (int v = 0; v < r.length; v++) {
            double q1 = 2.0 * p2[v] - p1[v];
            double q2 = 2.0 * p4[v] - p2[v];
            double allowed = Math.abs(q1 - q2) + floor;
            double miss = Math.abs(q2 - r[v]);
            if (!(miss <= allowed)) {
                fail(what + ": voxel " + v + " reference " + r[v] + ", product extrapolated " + q2 + " (P(dt) " + p1[v]
                        + ", P(dt/2) " + p2[v] + ", P(dt/4) " + p4[v] + "): miss " + miss + " > |Q1 − Q2| "
                        + Math.abs(q1 - q2) + " + floor " + floor);
            }
            worst = Math.max(worst, miss / allowed);
        }
        return worst;
    }
}
