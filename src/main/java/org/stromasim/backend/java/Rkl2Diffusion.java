package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.Rkl2;

/**
 * One RKL2 super-time-step ({@link Rkl2}) of the diffusion operator of every species, multirate: each
 * species takes the stages its own explicit limit needs for the coupling step (lactate many, an
 * antibody few, a non-diffusing species none), so slow species do not pay for fast ones. The
 * operator is the explicit one of {@link DiffusionSweep} (flux form, stored harmonic-mean face
 * conductances, FIXED/periodic faces as there), evaluated by {@link DiffusionSweep#incrementRow}.
 *
 * <p>Stage j of all species that still have one is one parallel pass over z-slabs (the stencil of
 * stage j reads stage j − 1 of neighbouring planes, so passes are separated by the workers' barrier).
 * Each species holds four extra buffers: τ·L(Y0) and three that rotate through Y(j−2), Y(j−1), Yj; the
 * result is swapped into the caller's state array, whose old buffer joins the rotation. Arithmetic is
 * in float like the explicit sweep; coefficients are computed in double and rounded once.
 */
final class Rkl2Diffusion {

    private final Grid3D grid;
    private final int speciesCount;
    private final DiffusionSweep[] sweeps;
    private final SlabWorkers workers;
    private final float[][] tauL0;
    private final float[][][] rotation; // [species][3][voxel]

    // the pass being run, published to the workers by their barrier
    private float[][] state;
    private float[][] diffusivity;
    private float[][] gx;
    private float[][] gy;
    private float[][] gz;
    private final int[] stages;
    private final Rkl2[] coefficients;
    private final float[] tauOverDx2;
    private float tauS;
    /** Per species: a constant source added to L (the rebalancing term), or null. */
    private float[][] source;
    /** Per species: the array that held the input Y0 of the last {@link #step} (intact until the next step). */
    private final float[][] lastInput;
    private int stage;
    private final SlabTask stageTask = this::stageSlab;

    Rkl2Diffusion(Grid3D grid, DiffusionSweep[] sweeps, SlabWorkers workers) {
        this.grid = grid;
        this.speciesCount = sweeps.length;
        this.sweeps = sweeps;
        this.workers = workers;
        int n = grid.voxelCount();
        this.tauL0 = new float[speciesCount][n];
        this.rotation = new float[speciesCount][3][n];
        this.stages = new int[speciesCount];
        this.coefficients = new Rkl2[speciesCount];
        this.tauOverDx2 = new float[speciesCount];
        this.lastInput = new float[speciesCount][];
    }

    /**
     * Sets the coupling step and each species' stage count for the following {@link #step} calls;
     * stageCounts[s] = 0 leaves species s alone.
     */
    void prepare(double dtS, int[] stageCounts) {
        for (int s = 0; s < speciesCount; s++) {
            stages[s] = stageCounts[s];
            coefficients[s] = stageCounts[s] >= 2 ? Rkl2.ofStages(stageCounts[s]) : null;
            if (stageCounts[s] == 1) {
                throw new IllegalArgumentException("RKL2 takes 0 or >= 2 stages, got 1 for species " + s);
            }
            tauOverDx2[s] = (float) (dtS / (grid.voxelUm() * grid.voxelUm()));
        }
        tauS = (float) dtS;
    }

    /** Species s's state before the last step (its diffusion input), valid until the next step. */
    float[] lastInput(int s) {
        return lastInput[s];
    }

    /**
     * Advances every species in {@code current} (replaced, per species, by the buffer holding the
     * result) by dY/dt = L(Y) + q, q = {@code constantSource[s]} (null, or null per species: 0).
     */
    void step(float[][] current, float[][] d, float[][] conductanceX, float[][] conductanceY, float[][] conductanceZ,
              float[][] constantSource) {
        state = current;
        source = constantSource;
        diffusivity = d;
        gx = conductanceX;
        gy = conductanceY;
        gz = conductanceZ;
        int most = 0;
        for (int s = 0; s < speciesCount; s++) {
            most = Math.max(most, stages[s]);
        }
        for (stage = 1; stage <= most; stage++) {
            workers.run(stageTask);
        }
        for (int s = 0; s < speciesCount; s++) {
            if (stages[s] >= 2) {
                int result = slot(stages[s]);
                float[] old = current[s];
                current[s] = rotation[s][result];
                rotation[s][result] = old;
                lastInput[s] = old;
            } else {
                lastInput[s] = current[s];
            }
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
        for (int k = kFrom; k < kTo; k++) {
            for (int s = 0; s < speciesCount; s++) {
                if (stages[s] < j) {
                    continue;
                }
                float[] y0 = state[s];
                float[] l0 = tauL0[s];
                float[] yj = rotation[s][slot(j)];
                DiffusionSweep sweep = sweeps[s];
                float[] q = source == null ? null : source[s];
                if (j == 1) {
                    float mt1 = (float) coefficients[s].muTilde[1];
                    for (int row = 0; row < ny; row++) {
                        sweep.incrementRow(y0, l0, diffusivity[s], gx[s], gy[s], gz[s], tauOverDx2[s], row, k);
                        int from = nx * (row + ny * k);
                        if (q != null) {
                            for (int v = from; v < from + nx; v++) {
                                l0[v] += tauS * q[v];
                            }
                        }
                        for (int v = from; v < from + nx; v++) {
                            yj[v] = y0[v] + mt1 * l0[v];
                        }
                    }
                    continue;
                }
                Rkl2 c = coefficients[s];
                float[] yjm1 = rotation[s][slot(j - 1)];
                float[] yjm2 = j == 2 ? y0 : rotation[s][slot(j - 2)];
                float mu = (float) c.mu[j];
                float nu = (float) c.nu[j];
                float gt = (float) c.gammaTilde[j];
                float coef = (float) (c.muTilde[j] * tauOverDx2[s]);
                float sourceWeight = (float) (c.muTilde[j] * tauS);
                for (int row = 0; row < ny; row++) {
                    sweep.incrementRow(yjm1, yj, diffusivity[s], gx[s], gy[s], gz[s], coef, row, k);
                    int from = nx * (row + ny * k);
                    if (q != null) {
                        for (int v = from; v < from + nx; v++) {
                            yj[v] += sourceWeight * q[v];
                        }
                    }
                    for (int v = from; v < from + nx; v++) {
                        // μ·Y(j−1) + ν·Y(j−2) + (1 − μ − ν)·Y0 in difference form: the state weights sum to 1
                        // exactly whatever the rounding of μ and ν, so no mass drifts in over the stages
                        float base = y0[v];
                        yj[v] += base + mu * (yjm1[v] - base) + nu * (yjm2[v] - base) + gt * l0[v];
                    }
                }
            }
        }
    }
}
