package org.stromasim.pharmacokinetics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plasma level of a drug (or of a metabolite formed from it) under a dosing schedule: the sum of
 * every dose given so far (linear kinetics, so doses superpose), each in closed form. A pure function
 * of time: a run resumed from a snapshot sees exactly the levels of the uninterrupted run.
 */
public final class DosingCurve {

    private final DoseEvent[] events;
    private final double[] eventTimesS;
    private final double unitsPerMicromolar;

    DosingCurve(List<DoseEvent> events, double unitsPerMicromolar) {
        List<DoseEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingDouble(DoseEvent::timeS));
        this.events = sorted.toArray(new DoseEvent[0]);
        this.eventTimesS = new double[this.events.length];
        for (int i = 0; i < this.events.length; i++) {
            eventTimesS[i] = this.events[i].timeS();
        }
        this.unitsPerMicromolar = unitsPerMicromolar;
    }

    /** Plasma level at {@code tS}, in the species' unit; 0 before the first dose. */
    public double at(double tS) {
        int given = firstAfter(tS);
        double sum = 0.0;
        for (int i = 0; i < given; i++) {
            sum += events[i].at(tS);
        }
        return sum * unitsPerMicromolar;
    }

    /** ∫ of the plasma level over [fromS, toS] (fromS ≤ toS), exactly, in the species' unit × s. */
    public double integral(double fromS, double toS) {
        // a dose at toS or later adds nothing; an event exactly at toS is counted by firstAfter and gives 0
        int given = firstAfter(toS);
        double sum = 0.0;
        for (int i = 0; i < given; i++) {
            sum += events[i].integral(fromS, toS);
        }
        return sum * unitsPerMicromolar;
    }

    /**
     * Where the level or its slope jumps: every dose time (an IV bolus jumps, an oral dose or an
     * infusion starts rising) and every infusion's end, s, ascending, without repeats.
     */
    public double[] breakTimesS() {
        java.util.TreeSet<Double> times = new java.util.TreeSet<>();
        for (DoseEvent e : events) {
            times.add(e.timeS());
            if (e.durationS() > 0) {
                times.add(e.timeS() + e.durationS());
            }
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Times of the doses (starts of infusions), s, in order. */
    public double[] doseTimesS() {
        return eventTimesS.clone();
    }

    /**
     * The first dose time at which the trough (the level just before that dose) has reached
     * {@code fraction} of the trough before the last dose: how long the schedule takes to approach its
     * steady state. NaN with fewer than three doses or a last trough of 0.
     */
    public double timeToFractionOfLastTroughS(double fraction) {
        int last = eventTimesS.length - 1;
        if (last < 2) {
            return Double.NaN;
        }
        double finalTrough = at(Math.nextDown(eventTimesS[last]));
        if (!(finalTrough > 0)) {
            return Double.NaN;
        }
        for (int i = 1; i <= last; i++) {
            if (at(Math.nextDown(eventTimesS[i])) >= fraction * finalTrough) {
                return eventTimesS[i];
            }
        }
        return eventTimesS[last];
    }

    /** An upper bound of the level over all time (every dose at its own peak at once), in the species' unit. */
    public double upperBound() {
        double sum = 0.0;
        for (DoseEvent e : events) {
            sum += e.response().upperBound();
        }
        return sum * unitsPerMicromolar;
    }

    /**
     * The plasma level of a metabolite formed from this drug and cleared with {@code halfLifeH}, scaled
     * so that under constant input its level is {@code steadyStateRatio} times the parent's (molar).
     * With formation fm·CL_p·C_p and clearance CL_m, dC_m/dt·V_m = fm·CL_p·C_p − CL_m·C_m, so
     * C_m = R·k_m·(C_p * e^(−k_m t)) with R = fm·CL_p/CL_m the steady-state ratio: the two unmeasured
     * quantities fm and V_m enter only through R, which is measured.
     *
     * @param unitsPerMicromolar the metabolite species' unit per µM
     */
    public DosingCurve metabolite(double halfLifeH, double steadyStateRatio, double unitsPerMicromolar) {
        Disposition.requirePositive("metabolite half_life_h", halfLifeH);
        Disposition.requirePositive("steady_state_ratio", steadyStateRatio);
        double km = Disposition.ratePerS(halfLifeH);
        List<DoseEvent> formed = new ArrayList<>(events.length);
        for (DoseEvent e : events) {
            formed.add(e.through(km, steadyStateRatio));
        }
        return new DosingCurve(formed, unitsPerMicromolar);
    }

    /** Number of events with time ≤ tS. */
    private int firstAfter(double tS) {
        int lo = 0;
        int hi = eventTimesS.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (eventTimesS[mid] <= tS) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
