package org.stromasim.transport;

import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;

/**
 * How stiff a species' reactions are, and how much they fail to commute with its diffusion: what
 * decides whether the large-step scheme's splitting (exact reaction sub-steps around an RKL2 diffusion
 * step) is accurate at a step h. Every reaction term is cast as dC/dt = S − λC; λ here is taken at its
 * largest: Michaelis–Menten uptake at C = 0 (Vmax/Km), saturating secretion at viability 1.
 *
 * <p><b>Why the commutator.</b> Strang splitting of dC/dt = L·C − Λ·C + S (L diffusion, Λ the diagonal
 * of reaction rates) is exact when L and Λ commute, which they do where λ is the same in a voxel and its
 * diffusing neighbours (pure decay, binding in a uniform tissue): there any k·h is exact. Its error
 * comes from the commutator [L, Λ], whose row sum is Σ_faces (D_face/dx²)·|λ_v − λ_nb|, 1/s²; the
 * split solution's error grows like h² times it (measured: see {@link #MAX_SPLIT_INDICATOR}). A vessel
 * wall (exchange P·S/V only in the voxels next to it), a tumour edge (uptake on one side) or a cell
 * that binds next to one that does not make it large.
 */
public record ReactionStiffness(double stiffestPerS, String stiffestWhere, double commutatorPerS2) {

    /**
     * Largest accepted h²·‖[L, Λ]‖ for the large-step scheme. Choice (C), calibrated on the cancer block
     * of issue 12 (doxorubicin uptake Vmax 0.0345 µM/s, Km 0.16 µM everywhere; four vessels, P 2.67
     * µm/s; 10 µm voxels; ‖[L, Λ]‖ = 0.94 /s², set by the vessel walls): against a Richardson-extrapolated
     * explicit reference, RKL2 with plain Strang coupling was 0.62 % off (drug, relative L2, 10 min after
     * a bolus) at h = 0.1 s (h²‖[L, Λ]‖ = 0.0094), 0.85 % at 0.113 s (0.012), 2.0 % at 0.2 s (0.037),
     * 6.6 % at 0.3 s (0.084), 19 % at 0.5 s and 115 % at 10 s: 0.5–0.8 × the indicator. 0.01 keeps
     * that below 1 %.
     */
    public static final double MAX_SPLIT_INDICATOR = 0.01;

    /** The indicator h²·‖[L, Λ]‖ of a step of {@code hS} seconds. */
    public double splitIndicator(double hS) {
        return hS * hS * commutatorPerS2;
    }

    /**
     * The refusal of a step whose indicator is above {@link #MAX_SPLIT_INDICATOR}, with the numbers.
     *
     * @param explicitLimitS the explicit scheme's stability limit, to say which scheme is cheaper
     */
    public String refusal(String species, double hS, double explicitLimitS) {
        double largest = largestAccurateStepS();
        return String.format(java.util.Locale.ROOT, "dt=%.4g s is too large for the large-step scheme's split "
                        + "reactions of species %s: its reaction rates differ between neighbouring voxels (largest "
                        + "rate %.4g /s, %s; k·dt = %.3g), so the split error indicator dt²·max Σ_faces "
                        + "(D_face/dx²)·|Δk| = %.3g exceeds %.3g (about 1 %% error); the largest step within it is "
                        + "%.4g s%s. Lower run.dt_s, or give run.diffusion.target_relative_error",
                hS, species, stiffestPerS, stiffestWhere, stiffestPerS * hS, splitIndicator(hS), MAX_SPLIT_INDICATOR,
                largest, largest < explicitLimitS ? String.format(java.util.Locale.ROOT,
                        ", below the explicit limit %.4g s, so scheme: explicit is cheaper here", explicitLimitS) : "");
    }

    /** The largest step whose indicator is within {@link #MAX_SPLIT_INDICATOR} (+∞ when the terms commute). */
    public double largestAccurateStepS() {
        return commutatorPerS2 > 0 ? Math.sqrt(MAX_SPLIT_INDICATOR / commutatorPerS2) : Double.POSITIVE_INFINITY;
    }

    /**
     * @param d        the species' voxel diffusivity, µm²/s
     * @param cell     cell codes per voxel
     * @param svPerUm  vessel wall surface to volume per voxel, 1/µm
     * @param crosses  whether the species crosses vessel walls (exchange P·S/V)
     */
    public static ReactionStiffness of(Grid3D grid, float[] d, byte[] cell, float[] svPerUm, SpeciesReactions r,
                                       boolean crosses) {
        return of(grid, d, cell, svPerUm, new float[svPerUm.length], r, crosses);
    }

    /**
     * The same with the wall exchange in series with the tissue between each wall and its voxel centre
     * ({@link WallExchange}; {@code wallDistanceUm} per voxel, µm), the rate the backends integrate.
     */
    public static ReactionStiffness of(Grid3D grid, float[] d, byte[] cell, float[] svPerUm, float[] wallDistanceUm,
                                       SpeciesReactions r, boolean crosses) {
        return of(grid, d, cell, svPerUm, wallDistanceUm, null, r, crosses);
    }

    /**
     * The same for a species bound reversibly to the matrix, R·∂C/∂t = ∇·(D∇C) − λC ({@code retardation}
     * R per voxel, null for R = 1): the split operators are R⁻¹·L and λ/R, so the rates are λ/R and the
     * commutator across a face is D_face·|λ_v/R_v − λ_u/R_u|/(R_v·dx²). A uniform λ on a varying R
     * therefore does not commute with diffusion.
     */
    public static ReactionStiffness of(Grid3D grid, float[] d, byte[] cell, float[] svPerUm, float[] wallDistanceUm,
                                       float[] retardation, SpeciesReactions r, boolean crosses) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int n = grid.voxelCount();
        double[] lambda = new double[n];
        byte vessel = CellType.VESSEL.code();
        double stiffest = 0;
        String where = "no reaction";
        for (int v = 0; v < n; v++) {
            int code = cell[v];
            if (code == vessel) {
                continue; // lumen: held at the plasma level, not a reaction
            }
            double uptake = r.uptakeVmaxPerS()[code] > 0 ? r.uptakeVmaxPerS()[code] / r.uptakeKm()[code] : 0.0;
            double exchange = crosses ? WallExchange.ratePerS(r.permeabilityUmPerS(), svPerUm[v], wallDistanceUm[v], d[v]) : 0.0;
            lambda[v] = r.decayPerS() + r.bindingPerS()[code] + exchange + uptake + r.secretionRelaxPerS()[code];
            if (retardation != null) {
                lambda[v] /= retardation[v];
            }
            if (lambda[v] > stiffest) {
                stiffest = lambda[v];
                where = CellType.fromCode(code).key() + (exchange > 0 ? " next to a vessel" : "");
            }
        }
        double inverseDx2 = 1.0 / (grid.voxelUm() * grid.voxelUm());
        double worst = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    if (!(d[v] > 0) || cell[v] == vessel) {
                        continue;
                    }
                    double sum = face(d, cell, lambda, v, i > 0 ? v - 1 : -1)
                            + face(d, cell, lambda, v, i < nx - 1 ? v + 1 : -1)
                            + face(d, cell, lambda, v, j > 0 ? v - nx : -1)
                            + face(d, cell, lambda, v, j < ny - 1 ? v + nx : -1)
                            + face(d, cell, lambda, v, k > 0 ? v - nx * ny : -1)
                            + face(d, cell, lambda, v, k < nz - 1 ? v + nx * ny : -1);
                    if (retardation != null) {
                        sum /= retardation[v];
                    }
                    worst = Math.max(worst, sum * inverseDx2);
                }
            }
        }
        return new ReactionStiffness(stiffest, where, worst);
    }

    /** D_face·|λ_v − λ_u| across the face to u (−1: a domain face, which adds nothing). */
    private static double face(float[] d, byte[] cell, double[] lambda, int v, int u) {
        if (u < 0 || !(d[u] > 0) || cell[u] == CellType.VESSEL.code()) {
            return 0.0;
        }
        return FaceSums.harmonic(d[v], d[u]) * Math.abs(lambda[v] - lambda[u]);
    }
}
