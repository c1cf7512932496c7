package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.FaceSums;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The RKL2 diffusion step of the {@link JavaBackend}: each species that diffuses takes one RKL2
 * super-time-step ({@link Rkl2Diffusion}) with the stages its own explicit limit needs (multirate),
 * one species after the other, so that one set of stage buffers serves them all (the face
 * conductances are computed per row, {@link Rkl2StageSweep}). The stage counts are recomputed from
 * the live diffusivities at the start of every advance call (the biology may have rewritten them),
 * from the face sums both backends take ({@link FaceSums}), and refused above
 * {@code run.diffusion.max_stages}.
 * The reactions run in their own pass between the diffusion steps ({@link LargeStepReactions}).
 */
final class Rkl2LargeStep {

    private final TransportModel model;
    private final TransportFields fields;
    private final Grid3D grid;
    private final int speciesCount;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final Rkl2StageSweep[] sweeps;
    private final Rkl2Diffusion rkl2;
    /** The species the face-sum pass works on, written before the workers start it. */
    private int passSpecies;
    /** Per species and z-plane: max Σ_faces D_face of the plane, filled by faceSumTask. */
    private final double[][] planeFaceSum;
    /** The stage count per species for the current advance call's step. */
    private int[] stageCounts;

    private final SlabTask faceSumTask = this::faceSumSlab;

    /**
     * {@code vectorised}: the stage row loops run with the Vector API ({@link VectorRkl2Rows}); bitwise
     * the same numbers.
     */
    Rkl2LargeStep(TransportFields fields, SlabWorkers workers, WorkingState state, boolean vectorised) {
        this.fields = fields;
        this.model = fields.model();
        this.grid = model.grid();
        this.speciesCount = model.speciesCount();
        this.workers = workers;
        this.state = state;
        this.sweeps = new Rkl2StageSweep[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            sweeps[s] = new Rkl2StageSweep(grid, model.boundaries(s), vectorised);
        }
        this.rkl2 = new Rkl2Diffusion(grid, workers);
        this.planeFaceSum = new double[speciesCount][grid.nz()];
    }

    /**
     * At the start of an advance call of steps of dtS: counts the stages each species needs from the
     * live diffusivity arrays.
     */
    void prepare(double dtS) {
        stageCounts = stagesFor(dtS);
    }

    /** The diffusion step of every species that diffuses, one species after the other. */
    void step(double dtS) {
        for (int s = 0; s < speciesCount; s++) {
            if (stageCounts[s] == 0) {
                continue;
            }
            rkl2.step(state.current[s], sweeps[s], fields.diffusivityUm2PerS(s), fields.retardation(s), stageCounts[s],
                    dtS);
        }
    }

    /** Stages per species for a step of dtS, from the explicit limits of the current diffusivities; refuses above the cap. */
    private int[] stagesFor(double dtS) {
        int[] stages = new int[speciesCount];
        int cap = model.diffusion().maxStages();
        for (int s = 0; s < speciesCount; s++) {
            passSpecies = s;
            workers.run(faceSumTask);
            double worst = 0;
            for (double plane : planeFaceSum[s]) {
                worst = Math.max(worst, plane);
            }
            double limitS = worst > 0 ? grid.voxelUm() * grid.voxelUm() / worst : Double.POSITIVE_INFINITY;
            stages[s] = Rkl2.stagesFor(dtS, limitS);
            if (stages[s] > cap) {
                throw new IllegalArgumentException(Rkl2.refusal(
                        model.speciesNames().get(s), dtS, limitS, cap));
            }
        }
        return stages;
    }

    private void faceSumSlab(int kFrom, int kTo) {
        int s = passSpecies;
        for (int k = kFrom; k < kTo; k++) {
            planeFaceSum[s][k] = FaceSums.maxFaceSum(grid, fields.diffusivityUm2PerS(s), model.boundaries(s), k, k + 1);
        }
    }
}
