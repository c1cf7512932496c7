package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.stromasim.pharmacokinetics.PiecewiseQuadrature;
import org.stromasim.scenario.PlasmaCurveSpec;

/**
 * The plasma curves' integrals and step means against a hand-derived closed form (the bolus) and against
 * composite Gauss–Legendre quadrature of {@link PlasmaCurve#at} written here, split at the breaks the
 * test itself knows from the curve's parameters (the quadrature is exact to rounding on each smooth
 * piece: 5 points integrate polynomials of degree 9, and the pieces are short against every half-life).
 */
class PlasmaCurveIntegralTest {

    /** Relative tolerance: rounding of sums of a few hundred terms, far below any step error. */
    private static final double REL = 1e-11;

    /** Integrals over many intervals (straddling every break, before the first, tiny ones) against quadrature. */
    private static void matchesQuadrature(PlasmaCurve c, double[] breaks, double horizonS) {
        double[][] intervals = {{0, horizonS}, {0, breaks[0]}, {breaks[0] - 7.3, breaks[0] + 11.1},
                {breaks[breaks.length - 1] - 1e-3, breaks[breaks.length - 1] + 2e-3}, {0.37 * horizonS, 0.61 * horizonS}};
        Random random = new Random(12);
        for (int k = 0; k < 40 + intervals.length; k++) {
            double a;
            double b;
            if (k < intervals.length) {
                a = Math.max(0, intervals[k][0]);
                b = intervals[k][1];
            } else {
                a = random.nextDouble() * horizonS;
                b = a + (k % 2 == 0 ? 1e-2 : random.nextDouble() * 0.3 * horizonS);
            }
            double expected = PiecewiseQuadrature.quadrature(c::at, a, b, breaks);
            double scale = Math.max(Math.abs(expected), 1e-300);
            assertEquals(expected, c.integral(a, b), REL * scale + 1e-13 * (b - a), "∫ over [" + a + ", " + b + "]");
            assertEquals(expected / (b - a), c.mean(a, b), (REL * scale + 1e-13 * (b - a)) / (b - a));
        }
    }

    /**
     * A step that ends at a bolus start, computed as the run computes it (start + n·dt), can land an ulp
     * past it: it must still see no plasma at all, since two runs compared relative to that zero (step
     * control's pilots) would otherwise read the sliver as a 100 % difference.
     */
    @Test
    void aStepEndingAnUlpPastTheBolusStartSeesNoPlasma() {
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(5.0, 60.0, List.of(300.0), null));
        double dt = 30.0 / 9;
        double lastStart = 30 + 8 * dt; // the last of 9 steps from 30 s to the start at 60 s
        double lastEnd = lastStart + dt; // as the backends compute a step's end
        assertTrue(lastEnd > 60, "the case needs an end past the start: " + lastEnd);
        assertTrue(c.integral(lastStart, lastEnd) > 0, "without snapping the sliver is there");
        assertEquals(0.0, c.mean(lastStart, lastEnd), 0.0);
        // a step starting an ulp before the bolus start delivers what one starting at it does
        double before = Math.nextDown(60.0);
        assertEquals(c.integral(60, 63) / (63 - before), c.mean(before, 63), 0.0);
        // a step whose end is well past the start (1e-9 s) sees its share
        assertTrue(c.mean(lastStart, 60 + 1e-9) > 0);
    }

    @Test
    void bolusIntegralIsTheHandDerivedClosedFormAcrossItsStart() {
        // peak 8, start 100 s, t½ 60 s: ∫ from 40 to 220 = 8·∫₀¹²⁰ 2^(−τ/60) dτ = 8·60/ln 2·(1 − 2^(−2))
        PlasmaCurve c = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(8.0, 100.0, List.of(60.0), null));
        double expected = 8 * 60 / Math.log(2) * 0.75;
        assertEquals(expected, c.integral(40, 220), 1e-12 * expected);
        assertEquals(expected / 180, c.mean(40, 220), 1e-12 * expected / 180);
        assertEquals(0.0, c.integral(0, 100), 0.0);
        // a step of h ending at the start delivers nothing; one of h starting there about h·peak
        assertEquals(0.0, c.mean(99, 100), 0.0);
        assertEquals(8 * 60 / Math.log(2) * (1 - Math.pow(2, -1.0 / 60)), c.integral(100, 101), 1e-12);
        // bi-exponential: peak·[f·t½₁(1 − 2^(−T/t½₁)) + (1 − f)·t½₂(1 − 2^(−T/t½₂))]/ln 2 from the start
        PlasmaCurve bi = PlasmaCurve.of(new PlasmaCurveSpec.Bolus(5.0, 20.0, List.of(300.0, 108_000.0), 0.9));
        double t = 600;
        double hand = 5.0 / Math.log(2) * (0.9 * 300 * (1 - Math.pow(2, -t / 300))
                + 0.1 * 108_000 * (1 - Math.pow(2, -t / 108_000)));
        assertEquals(hand, bi.integral(0, 20 + t), 1e-12 * hand);
        assertArrayEquals(new double[] {20.0}, bi.breakTimesS(1e9));
        assertArrayEquals(new double[0], bi.breakTimesS(19.9));
    }

    @Test
    void everyCurveTypeMatchesQuadrature() {
        matchesQuadrature(PlasmaCurve.of(new PlasmaCurveSpec.Bolus(5.0, 20.0, List.of(300.0, 108_000.0), 0.9)),
                new double[] {20.0}, 3000);
        matchesQuadrature(PlasmaCurve.of(new PlasmaCurveSpec.Infusion(10.0, 50.0, 200.0, 100.0)),
                new double[] {50.0, 250.0}, 900);
        PlasmaCurveSpec.Bolus dose = new PlasmaCurveSpec.Bolus(4.0, 10.0, List.of(100.0, 900.0), 0.6);
        matchesQuadrature(PlasmaCurve.of(new PlasmaCurveSpec.RepeatedBolus(dose, 100.0, 3)),
                new double[] {10.0, 110.0, 210.0}, 600);
        PlasmaCurve constant = PlasmaCurve.of(new PlasmaCurveSpec.Constant(3.5));
        assertEquals(3.5 * 12.5, constant.integral(7, 19.5), 1e-12);
        assertEquals(0, constant.breakTimesS(1e9).length);
    }

    @Test
    void aCurveScaledByAPiecewiseConstantFactorIntegratesPieceByPiece() {
        PlasmaCurve base = PlasmaCurve.of(new PlasmaCurveSpec.Infusion(10.0, 50.0, 200.0, 100.0));
        DoubleUnaryOperator factor = t -> t >= 150 && t < 400 ? 0.25 : 1.0;
        PlasmaCurve c = PlasmaCurve.scaled(base, factor, new double[] {150, 400});
        matchesQuadrature(c, new double[] {50, 150, 250, 400}, 900);
        assertArrayEquals(new double[] {50, 150, 250, 400}, c.breakTimesS(1e9));
    }

    @Test
    void breakTimesAreTheJumpsAndKinksUpToTheHorizon() {
        PlasmaCurveSpec.Bolus dose = new PlasmaCurveSpec.Bolus(4.0, 10.0, List.of(100.0), null);
        PlasmaCurve repeated = PlasmaCurve.of(new PlasmaCurveSpec.RepeatedBolus(dose, 100.0, 1_000_000_000));
        assertArrayEquals(new double[] {10, 110, 210}, repeated.breakTimesS(250));
        PlasmaCurve infusion = PlasmaCurve.of(new PlasmaCurveSpec.Infusion(10.0, 50.0, 200.0, 100.0));
        assertArrayEquals(new double[] {50, 250}, infusion.breakTimesS(1e9));
        assertEquals(infusion.at(75), infusion.mean(75, 75), 0.0);
    }
}
