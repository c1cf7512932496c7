package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec.Activation;
import org.stromasim.tissue.CellType;

/**
 * Quiescent fibroblast → CAF under TGF-β, stochastic per voxel. Over a slow step Δt a fibroblast
 * voxel activates with probability p = 1 − exp(−r·H(T)·Δt), the exact chance of at least one event of
 * a Poisson process of rate r·H(T); H(T) = Tⁿ/(EC50ⁿ + Tⁿ) when T exceeds the threshold, else 0, and T is
 * the local TGF-β times (1 − TGF-β inhibition). Stochastic rather than a continuous activation state
 * because a voxel's cell code is discrete (it selects the secretion, uptake and binding rates of the
 * voxel), and because no new per-voxel field is then needed in snapshots: the draw is a counter-based
 * random number ({@link CounterRandom}) of (seed, voxel, slow-step index), so it is reproducible on any
 * backend and thread count and after a resume.
 */
public final class FibroblastActivation {

    private final Activation law;

    public FibroblastActivation(Activation law) {
        this.law = law;
    }

    /** Activation rate at TGF-β level {@code t}, 1/s. */
    public double ratePerS(double t) {
        if (!(t > law.threshold())) {
            return 0.0;
        }
        double tn = Math.pow(t, law.hillN());
        return law.maxRatePerS() * tn / (Math.pow(law.ec50(), law.hillN()) + tn);
    }

    /**
     * Activates fibroblast voxels of {@code cell} for a step of {@code dtS} seconds.
     *
     * @param signal    1 − TGF-β inhibition: the fraction of the TGF-β signal that acts
     * @param stepIndex the slow-step counter (part of the random draw)
     * @return the number of voxels activated
     */
    public int step(byte[] cell, float[] tgfb, double dtS, double signal, long seed, long stepIndex) {
        byte fibroblast = CellType.FIBROBLAST.code();
        byte caf = CellType.CAF.code();
        int activated = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != fibroblast) {
                continue;
            }
            double rate = ratePerS(tgfb[v] * signal);
            if (rate > 0 && CounterRandom.uniform(seed, v, stepIndex) < -Math.expm1(-rate * dtS)) {
                cell[v] = caf;
                activated++;
            }
        }
        return activated;
    }
}
