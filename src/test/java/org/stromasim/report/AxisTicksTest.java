package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tick choices against positions worked out by hand for the panels the report draws. */
class AxisTicksTest {

    private static final TimeAxis MINUTES = new TimeAxis("time (min)", 60);
    private static final TimeAxis HOURS = new TimeAxis("time (h)", 3600);
    private static final TimeAxis SECONDS = new TimeAxis("time (s)", 1);

    @Test
    void timeAxesStepInRoundMinutesAndHours() {
        // 20 min in at most 5 intervals: 4 min is wanted, the next round step is 5 min -> 0, 5, 10, 15, 20
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0), AxisTicks.forTime(20, MINUTES, 5).positions());
        // 60 min: 12 wanted -> 15 (not XChart's 3-minute steps, not a decimal 20)
        assertEquals(List.of(0.0, 15.0, 30.0, 45.0, 60.0), AxisTicks.forTime(60, MINUTES, 5).positions());
        // 18 h: 3.6 wanted -> 6 h steps (a quarter day), not 5
        assertEquals(List.of(0.0, 6.0, 12.0, 18.0), AxisTicks.forTime(18, HOURS, 5).positions());
        // 120 s: 24 wanted -> 30 s
        assertEquals(List.of(0.0, 30.0, 60.0, 90.0, 120.0), AxisTicks.forTime(120, SECONDS, 5).positions());
        // an end off the step keeps the axis end at the data's end, the last tick below it
        AxisTicks odd = AxisTicks.forTime(37, MINUTES, 5);
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0), odd.positions());
        assertEquals(37.0, odd.high());
        // a run shorter than the unit: decimal steps, 0.5 s wanted -> 0.5
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), AxisTicks.forTime(2.5, SECONDS, 5).positions());
    }

    @Test
    void valueAxesTakeWholeStepsAroundTheData() {
        // the tumour-stiffness course 9.221..9.259 kPa: span/5 = 0.0076 -> step 0.01, range 9.22..9.26
        AxisTicks stiffness = AxisTicks.forValues(9.221, 9.259, 5);
        assertEquals(0.01, stiffness.step(), 1e-15);
        assertEquals(5, stiffness.count());
        assertEquals(9.22, stiffness.low(), 1e-12);
        assertEquals(9.26, stiffness.high(), 1e-12);
        assertEquals("9.22", stiffness.label(9.22));
        assertEquals("9.26", stiffness.label(stiffness.positions().get(4)));
        // 0..1427 µM: 285 wanted -> 500: 0, 500, 1,000, 1,500
        AxisTicks lactate = AxisTicks.forValues(0, 1427, 5);
        assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0), lactate.positions());
        assertEquals("1,500", lactate.label(1500));
        // 1000..1427: 85 wanted -> 100, 1,000..1,500 in 5 intervals
        assertEquals(6, AxisTicks.forValues(1000, 1427, 5).count());
        // a constant 3.94 kPa: ±5 % = 3.743..4.137, step 0.1 -> 3.7..4.2
        AxisTicks constant = AxisTicks.forValues(3.94, 3.94, 5);
        assertEquals(3.7, constant.low(), 1e-12);
        assertEquals(4.2, constant.high(), 1e-12);
        // a constant zero stays non-negative: 0..1
        AxisTicks zero = AxisTicks.forValues(0, 0, 5);
        assertEquals(0.0, zero.low());
        assertEquals(1.0, zero.high(), 1e-12);
    }

    @Test
    void floorAndCeilingNeverExceedTheIntervalLimit() {
        // 0.9..4.1 with 4 intervals: 0.8 wanted -> 1 would need 0..5 (5 intervals) -> widened to 2: 0, 2, 4, 6
        AxisTicks t = AxisTicks.forValues(0.9, 4.1, 4);
        assertEquals(2.0, t.step());
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0), t.positions());
    }

    @Test
    void labelsNeverCarryFloatingPointNoise() {
        AxisTicks t = AxisTicks.forValues(0.1, 0.7, 6);
        for (double v : t.positions()) {
            String label = t.label(v);
            assertEquals(true, label.length() <= 3, label);
        }
        assertEquals("1.5E-4", AxisTicks.forValues(0, 1.5e-4, 3).label(1.5e-4));
    }

    @Test
    void decimalStepIsTheSmallestRoundStepNotBelowTheWish() {
        assertEquals(1.0, AxisTicks.decimalStep(1.0));
        assertEquals(2.0, AxisTicks.decimalStep(1.01));
        assertEquals(5.0, AxisTicks.decimalStep(2.5));
        assertEquals(10.0, AxisTicks.decimalStep(5.5));
        assertEquals(0.02, AxisTicks.decimalStep(0.0152), 1e-15);
    }
}
