package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link SteadyState}: the settling time of hand-made courses, worked out by hand, and of a sampled
 * exponential approach, against its closed form.
 */
class SteadyStateTest {

    private static final double DAY = 86400;

    @Test
    void aHandMadeCourseSettlesWhereItEntersTheBandForGood() {
        double[] t = days(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // change 0 → 0.6, band ±0.06 around 0.6: 0.50 (at 2 d) is outside, 0.55 (3 d) inside, and it stays;
        // the edge 0.54 is crossed 0.04/0.05 = 0.8 of the way from 2 d to 3 d
        double[] v = {0, 0.3, 0.5, 0.55, 0.58, 0.6, 0.61, 0.6, 0.59, 0.6, 0.6};
        SteadyState s = SteadyState.of(t, v);
        assertTrue(s.reached());
        assertEquals(2.8 * DAY, s.settledS(), 1e-6 * DAY);
        assertEquals(0.6, s.lastValue());
        assertEquals("2.8 d", s.text());
    }

    @Test
    void aCourseThatLeavesTheBandAgainSettlesOnlyAfterItsLastExcursion() {
        double[] t = days(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // inside from 2 d, out again at 4 d (0.45 < 0.54), back in at 5 d: entry 0.09/0.12 = 0.75 of the way
        double[] v = {0, 0.3, 0.56, 0.6, 0.45, 0.57, 0.6, 0.6, 0.6, 0.6, 0.6};
        assertEquals(4.75 * DAY, SteadyState.of(t, v).settledS(), 1e-6 * DAY);
    }

    @Test
    void aFallingCourseIsJudgedByItsChangeNotByItsSmallLastValue() {
        // under-suppressed fraction 1 → 0.02: band ±0.098 around 0.02, edge 0.118 crossed between 0.2 (1 d)
        // and 0.1 (2 d) at (0.2 − 0.118)/0.1 = 0.82
        double[] t = days(0, 1, 2, 3, 4, 5, 6);
        double[] v = {1, 0.2, 0.1, 0.05, 0.03, 0.02, 0.02};
        assertEquals(1.82 * DAY, SteadyState.of(t, v).settledS(), 1e-6 * DAY);
    }

    @Test
    void aSampledExponentialApproachSettlesAtTheClosedFormTime() {
        // v = 1 − e^(−t/τ) up to T: |v − v(T)| = e^(−t/τ) − e^(−T/τ) = 0.1·(1 − e^(−T/τ)) at
        // t* = −τ·ln(e^(−T/τ) + 0.1·(1 − e^(−T/τ)))
        double tau = 1.5 * DAY;
        double end = 20 * DAY;
        int n = 2001;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = end * i / (n - 1);
            v[i] = 1 - Math.exp(-t[i] / tau);
        }
        double expected = -tau * Math.log(Math.exp(-end / tau) + 0.1 * (1 - Math.exp(-end / tau)));
        // linear interpolation of a convex course between samples h apart: error below h²·|v''|/(8·|v'|) = h²/(8τ)
        double h = end / (n - 1);
        assertEquals(expected, SteadyState.of(t, v).settledS(), h * h / (8 * tau));
    }

    @Test
    void aCourseStillChangingAtTheEndHasNotReachedItsSteadyState() {
        // a straight rise enters the ±10 % band at 0.9 of the run: it has held it for 10 %, less than 20 %
        double[] t = days(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        double[] v = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        SteadyState s = SteadyState.of(t, v);
        assertFalse(s.reached());
        assertTrue(Double.isNaN(s.settledS()));
        assertEquals(0.1 * 10 * DAY, s.heldS(), 1e-6 * DAY);
        assertTrue(s.text().startsWith("not reached"), s.text());
        // held for exactly 20 % of the run: reached
        double[] justHeld = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9, 1.0, 1.0};
        assertTrue(SteadyState.of(t, justHeld).reached());
    }

    @Test
    void rowsWithoutAValueAreSkippedAndTooFewRowsGiveNoTime() {
        double[] t = days(0, 1, 2, 3, 4, 5);
        double[] v = {Double.NaN, 0, 0.5, Double.NaN, 0.5, 0.5};
        // change 0 → 0.5 from the first finite row (1 d); 0 is outside, 0.5 at 2 d inside: edge 0.45 at 0.9
        assertEquals(1.9 * DAY, SteadyState.of(t, v).settledS(), 1e-6 * DAY);
        assertEquals("n/a", SteadyState.of(days(0, 1), new double[] {Double.NaN, 0.4}).text());
        // a flat course is steady from its first row
        assertEquals(0, SteadyState.of(days(0, 1, 2), new double[] {0.3, 0.3, 0.3}).settledS());
    }

    @Test
    void durationsAreGivenInTheUnitOfTheirScale() {
        assertEquals("45 s", SteadyState.duration(45));
        assertEquals("12.5 min", SteadyState.duration(750));
        assertEquals("7.5 h", SteadyState.duration(7.5 * 3600));
        assertEquals("2.8 d", SteadyState.duration(2.8 * DAY));
    }

    private static double[] days(double... d) {
        double[] s = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            s[i] = d[i] * DAY;
        }
        return s;
    }
}
