package org.stromasim.flow;

/**
 * Transvascular solute flux with solvent drag (Patlak et al. 1963, in the form Baxter &amp; Jain 1989
 * use for tumours), per unit wall area:
 * <pre>  J_s/S = J_v/S·(1 − σ_f)·C_p + P·(C_p − C)·Pe/(e^Pe − 1),   Pe = J_v/S·(1 − σ_f)/P</pre>
 * J_v/S the fluid filtration velocity through the wall (µm/s), σ_f the solute's filtration
 * reflection coefficient, P its diffusive permeability (µm/s). Pe → 0 leaves P·(C_p − C); large Pe
 * leaves the convective J_v/S·(1 − σ_f)·C_p. Reabsorption (J_v &lt; 0) is the same formula.
 *
 * <p>As a rate on the tissue concentration: J_s/V = a·C_p − b·C with b = P·S/V·w(Pe) and
 * a = b + J_v/V·(1 − σ_f), w(Pe) = Pe/(e^Pe − 1) ({@link #diffusiveWeight}).
 */
public final class PatlakExchange {

    private PatlakExchange() {
    }

    /**
     * w(Pe) = Pe/(e^Pe − 1), the share of the diffusive exchange that survives solvent drag; 1 at Pe = 0.
     * expm1 keeps full precision for small |Pe|; above Pe ≈ 700 e^Pe overflows and w is 0 to double precision.
     */
    public static double diffusiveWeight(double pe) {
        if (pe == 0) {
            return 1.0;
        }
        if (pe > 700) {
            return 0.0;
        }
        return pe / Math.expm1(pe);
    }

    /** Péclet number of the wall, J_v/S·(1 − σ_f)/P; +∞ or −∞ for an impermeable (P = 0) solute under flow. */
    public static double peclet(double filtrationVelocityUmPerS, double reflection, double permeabilityUmPerS) {
        double convective = filtrationVelocityUmPerS * (1 - reflection);
        if (permeabilityUmPerS == 0) {
            return convective == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, convective);
        }
        return convective / permeabilityUmPerS;
    }

    /** J_s/S, the solute flux into the tissue per wall area (concentration × µm/s). */
    public static double fluxPerArea(double permeabilityUmPerS, double filtrationVelocityUmPerS, double reflection,
                                     double plasma, double tissue) {
        double convective = filtrationVelocityUmPerS * (1 - reflection);
        double pe = peclet(filtrationVelocityUmPerS, reflection, permeabilityUmPerS);
        double diffusive = Double.isInfinite(pe) ? 0.0 : permeabilityUmPerS * diffusiveWeight(pe) * (plasma - tissue);
        if (pe == Double.NEGATIVE_INFINITY) {
            // P = 0 under reabsorption: the fluid leaving the tissue carries tissue fluid, not plasma
            return convective * tissue;
        }
        return convective * plasma + diffusive;
    }
}
