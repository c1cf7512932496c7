package org.stromasim.matrix;

import org.stromasim.scenario.VesselCompressionSpec;
import org.stromasim.tissue.CellType;

/**
 * How much of a vessel's blood flow survives the solid stress of the tissue around it.
 *
 * <p><b>Load.</b> Growth-induced solid stress, not the interstitial fluid pressure, collapses tumour vessels: a
 * leaky vessel's pressure is close to the tissue's fluid pressure, so only the solid stress loads its wall
 * (Padera et al. 2004, Nature 427:695; Stylianopoulos et al. 2013, Cancer Res 73:3833). The stress is the
 * tissue's stiffness times a growth strain of its cell type, a share of it carried by hyaluronan swelling
 * (Chauhan et al. 2013, Nat Commun 4:2516, hyaluronan compresses vessels in collagen-rich tumours):
 * σ = ε(cell)·E·(1 − w + w·g), g the voxel's hyaluronan relative to its cell type's baseline
 * ({@link CompositionLaw#gagLevel}; 1 without a hyaluronan state). Stiffness carries the collagen (the
 * composition law), so collagenase, LOX inhibitors and losartan lower σ through E; hyaluronidase through g.
 *
 * <p><b>Collapse.</b> The lumen area ratio α = A/A₀ of a compliant tube under a transmural pressure
 * p_tm = −σ follows Shapiro's (1977) tube law p_tm/K_p = α^10 − α^−3/2, K_p the tube's collapse pressure.
 *
 * <p><b>Perfused fraction.</b> The flow a vessel carries at the same pressure drop scales as α² (Poiseuille,
 * Q ∝ A²), and with it the fluid and solute it delivers: the wall exchange and filtration of the voxel are
 * multiplied by f = α².
 */
public final class VesselCompression {

    /** Tube-law exponents (Shapiro 1977): distension and collapse branches. */
    static final double DISTENSION_EXPONENT = 10.0;
    static final double COLLAPSE_EXPONENT = -1.5;

    private final VesselCompressionSpec spec;

    public VesselCompression(VesselCompressionSpec spec) {
        this.spec = spec;
    }

    public VesselCompressionSpec spec() {
        return spec;
    }

    /** Compressive solid stress in a tissue voxel, kPa (0 in lumen and where the cell type bears no growth strain). */
    public double solidStressKpa(double stiffnessKpa, int cellCode, double gagLevel) {
        if (cellCode == CellType.VESSEL.code() || !(stiffnessKpa > 0)) {
            return 0.0;
        }
        double w = spec.hyaluronanStressShare();
        return spec.growthStrain().of(cellCode) * stiffnessKpa * (1.0 - w + w * gagLevel);
    }

    /**
     * Lumen area ratio α ∈ (0, 1] under a compressive load σ ≥ 0 (kPa): the root of
     * α^−3/2 − α^10 = σ/K_p, which decreases monotonically from 1 at σ = 0. Found by bisection on log α to
     * double precision (the left side is monotone in α on (0, 1]).
     */
    public double areaRatio(double stressKpa) {
        double load = stressKpa / spec.collapsePressureKpa();
        if (!(load > 0)) {
            return 1.0;
        }
        // collapse branch alone gives the lower bound: α^−1.5 ≥ load ⇒ α ≤ load^(−2/3); the distension term only
        // lowers the left side, so the root lies in [ (1 + load)^(−2/3), 1 ]
        double lo = Math.log(Math.pow(1.0 + load, 1.0 / COLLAPSE_EXPONENT));
        double hi = 0.0;
        for (int i = 0; i < 80; i++) {
            double mid = 0.5 * (lo + hi);
            double a = Math.exp(mid);
            double lhs = Math.pow(a, COLLAPSE_EXPONENT) - Math.pow(a, DISTENSION_EXPONENT);
            if (lhs > load) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    /** Fraction of the uncompressed flow the vessel carries, α² (Poiseuille at the same pressure drop). */
    public double perfusedFraction(double stressKpa) {
        double a = areaRatio(stressKpa);
        return a * a;
    }

    /**
     * The wall left open by compression: each voxel's built wall area per volume times its perfused
     * fraction, written into {@code openWallPerUm} (what exchange and filtration see).
     */
    public static void openWall(float[] builtWallPerUm, float[] perfusedFraction, float[] openWallPerUm) {
        for (int v = 0; v < builtWallPerUm.length; v++) {
            openWallPerUm[v] = builtWallPerUm[v] * perfusedFraction[v];
        }
    }

    /**
     * The perfused fraction of every voxel's vessel wall (1 where the voxel has no wall or bears no stress);
     * {@code gagLevel} gives each voxel's hyaluronan level ({@link HyaluronanState#levels}).
     */
    public float[] perfusedFractions(float[] stiffnessKpa, byte[] cell, float[] wallPerUm,
                                     java.util.function.IntToDoubleFunction gagLevel) {
        float[] f = new float[cell.length];
        for (int v = 0; v < f.length; v++) {
            f[v] = wallPerUm[v] > 0
                    ? (float) perfusedFraction(solidStressKpa(stiffnessKpa[v], cell[v], gagLevel.applyAsDouble(v))) : 1f;
        }
        return f;
    }
}
