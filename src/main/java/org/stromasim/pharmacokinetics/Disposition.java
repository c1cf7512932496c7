package org.stromasim.pharmacokinetics;

/**
 * How the body clears a drug from plasma once it is in the central compartment: one compartment
 * (one half-life) or two (a distribution and a terminal half-life, with the share of the initial
 * level that falls with the first). The plasma level after an IV bolus of D mg is
 * C(t) = D/V₁·[f·e^(−αt) + (1 − f)·e^(−βt)], α = ln 2/t½₁, β = ln 2/t½₂ (f = 1 with one half-life):
 * the macro-constant form of the two-compartment model, in which the measured half-lives are the
 * parameters.
 *
 * @param centralVolumeL   V₁, the central (for oral drugs, apparent V/F) volume of distribution, L
 * @param halfLivesH       one or two half-lives, h
 * @param fastFraction     f, share of the initial level that decays with the first half-life (two only)
 * @param molarMassGPerMol converts mg/L to a molar concentration
 */
public record Disposition(double centralVolumeL, double[] halfLivesH, double fastFraction, double molarMassGPerMol) {

    public Disposition {
        requirePositive("volume_l", centralVolumeL);
        requirePositive("molar_mass_g_per_mol", molarMassGPerMol);
        if (halfLivesH.length < 1 || halfLivesH.length > 2) {
            throw new IllegalArgumentException("half_lives_h must list one or two half-lives, got " + halfLivesH.length);
        }
        for (double h : halfLivesH) {
            requirePositive("half-life (h)", h);
        }
        if (!(fastFraction >= 0 && fastFraction <= 1)) {
            throw new IllegalArgumentException("fast_fraction must be in [0, 1], got " + fastFraction);
        }
        if (halfLivesH.length == 2 && halfLivesH[0] == halfLivesH[1]) {
            throw new IllegalArgumentException("the two half-lives are equal (" + halfLivesH[0] + " h); give one");
        }
        halfLivesH = halfLivesH.clone();
    }

    /** µM per (mg/L): 1 mg/L of a substance of M g/mol is 1000/M µM. */
    public double micromolarPerMgPerL() {
        return 1000.0 / molarMassGPerMol;
    }

    /** The plasma level per mg given into the central compartment at t = 0, in µM, as exponentials in s. */
    ExponentialResponse impulsePerMgMicromolar() {
        double scale = micromolarPerMgPerL() / centralVolumeL;
        if (halfLivesH.length == 1) {
            return ExponentialResponse.ofExponentials(new double[] {scale}, new double[] {ratePerS(halfLivesH[0])});
        }
        return ExponentialResponse.ofExponentials(new double[] {scale * fastFraction, scale * (1.0 - fastFraction)},
                new double[] {ratePerS(halfLivesH[0]), ratePerS(halfLivesH[1])});
    }

    /** ln 2 / t½, with t½ in hours, in 1/s. */
    static double ratePerS(double halfLifeH) {
        return Math.log(2.0) / (halfLifeH * 3600.0);
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
        }
    }
}
