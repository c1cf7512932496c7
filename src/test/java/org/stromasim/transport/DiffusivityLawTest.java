package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusivityLawSpec;

/** The stiffness → diffusivity laws against docs/parameters.md §2 and their basic properties. */
class DiffusivityLawTest {

    /** IgG Stokes radius, nm (docs/parameters.md §2, S). */
    private static final double IGG_RADIUS_NM = 5.34;
    /** Fibre radius of the computed rows, nm (docs/parameters.md §2, C). */
    private static final double FIBRE_RADIUS_NM = 20;

    /**
     * With E_ref = 1 kPa, φ_ref = 0.01 and n = 2, φ = 0.01·√E, so E = 1, 25, 100 kPa give φ = 0.01, 0.05,
     * 0.10. docs/parameters.md §2 (C): D/D0 = 0.88, 0.75, 0.67 (two decimals, so ± 0.005).
     */
    @Test
    void ogstonMatchesComputedRowsForIgG() {
        OgstonLaw law = new OgstonLaw(FIBRE_RADIUS_NM, 1.0, 0.01, 2.0);
        assertEquals(0.01, law.fibreFraction(1), 1e-15);
        assertEquals(0.05, law.fibreFraction(25), 1e-15);
        assertEquals(0.10, law.fibreFraction(100), 1e-15);
        assertEquals(0.88, law.relativeDiffusivity(1, IGG_RADIUS_NM), 0.005);
        assertEquals(0.75, law.relativeDiffusivity(25, IGG_RADIUS_NM), 0.005);
        assertEquals(0.67, law.relativeDiffusivity(100, IGG_RADIUS_NM), 0.005);
    }

    /**
     * Ogston's obstruction, by its two defining proportionalities rather than its formula retyped: the
     * log hindrance grows as √φ (four times the fibre fraction, twice the log) and as 1 + r_s/r_f (a
     * solute of the fibre's radius, twice the log of a point solute); with φ from E = E_ref·(φ/φ_ref)^n,
     * 16× the stiffness at n = 2 is 4× φ.
     */
    @Test
    void ogstonLogHindranceScalesWithRootFractionAndSoluteSize() {
        OgstonLaw law = new OgstonLaw(FIBRE_RADIUS_NM, 1.0, 0.01, 2.0);
        double logAt4 = Math.log(law.relativeDiffusivity(4, IGG_RADIUS_NM));
        double logAt64 = Math.log(law.relativeDiffusivity(64, IGG_RADIUS_NM));
        assertEquals(2.0, logAt64 / logAt4, 1e-12);
        double point = Math.log(law.relativeDiffusivity(25, 0.0));
        double fibreSized = Math.log(law.relativeDiffusivity(25, FIBRE_RADIUS_NM));
        assertEquals(2.0, fibreSized / point, 1e-12);
        // a point solute at φ = 0.01 (E = E_ref): ln(D/D0) = −√0.01 = −0.1
        assertEquals(-0.1, Math.log(law.relativeDiffusivity(1, 0.0)), 1e-12);
    }

    @Test
    void ogstonFibreFractionFollowsPowerLawAndIsCapped() {
        OgstonLaw law = new OgstonLaw(FIBRE_RADIUS_NM, 4.0, 0.02, 2.5);
        assertEquals(0.02, law.fibreFraction(4.0), 1e-15);
        assertEquals(0.02 * Math.pow(10, 1 / 2.5), law.fibreFraction(40.0), 1e-15);
        assertEquals(1.0, law.fibreFraction(1e12), 0.0);
        // φ = 1: ln(D/D0) = −(1 + r_s/r_f) = −(1 + 5.34/20) = −1.267
        assertEquals(-1.267, Math.log(law.relativeDiffusivity(1e12, IGG_RADIUS_NM)), 1e-12);
    }

    @Test
    void bothLawsAreOneAtZeroStiffness() {
        for (DiffusivityLaw law : laws()) {
            assertEquals(1.0, law.relativeDiffusivity(0.0, IGG_RADIUS_NM), 0.0, law.toString());
            assertEquals(1.0, law.relativeDiffusivity(0.0, 0.5), 0.0, law.toString());
        }
    }

    @Test
    void bothLawsDecreaseStrictlyWithStiffnessAndStayPositive() {
        for (DiffusivityLaw law : laws()) {
            double previous = 1.0;
            for (double e = 0.5; e <= 200; e *= 1.5) {
                double d = law.relativeDiffusivity(e, IGG_RADIUS_NM);
                assertTrue(d < previous && d > 0, law + " at E=" + e + ": " + d + " after " + previous);
                previous = d;
            }
        }
    }

    /** Ogston slows larger solutes more; the exponential law is size-independent by design. */
    @Test
    void dependenceOnSoluteRadius() {
        OgstonLaw ogston = new OgstonLaw(FIBRE_RADIUS_NM, 1.0, 0.01, 2.0);
        double previous = 1.0;
        for (double r = 0.25; r <= 20; r *= 2) {
            double d = ogston.relativeDiffusivity(25, r);
            assertTrue(d < previous, "Ogston at r_s=" + r + ": " + d + " after " + previous);
            previous = d;
        }
        ExponentialLaw exp = new ExponentialLaw(10);
        assertEquals(exp.relativeDiffusivity(7, 0.5), exp.relativeDiffusivity(7, IGG_RADIUS_NM), 0.0);
        assertEquals(Math.exp(-1), exp.relativeDiffusivity(10, 1), 1e-15);
    }

    @Test
    void factoryBuildsTheNamedLaw() {
        assertEquals(new OgstonLaw(20, 1, 0.01, 2), DiffusivityLaw.of(new DiffusivityLawSpec.Ogston(20, 1, 0.01, 2)));
        assertEquals(new ExponentialLaw(5), DiffusivityLaw.of(new DiffusivityLawSpec.Exponential(5)));
    }

    @Test
    void invalidParametersAreRejectedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExponentialLaw(0));
        assertEquals("exponential law needs stiffness_scale_kpa > 0, got 0.0", e.getMessage());
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> new OgstonLaw(20, 1, 1.5, 2));
        assertTrue(o.getMessage().contains("φ_ref=1.5"), o.getMessage());
    }

    private static DiffusivityLaw[] laws() {
        return new DiffusivityLaw[]{new OgstonLaw(FIBRE_RADIUS_NM, 1.0, 0.01, 2.0), new ExponentialLaw(10)};
    }
}
