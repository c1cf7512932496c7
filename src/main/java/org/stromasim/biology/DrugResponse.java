package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec;
import org.stromasim.tissue.CellType;

/**
 * Kill of cancer voxels by the drug: an Emax/Hill law on the local concentration or exposure X,
 * k = k_max·Xⁿ/(EC50_effⁿ + Xⁿ), with viability ← viability·e^(−k·Δt) over a slow step (first-order
 * loss of living cells; exact for k constant over the step). A voxel whose viability falls below the
 * death threshold turns DEAD; it then takes up nothing and secretes nothing (uptake and secretion
 * already scale with viability, and a DEAD voxel has its own, normally empty, rates).
 *
 * <p>Effective EC50 (paracrine and metabolic resistance), both saturating in their driver:
 * EC50_eff = EC50 · [1 + (f_IL6 − 1)·Iʰ/(Iʰ + K_IL6ʰ)] · [1 + (f_lac − 1)·u], with I the local IL-6 times
 * (1 − IL-6R blockade) and u = (1 − MCT1 inhibition)·L/(L + Km_MCT1) the fraction of MCT1 capacity in
 * use (lactate the cancer cells actually take up: extracellular lactate that MCT1 cannot import does
 * not feed them, so blocking MCT1 removes the tolerance even though lactate then accumulates outside).
 * Sources of the form: IL-6 shift — CAF-conditioned medium and IL-6 induce fulvestrant resistance
 * (Dittmer 2019), reversed by IL-6R blockade with tocilizumab (Cancers 2021, 13:1511); lactate —
 * L-lactate alone confers tamoxifen resistance, fibroblast co-culture 4.4× less apoptosis
 * (Martinez-Outschoorn 2011); docs/parameters.md §6 (V qualitative; the fold factors and K are U).
 */
public final class DrugResponse {

    private final BiologySpec.DrugResponse law;

    public DrugResponse(BiologySpec.DrugResponse law) {
        this.law = law;
    }

    /** The EC50 in a voxel with IL-6 {@code il6} and lactate {@code lactate}, given the blockades (0..1). */
    public double effectiveEc50(double il6, double lactate, double il6Block, double mct1Block) {
        BiologySpec.Il6Resistance r = law.il6Resistance();
        double i = Math.max(il6, 0.0) * (1.0 - il6Block);
        double ih = Math.pow(i, r.hillN());
        double il6Factor = 1.0 + (r.maxFactor() - 1.0) * ih / (ih + Math.pow(r.ec50(), r.hillN()));
        double l = Math.max(lactate, 0.0);
        double supply = (1.0 - mct1Block) * l / (l + law.lactateTolerance().km());
        double lactateFactor = 1.0 + (law.lactateTolerance().maxFactor() - 1.0) * supply;
        return law.ec50() * il6Factor * lactateFactor;
    }

    /** The fraction of MCT1 capacity in use, u = (1 − MCT1 inhibition)·L/(L + Km). */
    public double lactateSupply(double lactate, double mct1Block) {
        double l = Math.max(lactate, 0.0);
        return (1.0 - mct1Block) * l / (l + law.lactateTolerance().km());
    }

    /** Kill rate at drug measure {@code x} with effective EC50 {@code ec50}, 1/s. */
    public double killRatePerS(double x, double ec50) {
        if (!(x > 0)) {
            return 0.0;
        }
        double xn = Math.pow(x, law.hillN());
        return law.maxKillPerS() * xn / (Math.pow(ec50, law.hillN()) + xn);
    }

    /** Whether the kill law reads the exposure (AUC) rather than the concentration. */
    public boolean onExposure() {
        return law.measure() == BiologySpec.Measure.EXPOSURE;
    }

    /**
     * One slow step on the cancer voxels.
     *
     * @param measure the drug concentration or exposure per voxel (see {@link #onExposure})
     * @return the number of voxels that died in this step
     */
    public int step(byte[] cell, float[] viability, float[] measure, float[] il6, float[] lactate, double dtS,
                    double il6Block, double mct1Block) {
        byte cancer = CellType.CANCER.code();
        byte dead = CellType.DEAD.code();
        int died = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != cancer) {
                continue;
            }
            double ec50 = effectiveEc50(il6[v], lactate[v], il6Block, mct1Block);
            double k = killRatePerS(measure[v], ec50);
            if (k > 0) {
                viability[v] = (float) (viability[v] * Math.exp(-k * dtS));
            }
            if (viability[v] < law.deathViability()) {
                cell[v] = dead;
                died++;
            }
        }
        return died;
    }
}
