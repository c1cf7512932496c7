package org.stromasim.backend.java;

import org.stromasim.grid.Grid3D;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The explicit scheme of the {@link JavaBackend}: each step diffuses every species in its own array,
 * in place, and reacts each row right after the sweep has written it (the fused pass of the backend's
 * class comment). A step is two phases over the z-slabs: each slab copies the two old planes it reads
 * but does not own, then, after the barrier, updates its own planes in place, so every voxel reads
 * only old values and any partition gives the same numbers. The fused pass times each plane, so that
 * the slab boundaries can follow the cost ({@link #balanceSlabs}).
 */
final class ExplicitStep {

    private final Grid3D grid;
    private final TransportFields fields;
    private final int speciesCount;
    private final int planeSize;
    private final SlabWorkers workers;
    private final WorkingState state;
    private final ReactionPass reactions;
    /** Per species the in-place step; per slab its row buffers and per slab and species its planes. */
    private final InPlaceSweep[] inPlace;
    private final InPlaceSweep.Rows[] slabRows;
    private final InPlaceSweep.Planes[][] slabPlanes;
    /** Per slab: the scratch floats of {@link VectorReactions}. */
    private final float[][] chunkScratch;
    /**
     * Wall time of each plane's fused work, ns, summed over an advance call and then halved (so older
     * calls fade): what {@link SlabWorkers#balance} splits the planes by. Each plane is written by the
     * thread that owns it.
     */
    private final double[] planeCostNs;
    /** dt/dx² of the steps being run, written by the calling thread before the workers start them. */
    private float dtOverDx2;

    private final SlabTask reactTask = this::reactSlab;
    private final SlabTask haloTask = this::haloSlab;
    private final SlabTask fusedTask = this::fusedSlab;

    /** {@code vectorised}: the row loops run with the Vector API ({@link VectorRows}); bitwise the same numbers. */
    ExplicitStep(TransportFields fields, SlabWorkers workers, WorkingState state, ReactionPass reactions,
                 boolean vectorised) {
        TransportModel model = fields.model();
        this.grid = model.grid();
        this.fields = fields;
        this.speciesCount = model.speciesCount();
        this.planeSize = grid.nx() * grid.ny();
        this.workers = workers;
        this.state = state;
        this.reactions = reactions;
        int threads = workers.threads();
        this.chunkScratch = new float[threads][VectorReactions.SCRATCH_FLOATS];
        this.inPlace = new InPlaceSweep[speciesCount];
        for (int s = 0; s < speciesCount; s++) {
            inPlace[s] = new InPlaceSweep(grid, model.boundaries(s), vectorised);
        }
        this.planeCostNs = new double[grid.nz()];
        this.slabRows = new InPlaceSweep.Rows[threads];
        this.slabPlanes = new InPlaceSweep.Planes[threads][speciesCount];
        for (int w = 0; w < threads; w++) {
            slabRows[w] = new InPlaceSweep.Rows(grid.nx());
            for (int s = 0; s < speciesCount; s++) {
                slabPlanes[w][s] = new InPlaceSweep.Planes(planeSize);
            }
        }
    }

    /** The reaction-only pass (pass 0 of an advance call), in place: exposure, then reaction B. */
    void react() {
        workers.run(reactTask);
    }

    /** One fused step: diffusion by {@code dtOverDx2} = dt/dx², then the pass's reactions, row by row. */
    void step(float dtOverDx2) {
        this.dtOverDx2 = dtOverDx2;
        workers.run(haloTask); // every slab saves the old planes it reads but does not own, then
        workers.run(fusedTask); // (after the barrier) updates its own planes in place
    }

    /** After an advance call: slab boundaries to equal measured cost, and the costs halved so older calls fade. */
    void balanceSlabs() {
        workers.balance(planeCostNs);
        for (int k = 0; k < planeCostNs.length; k++) {
            planeCostNs[k] /= 2;
        }
    }

    private void reactSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return;
        }
        float[] scratch = chunkScratch[workers.slabStartingAt(kFrom)];
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        for (int s = 0; s < speciesCount; s++) {
            reactions.finishRange(s, state.current[s], vFrom, vTo, scratch);
        }
    }

    /** First phase of a step: the slab's copies of the old planes next to it. */
    private void haloSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return; // more threads than planes: this slab is empty
        }
        int slab = workers.slabStartingAt(kFrom);
        for (int s = 0; s < speciesCount; s++) {
            inPlace[s].saveHalo(state.current[s], kFrom, kTo, slabPlanes[slab][s]);
        }
    }

    /**
     * A fused pass, in place: each row is diffused (from old values only, see {@link InPlaceSweep})
     * and then reacted while it is in L1.
     */
    private void fusedSlab(int kFrom, int kTo) {
        if (kFrom >= kTo) {
            return;
        }
        int slab = workers.slabStartingAt(kFrom);
        InPlaceSweep.Rows rows = slabRows[slab];
        float[] scratch = chunkScratch[slab];
        float[][] current = state.current;
        int nx = grid.nx();
        int ny = grid.ny();
        for (int k = kFrom; k < kTo; k++) {
            long planeStartNs = System.nanoTime();
            boolean lastOfSlab = k == kTo - 1;
            for (int s = 0; s < speciesCount; s++) {
                float[] c = current[s];
                float[] d = fields.diffusivityUm2PerS(s);
                float[] retardation = fields.retardation(s);
                InPlaceSweep sweep = inPlace[s];
                InPlaceSweep.Planes planes = slabPlanes[slab][s];
                sweep.beginPlane(c, d, k, k == kFrom, planes);
                for (int j = 0; j < ny; j++) {
                    sweep.stepRow(c, d, retardation, j, k, lastOfSlab, planes, rows, dtOverDx2);
                    int rowStart = nx * (j + ny * k);
                    reactions.finishRange(s, c, rowStart, rowStart + nx, scratch);
                }
                planes.roll();
            }
            planeCostNs[k] += System.nanoTime() - planeStartNs;
        }
    }
}
