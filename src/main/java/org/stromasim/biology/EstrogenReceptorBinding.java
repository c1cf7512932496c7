package org.stromasim.biology;

/**
 * Equilibrium occupancy of the oestrogen receptor by oestradiol and competing antagonists, each
 * binding one site with its own dissociation constant, when the receptor is scarce next to its
 * ligands (free ≈ total ligand; ER is ~10⁴–10⁵ sites per cell, sub-nM in tissue, while the drugs are at
 * tens to hundreds of nM). With a_E = E/Kd_E and a_i = D_i/Ki_i the fractions of receptor are
 * θ_E = a_E/(1 + a_E + Σa_i) bound to oestradiol and θ_i = a_i/(1 + a_E + Σa_i) to antagonist i — the
 * Gaddum form of competitive binding, whose half-inhibition concentration is the Cheng–Prusoff
 * IC50 = Ki·(1 + E/Kd_E).
 */
public final class EstrogenReceptorBinding {

    private EstrogenReceptorBinding() {
    }

    /** 1 + a_E + Σ a_i. */
    private static double partition(double estradiolNm, double kdNm, double antagonistLoad) {
        return 1.0 + Math.max(estradiolNm, 0.0) / kdNm + antagonistLoad;
    }

    /** Σ D_i/Ki_i over the antagonists (levels and constants in nM); negative levels count as 0. */
    public static double antagonistLoad(double[] levelsNm, double[] kiNm) {
        double load = 0.0;
        for (int i = 0; i < levelsNm.length; i++) {
            load += Math.max(levelsNm[i], 0.0) / kiNm[i];
        }
        return load;
    }

    /** Fraction of ER bound by antagonists, Σa_i/(1 + a_E + Σa_i). */
    public static double antagonistOccupancy(double estradiolNm, double kdNm, double antagonistLoad) {
        return antagonistLoad / partition(estradiolNm, kdNm, antagonistLoad);
    }

    /** Fraction of ER bound by oestradiol, a_E/(1 + a_E + Σa_i). */
    public static double estradiolOccupancy(double estradiolNm, double kdNm, double antagonistLoad) {
        return Math.max(estradiolNm, 0.0) / kdNm / partition(estradiolNm, kdNm, antagonistLoad);
    }

    /**
     * ER signalling relative to the untreated state (oestradiol at {@code referenceNm}, no antagonist):
     * θ_E/θ_E,ref; 1 when the reference itself is 0 (nothing to suppress).
     */
    public static double relativeSignalling(double estradiolNm, double referenceNm, double kdNm,
                                            double antagonistLoad) {
        double reference = estradiolOccupancy(referenceNm, kdNm, 0.0);
        if (!(reference > 0)) {
            return 1.0;
        }
        return estradiolOccupancy(estradiolNm, kdNm, antagonistLoad) / reference;
    }
}
