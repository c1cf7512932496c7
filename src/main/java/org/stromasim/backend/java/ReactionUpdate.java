package org.stromasim.backend.java;

import org.stromasim.tissue.CellType;
import org.stromasim.transport.SpeciesReactions;

/**
 * The reaction sub-step of one species over a range of voxels. Every term is written as
 * dC/dt = S − λ·C with S ≥ 0 and λ ≥ 0 and integrated exactly over the sub-step h:
 * C ← C·e^(−λh) + S·h·(1 − e^(−λh))/(λh), which is unconditionally stable and keeps C ≥ 0.
 * <ul>
 *   <li>decay k and binding k_bind[cell]: λ += k + k_bind;</li>
 *   <li>vessel exchange: λ += P·(S/V), S += P·(S/V)·C_plasma(t at the sub-step midpoint);</li>
 *   <li>Michaelis–Menten uptake with its rate frozen at the start of the sub-step:
 *       λ += viability·Vmax/(Km + C) — positivity-preserving, first order in h for the nonlinear part;</li>
 *   <li>secretion: S += viability·rate, and with a saturation level λ += viability·rate/saturation.</li>
 * </ul>
 * Vessel voxels are lumen: they do not react; for a species that crosses vessel walls they are set to
 * the plasma concentration at the end of the sub-step (for display).
 */
final class ReactionUpdate {

    /** Below this λh the factor (1 − e^(−x))/x is taken from its series, which avoids cancellation. */
    private static final double SERIES_BELOW = 1e-5;

    private final boolean active;
    private final boolean crossesVessels;
    private final double decayPerS;
    private final double permeabilityUmPerS;
    private final double[] bindingPerS;
    private final double[] vmaxPerS;
    private final double[] km;
    private final double[] secretionPerS;
    private final double[] secretionRelaxPerS;

    ReactionUpdate(SpeciesReactions r, boolean crossesVessels) {
        this.active = r.hasAnyTerm() || crossesVessels;
        this.crossesVessels = crossesVessels;
        this.decayPerS = r.decayPerS();
        this.permeabilityUmPerS = crossesVessels ? r.permeabilityUmPerS() : 0.0;
        this.bindingPerS = r.bindingPerS().clone();
        this.vmaxPerS = r.uptakeVmaxPerS().clone();
        this.km = r.uptakeKm().clone();
        this.secretionPerS = r.secretionPerS().clone();
        this.secretionRelaxPerS = r.secretionRelaxPerS().clone();
    }

    /** False when no term acts on the species (the sub-step is the identity and can be skipped). */
    boolean active() {
        return active;
    }

    /**
     * Updates voxels vFrom ≤ v < vTo of {@code c} in place over a sub-step of {@code hS} seconds.
     *
     * @param svPerUm     vessel wall area per volume per voxel, 1/µm
     * @param plasmaMid   plasma concentration at the sub-step midpoint
     * @param plasmaEnd   plasma concentration at the sub-step end (the value vessel voxels hold)
     */
    void react(float[] c, byte[] cell, float[] viability, float[] svPerUm, double hS, double plasmaMid,
               double plasmaEnd, int vFrom, int vTo) {
        final byte vessel = CellType.VESSEL.code();
        final float vesselValue = (float) plasmaEnd;
        for (int v = vFrom; v < vTo; v++) {
            int code = cell[v];
            if (code == vessel) {
                if (crossesVessels) {
                    c[v] = vesselValue;
                }
                continue;
            }
            double cv = c[v];
            double alive = viability[v];
            double exchange = permeabilityUmPerS * svPerUm[v];
            double lambda = decayPerS + bindingPerS[code] + exchange
                    + alive * (vmaxPerS[code] / (km[code] + Math.max(cv, 0.0)) + secretionRelaxPerS[code]);
            double source = exchange * plasmaMid + alive * secretionPerS[code];
            c[v] = (float) exactRelaxation(cv, source, lambda, hS);
        }
    }

    /** Exact solution at time h of dC/dt = S − λC from C: C·e^(−λh) + S·h·(1 − e^(−λh))/(λh). */
    static double exactRelaxation(double c, double source, double lambda, double h) {
        double x = lambda * h;
        double e = Math.exp(-x);
        double integratedFraction = x > SERIES_BELOW ? (1.0 - e) / x : 1.0 - x / 2 + x * x / 6;
        return c * e + source * h * integratedFraction;
    }
}
