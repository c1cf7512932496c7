package org.stromasim.matrix;

/**
 * D/D0 in a fibre matrix, written here from the published formulas and arranged differently from
 * the product (harmonic-mean permeability, α = r_s/√κ, Maxwell's tortuosity from the extracellular
 * fraction), so a wrong term in the product shows as a disagreement.
 */
public final class FibreMatrixReference {

    private FibreMatrixReference() {
    }

    /** Jackson & James (1986): κ = (3 r²/(20 φ))·ln(e^(−0.931)/φ), nm². */
    public static double jacksonJames(double phi, double r) {
        return 3 * r * r / (20 * phi) * Math.log(Math.exp(-0.931) / phi);
    }

    /**
     * Brinkman F = 3/(3 + 3α + α²), α = r_s/√κ (Johnson et al. 1996); Johnson's steric exp(−0.84 f^1.09);
     * Maxwell's tortuosity λ² = (3 − α_ecs)/2 with α_ecs = 1 − φ_cell (Nicholson &amp; Phillips 1981).
     */
    public static double relativeDiffusivity(double phiCol, double rCol, double phiGag, double rGag, double phiCell, double rs) {
        double kCol = phiCol > 0 ? jacksonJames(phiCol, rCol) : Double.POSITIVE_INFINITY;
        double kGag = phiGag > 0 ? jacksonJames(phiGag, rGag) : Double.POSITIVE_INFINITY;
        double kappa = Double.isInfinite(kCol) ? kGag : Double.isInfinite(kGag) ? kCol : kCol * kGag / (kCol + kGag);
        double alpha = Double.isInfinite(kappa) ? 0 : rs / Math.sqrt(kappa);
        double hydro = 3 / (3 + 3 * alpha + alpha * alpha);
        double f = phiCol * Math.pow((rCol + rs) / rCol, 2) + phiGag * Math.pow((rGag + rs) / rGag, 2);
        double steric = f == 0 ? 1 : Math.exp(-0.84 * Math.exp(1.09 * Math.log(f)));
        double extracellular = 1 - phiCell;
        double tortuositySquared = (3 - extracellular) / 2;
        return hydro * steric / tortuositySquared;
    }

}
