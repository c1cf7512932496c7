package org.stromasim.backend.java;

import org.stromasim.backend.Backend;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.RunSpec;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.PlasmaCurve;
import org.stromasim.transport.TransportModel;

/**
 * The pure-Java, multi-threaded reference backend. Numerics of one step of length dt from time t:
 * <ul>
 *   <li><b>Diffusion</b> ({@link DiffusionSweep}): finite-volume flux form with explicit Euler,
 *       C' = C + dt/dx²·Σ_faces D_face·(C_nb − C), D_face the harmonic mean of the two voxel
 *       diffusivities (0 if either is 0), computed on the fly. Zero-flux faces add nothing, FIXED faces
 *       2·D_v·(C_b − C), PERIODIC faces wrap. Mass is conserved to round-off with zero-flux walls. The
 *       step must satisfy the model's stability limit (checked on every {@link #advance}).</li>
 *   <li><b>Reactions</b> ({@link ReactionUpdate}): split from diffusion, Strang R(dt/2) D(dt) R(dt/2)
 *       or Lie R(dt) D(dt) as the scenario says. Each term is cast as dC/dt = S − λC (S, λ ≥ 0) and
 *       integrated exactly over the sub-step, with the plasma concentration taken at the sub-step
 *       midpoint and Michaelis–Menten uptake frozen at the sub-step start (first order for that
 *       nonlinear part, positivity-preserving). Unconditionally stable.</li>
 *   <li><b>Vessels</b>: vessel voxels have D = 0 and do not react; they are set to the plasma level
 *       at each sub-step end, for display.</li>
 *   <li><b>Drug exposure</b>: AUC += dt·(C_start + C_end)/2 per step (trapezoid rule), accumulated
 *       in double precision here and written as float on {@link #download}.</li>
 * </ul>
 * Work is split into z-slabs over a fixed set of threads created in the constructor and stopped in
 * {@link #close()} ({@link SlabWorkers}); each species has two buffers used in ping-pong. Plasma
 * curves are evaluated once per sub-step on the calling thread. The inner loops allocate nothing and
 * make no virtual calls, and each voxel's arithmetic does not depend on the partition, so any thread
 * count gives bit-identical results.
 */
public final class JavaBackend implements Backend {

    private final TransportModel model;
    private final Grid3D grid;
    private final int speciesCount;
    private final int planeSize;
    private final SlabWorkers workers;
    private final DiffusionSweep[] sweeps;
    private final ReactionUpdate[] reactions;
    private final PlasmaCurve[] plasma;
    private final int drugSpecies;

    private final float[][] current;
    private final float[][] next;
    private final byte[] cell;
    private final float[] viability;
    private final double[] exposure;
    private boolean uploaded;

    // Parameters of the phase being run, written by the calling thread before the workers start it
    // (the barrier in SlabWorkers publishes them).
    private final double[] plasmaMid;
    private final double[] plasmaEnd;
    private double phaseStepS;
    private double exposureWeightBeforeS;
    private double exposureWeightAfterS;
    private double dtOverDx2;

    private final SlabTask reactTask = this::reactSlab;
    private final SlabTask diffuseTask = this::diffuseSlab;
    private final SlabTask exposureTask = this::exposureSlab;

    public JavaBackend(TransportModel model, int threads) {
        this.model = model;
        this.grid = model.grid();
        this.speciesCount = model.speciesCount();
        this.planeSize = grid.nx() * grid.ny();
        int n = grid.voxelCount();
        this.sweeps = new DiffusionSweep[speciesCount];
        this.reactions = new ReactionUpdate[speciesCount];
        this.plasma = new PlasmaCurve[speciesCount];
        this.current = new float[speciesCount][n];
        this.next = new float[speciesCount][n];
        for (int s = 0; s < speciesCount; s++) {
            sweeps[s] = new DiffusionSweep(grid, model.boundaries(s));
            plasma[s] = model.plasma(s);
            reactions[s] = new ReactionUpdate(model.reactions(s), plasma[s] != null);
        }
        this.drugSpecies = model.drugSpeciesIndex().orElse(-1);
        this.cell = new byte[n];
        this.viability = new float[n];
        this.exposure = new double[n];
        this.plasmaMid = new double[speciesCount];
        this.plasmaEnd = new double[speciesCount];
        this.workers = new SlabWorkers(threads, grid.nz());
    }

    @Override
    public String description() {
        return "java (" + workers.threads() + (workers.threads() == 1 ? " thread)" : " threads)");
    }

    /**
     * Copies concentrations, cells, viability and drug exposure. Diffusivity and vessel wall geometry
     * come from the model (call {@link TransportModel#refreshDiffusivity} after stiffness changes).
     */
    @Override
    public void upload(Tissue state) {
        requireSameShape(state);
        for (int s = 0; s < speciesCount; s++) {
            System.arraycopy(state.concentration(s), 0, current[s], 0, current[s].length);
        }
        System.arraycopy(state.cell(), 0, cell, 0, cell.length);
        System.arraycopy(state.viability(), 0, viability, 0, viability.length);
        float[] auc = state.drugExposure();
        for (int v = 0; v < exposure.length; v++) {
            exposure[v] = auc[v];
        }
        uploaded = true;
    }

    @Override
    public void download(Tissue state) {
        requireSameShape(state);
        if (!uploaded) {
            throw new IllegalStateException("download before upload: the Java backend holds no state yet");
        }
        for (int s = 0; s < speciesCount; s++) {
            System.arraycopy(current[s], 0, state.concentration(s), 0, current[s].length);
        }
        float[] auc = state.drugExposure();
        for (int v = 0; v < exposure.length; v++) {
            auc[v] = (float) exposure[v];
        }
    }

    private void requireSameShape(Tissue state) {
        if (!state.grid().equals(grid) || !state.speciesNames().equals(model.speciesNames())) {
            throw new IllegalArgumentException("state (grid " + state.grid() + ", species " + state.speciesNames()
                    + ") does not match the compiled model (grid " + grid + ", species " + model.speciesNames() + ")");
        }
    }

    @Override
    public void advance(double startTimeS, double dtS, int steps) {
        if (!uploaded) {
            throw new IllegalStateException("advance before upload: the Java backend holds no state yet");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        model.checkTimeStep(dtS);
        dtOverDx2 = dtS / (grid.voxelUm() * grid.voxelUm());
        boolean strang = model.splitting() == RunSpec.Splitting.STRANG;
        for (int n = 0; n < steps; n++) {
            double t = startTimeS + n * dtS; // not accumulated, so long runs do not drift
            if (strang) {
                react(t, dtS / 2, dtS / 2, 0.0);
                workers.run(diffuseTask);
                swapBuffers();
                react(t + dtS / 2, dtS / 2, 0.0, dtS / 2);
            } else {
                react(t, dtS, dtS / 2, 0.0);
                workers.run(diffuseTask);
                swapBuffers();
                if (drugSpecies >= 0) {
                    exposureWeightAfterS = dtS / 2;
                    workers.run(exposureTask);
                }
            }
        }
    }

    /** One reaction sub-step [t, t + h]; the exposure weights add weight·C before/after it for the drug. */
    private void react(double tS, double hS, double weightBeforeS, double weightAfterS) {
        for (int s = 0; s < speciesCount; s++) {
            if (plasma[s] != null) {
                plasmaMid[s] = plasma[s].at(tS + hS / 2);
                plasmaEnd[s] = plasma[s].at(tS + hS);
            }
        }
        phaseStepS = hS;
        exposureWeightBeforeS = weightBeforeS;
        exposureWeightAfterS = weightAfterS;
        workers.run(reactTask);
    }

    private void swapBuffers() {
        for (int s = 0; s < speciesCount; s++) {
            float[] t = current[s];
            current[s] = next[s];
            next[s] = t;
        }
    }

    private void reactSlab(int kFrom, int kTo) {
        int vFrom = kFrom * planeSize;
        int vTo = kTo * planeSize;
        float[] sv = model.vesselSurfaceToVolumePerUm();
        for (int s = 0; s < speciesCount; s++) {
            float[] c = current[s];
            if (s == drugSpecies && exposureWeightBeforeS > 0) {
                accumulate(c, exposureWeightBeforeS, vFrom, vTo);
            }
            if (reactions[s].active()) {
                reactions[s].react(c, cell, viability, sv, phaseStepS, plasmaMid[s], plasmaEnd[s], vFrom, vTo);
            }
            if (s == drugSpecies && exposureWeightAfterS > 0) {
                accumulate(c, exposureWeightAfterS, vFrom, vTo);
            }
        }
    }

    private void diffuseSlab(int kFrom, int kTo) {
        for (int s = 0; s < speciesCount; s++) {
            sweeps[s].sweep(current[s], next[s], model.diffusivityUm2PerS(s), dtOverDx2, kFrom, kTo);
        }
    }

    private void exposureSlab(int kFrom, int kTo) {
        accumulate(current[drugSpecies], exposureWeightAfterS, kFrom * planeSize, kTo * planeSize);
    }

    private void accumulate(float[] c, double weightS, int vFrom, int vTo) {
        for (int v = vFrom; v < vTo; v++) {
            exposure[v] += weightS * c[v];
        }
    }

    @Override
    public void close() {
        workers.close();
    }
}
