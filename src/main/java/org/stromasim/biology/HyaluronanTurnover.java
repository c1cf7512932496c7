package org.stromasim.biology;

import org.stromasim.matrix.CompositionLaw;
import org.stromasim.scenario.HyaluronanSpec;
import org.stromasim.tissue.CellType;

/**
 * Hyaluronan per voxel on the slow clock ({@code ecm.hyaluronan}): the cells of a voxel deposit it, it turns over
 * first order, hyaluronidase degrades it, losartan slows deposition. With φ the voxel's GAG volume fraction of the
 * extracellular space, φ_b its cell type's sourced fraction, k_t the turnover rate, k_h the hyaluronidase rate,
 * L and H the losartan and hyaluronidase strengths:
 *
 * <pre>  dφ/dt = k_t·φ_b·(1 − L) − (k_t + k_h·H)·φ</pre>
 *
 * The deposition rate k_t·φ_b is derived, not a parameter: it is the rate at which the sourced composition is the
 * steady state without treatment, so an untreated tissue keeps its composition and a voxel that changes cell
 * type (a fibroblast activated to a CAF, whose sourced fraction is higher) relaxes to its new type's fraction at
 * the turnover rate. Over a slow step the strengths (at the step midpoint) and the cell type (at the step end,
 * after activation and the drug kill) are held, and the step is the exact solution
 * φ ← φ∞ + (φ − φ∞)·e^(−λΔt), φ∞ = k_t·φ_b·(1 − L)/λ, λ = k_t + k_h·H. kernels/biology.cl repeats it per voxel.
 */
public final class HyaluronanTurnover {

    private final HyaluronanSpec spec;
    private final CompositionLaw composition;

    public HyaluronanTurnover(HyaluronanSpec spec, CompositionLaw composition) {
        this.spec = spec;
        this.composition = composition;
    }

    /** The deposition rate of a cell type, k_t·φ_b (volume fraction per s), before losartan. */
    public double depositionPerS(int cellCode) {
        return spec.turnoverPerS() * composition.baselineGagFraction(cellCode);
    }

    /** The first-order loss rate λ = k_t + k_h·H at hyaluronidase strength H, 1/s. */
    public double lossPerS(double hyaluronidase) {
        return spec.turnoverPerS() + spec.hyaluronidasePerS() * hyaluronidase;
    }

    /**
     * The steady state φ∞ = k_t·φ_b·(1 − L)/λ of each cell code under losartan L and hyaluronidase H (indexed by
     * code; the OpenCL slow step reads the same numbers). With no loss at all (k_t = 0 and no enzyme) there is no
     * deposition either (k_t·φ_b = 0) and the decay is 1, so any finite value leaves φ as it is: 0.
     */
    public double[] steadyStates(double losartan, double hyaluronidase) {
        double loss = lossPerS(hyaluronidase);
        double[] target = new double[CellType.COUNT];
        for (int code = 0; code < target.length; code++) {
            target[code] = loss > 0 ? depositionPerS(code) * (1.0 - losartan) / loss : 0.0;
        }
        return target;
    }

    /** e^(−λΔt), the share of the departure from the steady state left after a step of {@code dtS}. */
    public double decay(double dtS, double hyaluronidase) {
        return Math.exp(-lossPerS(hyaluronidase) * dtS);
    }

    /** One slow step of every voxel of {@code gag} over {@code dtS} (cell types {@code cell}, strengths held). */
    public void step(byte[] cell, float[] gag, double dtS, double losartan, double hyaluronidase) {
        double[] target = steadyStates(losartan, hyaluronidase);
        double decay = decay(dtS, hyaluronidase);
        for (int v = 0; v < gag.length; v++) {
            gag[v] = (float) relax(gag[v], target[cell[v]], decay);
        }
    }

    /** φ after a step toward the steady state {@code target} with e^(−λΔt) = {@code decay}. */
    static double relax(double phi, double target, double decay) {
        return target + (phi - target) * decay;
    }
}
