package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.FaceSums;
import org.stromasim.transport.Rkl2;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The RKL2 diffusion step of the {@link JavaBackend}: each species that diffuses takes one RKL2
 * super-time-step ({@link Rkl2Diffusion}) with the stages its own explicit limit needs (multirate),
 * one species after the other, so that one set of face conductances and stage buffers serves them
 * all. The stage counts are recomputed from the live diffusivities at the start of every advance call
 * (the biology may have rewritten them), from the face sums both backends take ({@link FaceSums}), and
 * refused above {@code run.diffusion.max_stages}.
 * The reactions run in their own pass between the diffusion steps ({@link LargeStepReactions}).
 */
final class Rkl2LargeStep {

    private final TransportModel model;
    private final TransportFields fields;
    private final Grid3D grid;
    private final int speciesCount;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final DiffusionSweep[] sweeps;
    private final Rkl2Diffusion rkl2;
    /**
     * The face conductances (see {@link DiffusionSweep#conductances}) of species {@link #conductancesOf},
     * one set shared by all species.
     */
    private final float[] conductanceX;
    private final float[] conductanceY;
    private final float[] conductanceZ;
    /** The species whose conductances are stored, or −1 (none valid: a new advance call may follow a diffusivity change). */
    private int conductancesOf = -1;
    /** The species the conductance and face-sum passes work on, written before the workers start them. */
    private int passSpecies;
    /** Per species and z-plane: max Σ_faces D_face of the plane, filled by faceSumTask. */
    private final double[][] planeFaceSum;
    /** The stage count per species for the current advance call's step. */
    private int[] stageCounts;

    private final SlabTask conductanceTask = this::conductanceSlab;
    private final SlabTask faceSumTask = this::faceSumSlab;

    Rkl2LargeStep(TransportFields fields, SlabWorkers workers, WorkingState state) {
        this.fields = fields;
        this.model = fields.model();
        this.grid = model.grid();
        this.speciesCount = model.speciesCount();
        this.workers = workers;
        this.state = state;
        int n = grid.voxelCount();
        this.sweeps = new DiffusionSweep[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            sweeps[s] = new DiffusionSweep(grid, model.boundaries(s));
        }
        this.conductanceX = new float[n];
        this.conductanceY = new float[n];
        this.conductanceZ = new float[n];
        this.rkl2 = new Rkl2Diffusion(grid, workers);
        this.planeFaceSum = new double[speciesCount][grid.nz()];
    }

    /**
     * At the start of an advance call of steps of dtS: forgets the stored conductances (the model's
     * diffusivity arrays are live) and counts the stages each species needs.
     */
    void prepare(double dtS) {
        conductancesOf = -1;
        stageCounts = stagesFor(dtS);
    }

    /** The diffusion step of every species that diffuses, one species after the other. */
    void step(double dtS) {
        for (int s = 0; s < speciesCount; s++) {
            if (stageCounts[s] == 0) {
                continue;
            }
            storeConductances(s);
            rkl2.step(state.current[s], sweeps[s], fields.diffusivityUm2PerS(s), fields.retardation(s), conductanceX, conductanceY,
                    conductanceZ, stageCounts[s], dtS);
        }
    }

    /** Fills the shared face conductances with species s's, unless they hold them already. */
    private void storeConductances(int s) {
        if (conductancesOf != s) {
            passSpecies = s;
            workers.run(conductanceTask);
            conductancesOf = s;
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

    private void conductanceSlab(int kFrom, int kTo) {
        int s = passSpecies;
        sweeps[s].conductances(fields.diffusivityUm2PerS(s), conductanceX, conductanceY, conductanceZ, kFrom, kTo);
    }

    private void faceSumSlab(int kFrom, int kTo) {
        int s = passSpecies;
        for (int k = kFrom; k < kTo; k++) {
            planeFaceSum[s][k] = FaceSums.maxFaceSum(grid, fields.diffusivityUm2PerS(s), model.boundaries(s), k, k + 1);
        }
    }
}
