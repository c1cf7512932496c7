package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.Rkl2;

/**
 * One RKL2 super-time-step ({@link Rkl2}) of the diffusion operator of one species. The operator is the
 * explicit one of {@link DiffusionSweep} (flux form, stored harmonic-mean face conductances,
 * FIXED/periodic faces as there), evaluated by {@link DiffusionSweep#incrementRow}.
 *
 * <p>The caller steps species one after the other, each with the stages its own explicit limit needs
 * (multirate: lactate many, an antibody few), so that the stage buffers serve every species in turn:
 * τ·L(Y0) and three buffers that rotate through Y(j−2), Y(j−1), Yj, four floats per voxel whatever the
 * species count. The last stage reads Y0 only at its own voxel, so it writes the result into the
 * caller's array in place (its stencil increment goes to the free rotation buffer first); the caller's
 * state array stays the state array. Stage j is one parallel pass over z-slabs (its stencil reads
 * stage j − 1 of neighbouring planes, so passes are separated by the workers' barrier). Arithmetic is
 * in float like the explicit sweep; coefficients are computed in double and rounded once.
 */
final class Rkl2Diffusion {

    private final Grid3D grid;
    private final SlabWorkers workers;
    private final float[] tauL0;
    private final float[][] rotation; // [3][voxel]

    // the species and stage being run, published to the workers by their barrier
    private float[] y0;
    private float[] diffusivity;
    private float[] gx;
    private float[] gy;
    private float[] gz;
    private DiffusionSweep sweep;
    private Rkl2 coefficients;
    private int stages;
    private float tauOverDx2;
    /** The species' retardation factor per voxel, or null (R = 1). */
    private float[] retardation;
    private int stage;
    private final SlabTask stageTask = this::stageSlab;

    Rkl2Diffusion(Grid3D grid, SlabWorkers workers) {
        this.grid = grid;
        this.workers = workers;
        int n = grid.voxelCount();
        this.tauL0 = new float[n];
        this.rotation = new float[3][n];
    }

    /**
     * Advances {@code state} (in place) by dY/dt = L(Y) over dtS in {@code stageCount} ≥ 2 stages;
     * L from the species' sweep, voxel diffusivities and the face conductances filled from them.
     */
    void step(float[] state, DiffusionSweep speciesSweep, float[] d, float[] conductanceX, float[] conductanceY,
              float[] conductanceZ, int stageCount, double dtS) {
        step(state, speciesSweep, d, null, conductanceX, conductanceY, conductanceZ, stageCount, dtS);
    }

    /**
     * As above for R·dY/dt = L(Y): every increment divided by the voxel's retardation factor R
     * ({@code r}; null: R = 1). The explicit limit of R⁻¹L is at least that of L (R ≥ 1), so the stage
     * count of L stays stable.
     */
    void step(float[] state, DiffusionSweep speciesSweep, float[] d, float[] r, float[] conductanceX,
              float[] conductanceY, float[] conductanceZ, int stageCount, double dtS) {
        retardation = r;
        if (stageCount < 2) {
            throw new IllegalArgumentException("RKL2 takes >= 2 stages, got " + stageCount);
        }
        y0 = state;
        sweep = speciesSweep;
        diffusivity = d;
        gx = conductanceX;
        gy = conductanceY;
        gz = conductanceZ;
        stages = stageCount;
        coefficients = Rkl2.ofStages(stageCount);
        tauOverDx2 = (float) (dtS / (grid.voxelUm() * grid.voxelUm()));
        for (stage = 1; stage <= stageCount; stage++) {
            workers.run(stageTask);
        }
    }

    /** The rotation slot that holds Yj (j ≥ 1). */
    private static int slot(int j) {
        return (j - 1) % 3;
    }

    private void stageSlab(int kFrom, int kTo) {
        int j = stage;
        int nx = grid.nx();
        int ny = grid.ny();
        float[] l0 = tauL0;
        for (int k = kFrom; k < kTo; k++) {
            if (j == 1) {
                float[] y1 = rotation[slot(1)];
                float mt1 = (float) coefficients.muTilde[1];
                for (int row = 0; row < ny; row++) {
                    sweep.incrementRow(y0, l0, diffusivity, gx, gy, gz, tauOverDx2, row, k);
                    int from = nx * (row + ny * k);
                    retard(l0, from, from + nx);
                    for (int v = from; v < from + nx; v++) {
                        y1[v] = y0[v] + mt1 * l0[v];
                    }
                }
                continue;
            }
            Rkl2 c = coefficients;
            float[] yjm1 = rotation[slot(j - 1)];
            float[] yjm2 = j == 2 ? y0 : rotation[slot(j - 2)];
            // the increment goes to the free buffer; the last stage then adds it to Y0 in place
            float[] increment = rotation[slot(j)];
            float[] yj = j == stages ? y0 : increment;
            float mu = (float) c.mu[j];
            float nu = (float) c.nu[j];
            float gt = (float) c.gammaTilde[j];
            float coef = (float) (c.muTilde[j] * tauOverDx2);
            for (int row = 0; row < ny; row++) {
                sweep.incrementRow(yjm1, increment, diffusivity, gx, gy, gz, coef, row, k);
                int from = nx * (row + ny * k);
                retard(increment, from, from + nx);
                for (int v = from; v < from + nx; v++) {
                    // μ·Y(j−1) + ν·Y(j−2) + (1 − μ − ν)·Y0 in difference form: the state weights sum to 1
                    // exactly whatever the rounding of μ and ν, so no mass drifts in over the stages
                    float base = y0[v];
                    yj[v] = increment[v] + (base + mu * (yjm1[v] - base) + nu * (yjm2[v] - base) + gt * l0[v]);
                }
            }
        }
    }

    /** Divides increments vFrom ≤ v < vTo by the voxel's R (nothing without binding). */
    private void retard(float[] increment, int vFrom, int vTo) {
        float[] r = retardation;
        if (r == null) {
            return;
        }
        for (int v = vFrom; v < vTo; v++) {
            increment[v] /= r[v];
        }
    }
}
