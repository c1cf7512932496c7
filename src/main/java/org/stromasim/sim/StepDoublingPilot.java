package org.stromasim.sim;

import org.stromasim.backend.Backend;
import org.stromasim.tissue.Tissue;

/**
 * Step doubling on a backend: from one state, the transport over a pilot window is run twice, with
 * the run's steps (interval by interval, as {@link TimeStepPlan#stepsFor} splits it) and with each of
 * those steps halved, and the two end states are compared. The backend is left holding the start
 * state again (uploaded afresh), so the run continues exactly as if no pilot had run. The pilot runs
 * work on copies and {@code start} itself is uploaded only at the end: a backend may update the
 * arrays it was given in place (the Java backend does), which must never touch the run's state.
 *
 * <p>The difference measured is the largest, over the species' concentration fields and the drug
 * exposure accumulated over the window, of the relative L2 difference ‖coarse − fine‖₂ / ‖fine‖₂
 * (exposure: of the increments over the window). A field that is zero in the fine run everywhere has
 * nothing to be relative to and is skipped.
 */
final class StepDoublingPilot {

    private final Backend backend;
    private final Tissue start;
    private final Tissue coarse;
    private final Tissue fine;

    /** @param start the state at the window start; it must be the state the backend holds (uploaded) */
    StepDoublingPilot(Backend backend, Tissue start) {
        this.backend = backend;
        this.start = start;
        this.coarse = start.copy();
        this.fine = start.copy();
    }

    /** The largest relative difference and the field it was found in. */
    record Difference(double relative, String field) {
    }

    /**
     * Runs the window {@code eventTimesS[0] → eventTimesS[last]} with at most {@code plan.maxDtS()} per
     * step (equal steps between consecutive event times, as the run takes them) and with half those
     * steps, and returns their difference.
     */
    Difference compare(double[] eventTimesS, TimeStepPlan plan) {
        advance(eventTimesS, plan, 1, coarse);
        advance(eventTimesS, plan, 2, fine);
        backend.upload(start);
        double worst = 0;
        String where = "none";
        for (int s = 0; s < start.speciesCount(); s++) {
            double r = relativeL2(coarse.concentration(s), fine.concentration(s), null);
            if (r > worst) {
                worst = r;
                where = start.speciesNames().get(s);
            }
        }
        double exposure = relativeL2(coarse.drugExposure(), fine.drugExposure(), start.drugExposure());
        if (exposure > worst) {
            worst = exposure;
            where = "drug exposure";
        }
        return new Difference(worst, where);
    }

    private void advance(double[] eventTimesS, TimeStepPlan plan, int refinement, Tissue into) {
        start.copyInto(into);
        backend.upload(into);
        for (int i = 0; i + 1 < eventTimesS.length; i++) {
            double from = eventTimesS[i];
            double length = eventTimesS[i + 1] - from;
            int steps = plan.stepsFor(length) * refinement;
            backend.advance(from, length / steps, steps);
        }
        backend.download(into);
    }

    /** ‖a − b‖ / ‖b − base‖ (base null: 0); 0 when the denominator is 0 (nothing to be relative to). */
    static double relativeL2(float[] a, float[] b, float[] base) {
        if (a == null || b == null) {
            return 0;
        }
        double num = 0;
        double den = 0;
        for (int v = 0; v < a.length; v++) {
            double d = (double) a[v] - b[v];
            double ref = base == null ? b[v] : (double) b[v] - base[v];
            num += d * d;
            den += ref * ref;
        }
        return den > 0 ? Math.sqrt(num / den) : 0;
    }
}
