package org.stromasim.transport;

/**
 * Ogston obstruction by a random fibre network, D/D0 = exp(−√φ·(1 + r_s/r_f)), with the fibre
 * volume fraction taken from stiffness by the collagen-network power law E = E_ref·(φ/φ_ref)^n,
 * i.e. φ = φ_ref·(E/E_ref)^(1/n), capped at 1. Larger solutes (antibodies) are slowed more than
 * small molecules by the same matrix.
 */
public record OgstonLaw(double fibreRadiusNm, double referenceStiffnessKpa, double referenceFibreFraction,
                        double stiffnessExponent) implements DiffusivityLaw {

    public OgstonLaw {
        if (!(fibreRadiusNm > 0) || !(referenceStiffnessKpa > 0) || !(referenceFibreFraction > 0)
                || !(referenceFibreFraction <= 1) || !(stiffnessExponent > 0)) {
            throw new IllegalArgumentException("Ogston law needs r_f > 0, E_ref > 0, 0 < φ_ref ≤ 1, n > 0; got r_f="
                    + fibreRadiusNm + " nm, E_ref=" + referenceStiffnessKpa + " kPa, φ_ref=" + referenceFibreFraction
                    + ", n=" + stiffnessExponent);
        }
    }

    /** Fibre volume fraction φ at a stiffness, in [0, 1]. */
    public double fibreFraction(double stiffnessKpa) {
        if (stiffnessKpa <= 0) {
            return 0.0;
        }
        double phi = referenceFibreFraction * Math.pow(stiffnessKpa / referenceStiffnessKpa, 1.0 / stiffnessExponent);
        return Math.min(phi, 1.0);
    }

    @Override
    public double relativeDiffusivity(double stiffnessKpa, double stokesRadiusNm) {
        double phi = fibreFraction(stiffnessKpa);
        return Math.exp(-Math.sqrt(phi) * (1.0 + stokesRadiusNm / fibreRadiusNm));
    }
}
