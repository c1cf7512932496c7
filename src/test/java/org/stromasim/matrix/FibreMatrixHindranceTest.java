package org.stromasim.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fibre-matrix hindrance against {@link FibreMatrixReference}, written in the tests from the
 * published formulas, and against the rows the formulas are known for.
 */
class FibreMatrixHindranceTest {

    private static final double IGG_NM = 5.34;
    private static final double DOX_NM = 0.6;

    @Test
    void agreesWithTheReferenceOverCompositionsAndSizes() {
        FibreMatrixHindrance h = new FibreMatrixHindrance(20, 0.5);
        double[] collagen = {0, 0.005, 0.05, 0.111, 0.2, 0.3};
        double[] gag = {0, 1e-5, 3e-4, 3e-3, 0.03};
        double[] cells = {0, 0.3, 0.6, 0.9};
        double[] radii = {0, 0.3, DOX_NM, 2.4, IGG_NM, 30};
        int checked = 0;
        for (double c : collagen) {
            for (double g : gag) {
                for (double cell : cells) {
                    for (double rs : radii) {
                        double expected = FibreMatrixReference.relativeDiffusivity(c, 20, g, 0.5, cell, rs);
                        double actual = h.relativeDiffusivity(new MatrixComposition(c, g, cell), rs);
                        // same formulas in double, differently arranged: agreement to round-off
                        assertEquals(expected, actual, 1e-12 * expected, c + " " + g + " " + cell + " " + rs);
                        checked++;
                    }
                }
            }
        }
        assertEquals(720, checked);
    }

    /** Maxwell for spheres at an extracellular fraction of 0.2 (brain-like): λ = √1.4 = 1.183. */
    @Test
    void cellTortuosityIsMaxwellsForImpermeableSpheres() {
        assertEquals(1.183, Math.sqrt(1 / FibreMatrixHindrance.cellFactor(0.8)), 5e-4);
        assertEquals(1.0, FibreMatrixHindrance.cellFactor(0.0), 0.0);
    }

    /** Brinkman at r_s = √κ: 1/(1 + 1 + 1/3) = 3/7. */
    @Test
    void brinkmanFactorAtOnePermeabilityLength() {
        assertEquals(3.0 / 7.0, FibreMatrixHindrance.hydrodynamicFactor(4.0, 1.0 / 16.0), 1e-15);
        assertEquals(1.0, FibreMatrixHindrance.hydrodynamicFactor(4.0, 0.0), 0.0);
    }

    @Test
    void noMatrixNoCellsIsFreeDiffusion() {
        FibreMatrixHindrance h = new FibreMatrixHindrance(20, 0.5);
        assertEquals(1.0, h.relativeDiffusivity(new MatrixComposition(0, 0, 0), IGG_NM), 0.0);
    }

    /**
     * The size selectivity the GAG chains bring (what the Ogston collagen term alone lacks): at a
     * GAG fraction of 3e-4, IgG is slowed by more than 15 %, doxorubicin by less than 3 %.
     */
    @Test
    void gagChainsSlowLargeSolutesMuchMoreThanSmallOnes() {
        FibreMatrixHindrance h = new FibreMatrixHindrance(20, 0.5);
        MatrixComposition gagOnly = new MatrixComposition(0, 3e-4, 0);
        double igg = h.relativeDiffusivity(gagOnly, IGG_NM);
        double dox = h.relativeDiffusivity(gagOnly, DOX_NM);
        assertTrue(igg < 0.85, "IgG in GAG: " + igg);
        assertTrue(dox > 0.97, "doxorubicin in GAG: " + dox);
    }

    @Test
    void hindranceGrowsWithEveryFractionAndWithSize() {
        FibreMatrixHindrance h = new FibreMatrixHindrance(20, 0.5);
        MatrixComposition base = new MatrixComposition(0.05, 3e-4, 0.5);
        double d = h.relativeDiffusivity(base, IGG_NM);
        assertTrue(h.relativeDiffusivity(new MatrixComposition(0.1, 3e-4, 0.5), IGG_NM) < d);
        assertTrue(h.relativeDiffusivity(new MatrixComposition(0.05, 6e-4, 0.5), IGG_NM) < d);
        assertTrue(h.relativeDiffusivity(new MatrixComposition(0.05, 3e-4, 0.7), IGG_NM) < d);
        assertTrue(h.relativeDiffusivity(base, 2 * IGG_NM) < d);
    }
}
