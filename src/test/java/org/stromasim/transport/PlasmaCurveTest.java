package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec;

class PlasmaCurveTest {

    private static final double TOL = 1e-12;

    @Test
    void constantIsTheSameAtAllTimes() {
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Constant(3.5));
        assertEquals(3.5, c.at(0), TOL);
        assertEquals(3.5, c.at(-10), TOL);
        assertEquals(3.5, c.at(1e7), TOL);
    }

    @Test
    void monoExponentialBolusHalvesEveryHalfLifeAfterItsStart() {
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(8.0, 100.0, List.of(60.0), null));
        assertEquals(0.0, c.at(99.9), TOL);
        assertEquals(8.0, c.at(100), TOL);
        assertEquals(4.0, c.at(160), TOL);
        assertEquals(1.0, c.at(280), TOL);
    }

    @Test
    void biExponentialBolusSplitsThePeakBetweenTwoHalfLives() {
        // f = 0.75 with t½ = 300 s, the rest with t½ = 72,000 s; start defaults to 0.
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(2.0, null, List.of(300.0, 72_000.0), 0.75));
        assertEquals(2.0, c.at(0), TOL);
        double t = 600;
        double expected = 2.0 * (0.75 * 0.25 + 0.25 * Math.pow(2, -600.0 / 72_000.0));
        assertEquals(expected, c.at(t), TOL);
        assertEquals(0.0, c.at(-1), TOL);
    }

    @Test
    void infusionRisesTowardItsLevelThenDecaysFromTheEndValue() {
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Infusion(10.0, 50.0, 200.0, 100.0));
        assertEquals(0.0, c.at(49), TOL);
        assertEquals(0.0, c.at(50), TOL);
        assertEquals(5.0, c.at(150), TOL);           // one half-life in: level·(1 − 1/2)
        assertEquals(7.5, c.at(250), TOL);           // end of infusion: level·(1 − 1/4)
        assertEquals(3.75, c.at(350), TOL);          // one half-life after the end
        assertEquals(7.5 / 8, c.at(550), TOL);
    }

    @Test
    void repeatedBolusesAddTheirContributions() {
        PlasmaCurveSpec.Bolus dose = new PlasmaCurveSpec.Bolus(4.0, 10.0, List.of(100.0), null);
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.RepeatedBolus(dose, 100.0, 3));
        assertEquals(0.0, c.at(5), TOL);
        assertEquals(4.0, c.at(10), TOL);
        assertEquals(2.0, c.at(109.999999999), 1e-9);
        assertEquals(4.0 + 2.0, c.at(110), TOL);     // second dose on top of half the first
        assertEquals(4.0 + 2.0 + 1.0, c.at(210), TOL);
        // no fourth dose at 310: the three earlier doses have halved once more
        assertEquals(0.5 + 1.0 + 2.0, c.at(310), TOL);
    }

    @Test
    void impossibleParametersAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlasmaCurve.of(new PlasmaCurveSpec.Bolus(1.0, 0.0, List.of(-5.0), null)));
        assertTrue(e.getMessage().contains("-5.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PlasmaCurve.of(new PlasmaCurveSpec.Bolus(1.0, 0.0, List.of(1.0, 2.0), 1.5)));
        assertTrue(e.getMessage().contains("fast_fraction must be in [0, 1], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PlasmaCurve.of(new PlasmaCurveSpec.RepeatedBolus(
                new PlasmaCurveSpec.Bolus(1.0, 0.0, List.of(1.0), null), 10.0, 0)));
        assertTrue(e.getMessage().contains("count must be >= 1, got 0"), e.getMessage());
    }
}
