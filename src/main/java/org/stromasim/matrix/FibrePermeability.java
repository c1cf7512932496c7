package org.stromasim.matrix;

/**
 * Darcy permeability κ of a matrix of randomly oriented fibres, nm².
 *
 * <p>One fibre kind: Jackson &amp; James (1986), κ = r_f²·3/(20φ)·(−ln φ − 0.931), their fit to
 * measured permeabilities of fibrous media and gels (valid for φ well below e^(−0.931) ≈ 0.39).
 * Two kinds (collagen fibres and glycosaminoglycan chains) in the same space: their hydraulic
 * resistances add, 1/κ = 1/κ_col + 1/κ_gag (Levick 1987), so the fine GAG chains dominate the
 * resistance even at small volume fractions. The same κ sets the hydrodynamic hindrance of
 * diffusing solutes ({@link FibreMatrixHindrance}) and the tissue's hydraulic conductivity
 * K = κ/μ.
 */
public final class FibrePermeability {

    /** The Jackson–James constant. */
    static final double JACKSON_JAMES_OFFSET = 0.931;

    private FibrePermeability() {
    }

    /** κ of one fibre kind, nm²; +∞ at φ = 0 (no fibres, no resistance). */
    public static double jacksonJamesNm2(double fibreFraction, double fibreRadiusNm) {
        if (!(fibreFraction > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return fibreRadiusNm * fibreRadiusNm * 3.0 / (20.0 * fibreFraction)
                * (-Math.log(fibreFraction) - JACKSON_JAMES_OFFSET);
    }

    /** Hydraulic resistance 1/κ of the collagen–GAG matrix, 1/nm² (0 without fibres). */
    public static double resistancePerNm2(double collagenFraction, double collagenRadiusNm, double gagFraction,
                                          double gagRadiusNm) {
        return 1.0 / jacksonJamesNm2(collagenFraction, collagenRadiusNm) + 1.0 / jacksonJamesNm2(gagFraction, gagRadiusNm);
    }
}
