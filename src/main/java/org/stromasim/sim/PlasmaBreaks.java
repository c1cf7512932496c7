package org.stromasim.sim;

import java.util.Arrays;
import java.util.TreeSet;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportModel;

/**
 * The times where a plasma curve of the run jumps or kinks (bolus starts, dose times, infusion ends:
 * {@link PlasmaCurve#breakTimesS}), as events of the time loop: an interval ends at each, so no step
 * straddles one. A step across a bolus start sees a source whose mean is not a smooth function of the
 * step (its share of the peak depends on where the start falls), so step doubling reads an error there
 * that does not shrink with h; ended at the start, every step sees a smooth curve. A pure function of
 * the scenario, so a resumed run meets the same events.
 */
final class PlasmaBreaks {

    /** Relative tolerance within which a break coincides with an output event (as {@link OutputSchedule}). */
    private static final double EPS = 1e-9;
    static final PlasmaBreaks NONE = new PlasmaBreaks(new double[0]);

    private final double[] timesS;

    PlasmaBreaks(double[] ascendingTimesS) {
        this.timesS = ascendingTimesS.clone();
    }

    /** Every break of every species' curve and vessel group curve up to {@code untilS}. */
    static PlasmaBreaks of(TransportModel model, double untilS) {
        TreeSet<Double> times = new TreeSet<>();
        for (int s = 0; s < model.speciesCount(); s++) {
            for (int g = 0; g < model.plasmaGroupCount(); g++) {
                PlasmaCurve curve = g == 0 ? model.plasma(s) : model.plasma(s, g);
                if (curve != null) {
                    for (double t : curve.breakTimesS(untilS)) {
                        times.add(t);
                    }
                }
            }
        }
        return new PlasmaBreaks(times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The end of an interval starting at {@code fromS} whose next output event is {@code eventS}: the
     * first break after {@code fromS} where it comes before that event, else the event (a break within
     * rounding of the event is the event: no interval of a few ulps).
     */
    double end(double fromS, double eventS) {
        int i = Arrays.binarySearch(timesS, fromS + EPS * Math.max(1.0, Math.abs(fromS)));
        int first = i >= 0 ? i + 1 : -i - 1;
        if (first < timesS.length) {
            double b = timesS[first];
            if (b < eventS - EPS * Math.max(1.0, Math.abs(eventS))) {
                return b;
            }
        }
        return eventS;
    }
}
