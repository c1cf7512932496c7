package org.stromasim.pharmacokinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec.Dosing;
import org.stromasim.scenario.PlasmaCurveSpec.Interruption;
import org.stromasim.scenario.PlasmaCurveSpec.Metabolite;
import org.stromasim.scenario.PlasmaCurveSpec.Regimen;
import org.stromasim.scenario.PlasmaCurveSpec.Route;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;

/**
 * Integrals of dosing and metabolite curves (sums of exponential chains, integrated term by term) against
 * the textbook closed form of a one-compartment IV bolus and against Gauss–Legendre quadrature of the
 * curve's values written here, split at the dose times and infusion ends the test knows from the regimen.
 */
class DosingCurveIntegralTest {

    private static final double H = 3600.0;
    private static final double MOLAR_MASS = 400.0;
    private static final double REL = 1e-10;

    private static void matchesQuadrature(DosingCurve c, double[] breaksS, double horizonS) {
        Random random = new Random(5);
        for (int k = 0; k < 40; k++) {
            double a;
            double b;
            if (k < breaksS.length) {
                a = Math.max(0, breaksS[k] - 0.01 * H); // straddling each break
                b = breaksS[k] + 0.02 * H;
            } else {
                a = random.nextDouble() * horizonS;
                b = a + (k % 3 == 0 ? 0.5 : random.nextDouble() * 0.2 * horizonS);
            }
            double expected = PiecewiseQuadrature.quadrature(c::at, a, b, breaksS);
            assertEquals(expected, c.integral(a, b), REL * Math.abs(expected) + 1e-14 * (b - a),
                    "∫ over [" + a + ", " + b + "]");
        }
    }

    @Test
    void oneCompartmentIvBolusIsDoseOverVolumeTimesTheExponentialsArea() {
        // C(t) = D/V·(1000/M)·e^(−kt): ∫ from 0 to T = D/V·(1000/M)·(1 − e^(−kT))/k
        double k = Math.log(2) / (6 * H);
        DosingCurve c = DosingCurves.of(new Dosing(MOLAR_MASS, 20, List.of(6.0), null,
                List.of(new Regimen(Route.IV_BOLUS, 80, 1.0, null, null, null, null, 1.0, null)), List.of()),
                ConcentrationUnit.MICROMOLAR);
        double scale = 80.0 / 20 * 1000 / MOLAR_MASS;
        double t = 5 * H;
        double hand = scale * (1 - Math.exp(-k * t)) / k;
        assertEquals(hand, c.integral(0, H + t), 1e-12 * hand);
        assertEquals(0.0, c.integral(0, H), 0.0);
        assertArrayEquals(new double[] {H}, c.breakTimesS());
    }

    @Test
    void everyRouteAndAMetaboliteMatchQuadrature() {
        Regimen iv = new Regimen(Route.IV_BOLUS, 100, 0.5, 12.0, 3, null, null, 1.0, null);
        Regimen oral = new Regimen(Route.ORAL, 50, 2.0, 8.0, 4, null, 1.5, 0.7, null);
        Regimen infusion = new Regimen(Route.INFUSION, 60, 5.0, null, null, null, null, 1.0, 2.0);
        Regimen depot = new Regimen(Route.DEPOT, 200, 1.0, null, null, null, 30.0, 1.0, null);
        Dosing spec = new Dosing(MOLAR_MASS, 30, List.of(2.0, 20.0), 0.7, List.of(iv, oral, infusion, depot),
                List.of(new Interruption(20, 21)));
        DosingCurve c = DosingCurves.of(spec, ConcentrationUnit.NANOMOLAR);
        // doses at 0.5, 12.5, 24.5 h (IV), 2, 10, 18, 26 h (oral; 18 h not interrupted), 5 h (infusion, ends 7 h), 1 h (depot)
        double[] breaksH = {0.5, 1, 2, 5, 7, 10, 12.5, 18, 24.5, 26};
        double[] breaksS = Arrays.stream(breaksH).map(h -> h * H).toArray();
        assertArrayEquals(breaksS, c.breakTimesS(), 1e-9);
        matchesQuadrature(c, breaksS, 40 * H);
        DosingCurve metabolite = DosingCurves.metabolite(new Metabolite("parent", 9.0, 0.4), spec,
                ConcentrationUnit.NANOMOLAR, ConcentrationUnit.MICROMOLAR);
        matchesQuadrature(metabolite, breaksS, 40 * H);
    }
}
