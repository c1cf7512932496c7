package org.stromasim.matrix;

import org.stromasim.scenario.DiffusivityLawSpec;

/**
 * The collagen-network power law E = E_ref·(φ/φ_ref)^n between ECM stiffness E (kPa) and fibre volume
 * fraction φ, both ways: the diffusivity laws take φ from the stiffness field ({@link #fraction}), and a
 * collagen-fraction image sets the stiffness that gives its φ ({@link #stiffnessKpa}). φ is capped at
 * {@code maxFraction} (the fibre-matrix law's {@code max_collagen_fraction}, 1 for Ogston's law).
 */
public record FibreFractionStiffness(double referenceStiffnessKpa, double referenceFraction, double exponent,
                                     double maxFraction) {

    public FibreFractionStiffness {
        if (!(referenceStiffnessKpa > 0) || !(referenceFraction > 0) || !(exponent > 0) || !(maxFraction > 0)
                || !(maxFraction <= 1)) {
            throw new IllegalArgumentException("power law needs E_ref > 0, φ_ref > 0, n > 0, 0 < φ_max ≤ 1; got "
                    + referenceStiffnessKpa + ", " + referenceFraction + ", " + exponent + ", " + maxFraction);
        }
    }

    /** The law of a diffusivity law that has a fibre fraction (Ogston, fibre matrix); null for one that has none. */
    public static FibreFractionStiffness of(DiffusivityLawSpec law) {
        if (law instanceof DiffusivityLawSpec.Ogston o) {
            return new FibreFractionStiffness(o.referenceStiffnessKpa(), o.referenceFibreFraction(), o.stiffnessExponent(),
                    1.0);
        }
        if (law instanceof DiffusivityLawSpec.FibreMatrix f) {
            return new FibreFractionStiffness(f.composition().referenceStiffnessKpa(),
                    f.composition().referenceCollagenFraction(), f.composition().stiffnessExponent(),
                    f.composition().maxCollagenFraction());
        }
        return null;
    }

    /** φ at a stiffness: φ_ref·(E/E_ref)^(1/n), capped at the maximum; 0 for E ≤ 0. */
    public double fraction(double stiffnessKpa) {
        if (!(stiffnessKpa > 0)) {
            return 0.0;
        }
        return Math.min(referenceFraction * Math.pow(stiffnessKpa / referenceStiffnessKpa, 1.0 / exponent), maxFraction);
    }

    /** The stiffness whose fraction is φ, 0 < φ ≤ the maximum: E_ref·(φ/φ_ref)^n, kPa. */
    public double stiffnessKpa(double fraction) {
        if (!(fraction > 0) || !(fraction <= maxFraction)) {
            throw new IllegalArgumentException("fibre fraction " + fraction + " outside (0, " + maxFraction + "]");
        }
        return referenceStiffnessKpa * Math.pow(fraction / referenceFraction, exponent);
    }
}
