package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.Rkl2;

/**
 * One RKL2 super-time-step ({@link Rkl2}) of the diffusion operator of one species. The operator is the
 * explicit one (flux form, harmonic-mean face conductances, FIXED/periodic faces as in
 * {@link InPlaceSweep}), evaluated row by row with the stage's combination fused in
 * ({@link Rkl2StageSweep}, face conductances computed per row, not stored).
 *
 * <p>The caller steps species one after the other, each with the stages its own explicit limit needs
 * (multirate: lactate many, an antibody few), so that the buffers serve every species in turn:
 * τ·L(Y0) and two stage buffers, three floats per voxel whatever the species count. Two suffice
 * because stage j reads Y(j−2), Y0 and τ·L(Y0) only at the voxel it writes (only Y(j−1) through the
 * stencil): Yj overwrites Y(j−2) in place, and the last stage writes the result into the caller's
 * array (Y0) in place, so the caller's state array stays the state array. Stage j is one parallel
 * pass over z-slabs (its stencil reads stage j − 1 of neighbouring planes, so passes are separated by
 * the workers' barrier). Arithmetic is in float like the explicit sweep; coefficients are computed in
 * double and rounded once.
 */
final class Rkl2Diffusion {

    private final Grid3D grid;
    private final SlabWorkers workers;
    private final float[] tauL0;
    private final float[][] stageBuffers; // [2][voxel]
    /** Per slab: the row and plane buffers of {@link Rkl2StageSweep}. */
    private final Rkl2StageSweep.Rows[] slabRows;

    // the species and stage being run, published to the workers by their barrier
    private float[] y0;
    private float[] diffusivity;
    /** The species' retardation factor R per voxel (reversible matrix binding), or null for R = 1. */
    private float[] retardation;
    private Rkl2StageSweep sweep;
    private Rkl2 coefficients;
    private int stages;
    private float tauOverDx2;
    private int stage;
    private final SlabTask stageTask = this::stageSlab;

    Rkl2Diffusion(Grid3D grid, SlabWorkers workers) {
        this.grid = grid;
        this.workers = workers;
        int n = grid.voxelCount();
        this.tauL0 = new float[n];
        this.stageBuffers = new float[2][n];
        this.slabRows = new Rkl2StageSweep.Rows[workers.threads()];
        for (int w = 0; w < slabRows.length; w++) {
            slabRows[w] = new Rkl2StageSweep.Rows(grid.nx(), grid.nx() * grid.ny());
        }
    }

    /** Grid-sized bytes per voxel of one instance: τ·L(Y0) and two stage buffers. */
    static final long BYTES_PER_VOXEL = 12;

    /**
     * Advances {@code state} (in place) by dY/dt = L(Y) over dtS in {@code stageCount} ≥ 2 stages;
     * L from the species' sweep and voxel diffusivities d.
     */
    void step(float[] state, Rkl2StageSweep speciesSweep, float[] d, int stageCount, double dtS) {
        step(state, speciesSweep, d, null, stageCount, dtS);
    }

    /**
     * As above for R·dY/dt = L(Y): every increment divided by the voxel's retardation factor R
     * ({@code r}; null: R = 1). The explicit limit of L/R is at least that of L (R ≥ 1), so the stage
     * count of L stays stable.
     */
    void step(float[] state, Rkl2StageSweep speciesSweep, float[] d, float[] r, int stageCount, double dtS) {
        if (stageCount < 2) {
            throw new IllegalArgumentException("RKL2 takes >= 2 stages, got " + stageCount);
        }
        y0 = state;
        sweep = speciesSweep;
        diffusivity = d;
        retardation = r;
        stages = stageCount;
        coefficients = Rkl2.ofStages(stageCount);
        tauOverDx2 = (float) (dtS / (grid.voxelUm() * grid.voxelUm()));
        for (stage = 1; stage <= stageCount; stage++) {
            workers.run(stageTask);
        }
    }

    /** The stage buffer that holds Yj (1 ≤ j &lt; stages): Y1, Y3, … in one, Y2, Y4, … in the other. */
    private float[] buffer(int j) {
        return stageBuffers[(j - 1) % 2];
    }

    private void stageSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return; // more threads than planes: this slab is empty
        }
        Rkl2StageSweep.Rows rows = slabRows[workers.slabStartingAt(kFrom)];
        int j = stage;
        int ny = grid.ny();
        float[] d = diffusivity;
        Rkl2 c = coefficients;
        if (j == 1) {
            float[] y1 = buffer(1);
            float mt1 = (float) c.muTilde[1];
            for (int k = kFrom; k < kTo; k++) {
                sweep.beginPlane(d, k, k == kFrom, rows);
                for (int row = 0; row < ny; row++) {
                    sweep.firstStageRow(y0, d, retardation, row, k, rows, tauOverDx2, mt1, tauL0, y1);
                }
                rows.rollPlane();
            }
            return;
        }
        float[] yjm1 = buffer(j - 1);
        float[] yjm2 = j == 2 ? y0 : buffer(j - 2);
        float[] yj = j == stages ? y0 : buffer(j);
        float mu = (float) c.mu[j];
        float nu = (float) c.nu[j];
        float gt = (float) c.gammaTilde[j];
        float coef = (float) (c.muTilde[j] * tauOverDx2);
        for (int k = kFrom; k < kTo; k++) {
            sweep.beginPlane(d, k, k == kFrom, rows);
            for (int row = 0; row < ny; row++) {
                sweep.laterStageRow(yjm1, d, retardation, row, k, rows, coef, y0, yjm2, tauL0, mu, nu, gt, yj);
            }
            rows.rollPlane();
        }
    }
}
