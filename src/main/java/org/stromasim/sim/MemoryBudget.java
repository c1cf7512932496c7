package org.stromasim.sim;

import org.stromasim.backend.java.JavaBackend;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.tissue.Tissue;

/**
 * The Java heap a run (or {@code validate}) will allocate, estimated from the grid and species before
 * anything is allocated, and compared with what this JVM may still use: a grid too large ends with one
 * message (the numbers and what to do) and exit code 2, not with an OutOfMemoryError half-way through
 * building the tissue. The OpenCL device's memory is checked the same way when the backend is chosen,
 * before any device buffer exists ({@code DeviceMemoryPlan}).
 *
 * @param grid         the grid
 * @param species      number of species
 * @param stateBytes   the state fields ({@link Tissue#stateBytes})
 * @param modelBytes   the compiled model (stiffness and cells it was compiled from, the built wall's S/V and
 *                     distance, plasma groups, perfused fraction: 18 bytes per voxel at most) and the
 *                     parts of the backend's live fields that are not per species (cells of the last
 *                     refresh, perfused fraction: 5); with {@code ecm.hyaluronan} 4 more in the model (the
 *                     hyaluronan it was compiled from) and 4 in the state
 * @param buildBytes   tissue building's temporaries: the stiffness noise field and its smoothing
 *                     passes (three floats per voxel) and the region codes (one byte)
 * @param backendBytes the Java backend's working arrays ({@link JavaBackend#workingBytes}), or for an
 *                     OpenCL run the live fields' host copy (diffusivity per species and S/V: 4·species
 *                     + 4 bytes per voxel), the transfer scratch (a float per voxel) and metric index lists
 *                     (an int per voxel), and for the implicit scheme the Java solver and double levels
 *                     the device's hierarchies are built from (one species at a time); with reversible
 *                     matrix binding, 4 bytes per bound species (its retardation) and, for TR-BDF2 on the
 *                     Java backend, 16 (R·a of both stages)
 * @param stepControlBytes with {@code run.diffusion.target_relative_error}: the pilots' host copies of the
 *                     transported fields (species and drug exposure, 4·(species + 1) bytes per voxel each),
 *                     {@link #PILOT_COPIES} of them at once; 0 without a target
 * @param javaBackend  whether the run is on the Java backend (for the message)
 */
public record MemoryBudget(Grid3D grid, int species, long stateBytes, long modelBytes, long buildBytes,
                           long backendBytes, long stepControlBytes, boolean javaBackend) {

    /**
     * Copies of the transported fields a step-control pilot holds at most: its coarse run and its
     * reference run, and, while a larger step is tried after one was accepted, the accepted run's end
     * state kept for the run to adopt ({@link AccuracyStepControl}).
     */
    static final int PILOT_COPIES = 3;

    /** See {@code modelBytes}: 4 + 1 + 4 + 4 + 1 + 4 in the model, 1 + 4 in the fields. */
    static final long MODEL_BYTES_PER_VOXEL = 23L;

    /** The estimate for {@code scenario} run on the Java backend with {@code threads} threads, or on OpenCL. */
    public static MemoryBudget of(Scenario scenario, boolean javaBackend, int threads) {
        Grid3D grid = scenario.grid().toGrid();
        int species = scenario.species().size();
        long voxels = grid.voxelCount();
        long backend = javaBackend
                ? JavaBackend.workingBytes(grid, species, scenario.run(), Math.max(1, threads))
                : voxels * (4L * species + 4L + 8L);
        if (!javaBackend && scenario.run().diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT) {
            // the device's hierarchies are built on the host, one species at a time
            backend += MultigridHierarchy.hostBytesToBuild(grid.nx(), grid.ny(), grid.nz(),
                    scenario.run().multigrid().diffusionCoarsening());
        }
        long binding = scenario.species().stream().filter(s -> s.ecmBinding() != null).count();
        if (binding > 0) {
            // the fields' retardation per bound species; the Java TR-BDF2 keeps R·a of both stages in double
            // (OpenCL keeps those masses on the device)
            boolean trBdf2 = javaBackend && scenario.run().diffusion().scheme() == DiffusionSpec.Scheme.IMPLICIT
                    && !scenario.run().diffusion().unsplit();
            backend += voxels * (4L * binding + (trBdf2 ? 16L : 0L));
        }
        long hyaluronan = scenario.ecm().hyaluronan() == null ? 0L : 4L * voxels;
        long pilots = scenario.run().diffusion().hasAccuracyTarget()
                ? PILOT_COPIES * voxels * Float.BYTES * (species + 1L) : 0L;
        return new MemoryBudget(grid, species, Tissue.stateBytes(grid, species) + hyaluronan,
                voxels * MODEL_BYTES_PER_VOXEL + hyaluronan,
                voxels * (3L * Float.BYTES + 1L), backend, pilots, javaBackend);
    }

    /** Everything at once: the tissue's temporaries are garbage before the backend allocates, but count them. */
    public long totalBytes() {
        return stateBytes + modelBytes + buildBytes + backendBytes + stepControlBytes;
    }

    /** Heap this JVM may still allocate: its maximum (-Xmx) less what is in use now. */
    public static long availableHeapBytes() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** Refuses (exit code 2) when the estimate exceeds {@code availableBytes}; {@code purpose} says for what. */
    public void requireFits(long availableBytes, String purpose) {
        if (totalBytes() <= availableBytes) {
            return;
        }
        long suggestGiB = (long) Math.ceil((totalBytes() + (256L << 20)) / (double) (1L << 30));
        throw new MemoryBudgetException(String.format("grid %d×%d×%d (%,d voxels) with %d species needs about %s of "
                        + "Java heap %s (state %s, model %s, tissue building %s, %s %s%s), but this JVM can "
                        + "allocate %s more: start Java with a larger heap (java -Xmx%dg ... -jar stromasim.jar, if "
                        + "the machine has the memory), or use a smaller grid (grid.nx, ny, nz, or a larger "
                        + "grid.voxel_um)", grid.nx(), grid.ny(), grid.nz(), grid.voxelCount(), species,
                bytes(totalBytes()), purpose, bytes(stateBytes), bytes(modelBytes), bytes(buildBytes),
                javaBackend ? "Java backend" : "live fields and host scratch", bytes(backendBytes),
                stepControlBytes == 0 ? "" : ", step-control pilots " + bytes(stepControlBytes),
                bytes(availableBytes), suggestGiB));
    }

    static String bytes(long b) {
        return b < (1L << 30) ? String.format("%.1f MiB", b / (double) (1L << 20))
                : String.format("%.2f GiB", b / (double) (1L << 30));
    }

    /** A grid too large for this JVM's heap: bad input (exit code 2), with the numbers. */
    public static final class MemoryBudgetException extends IllegalArgumentException {
        public MemoryBudgetException(String message) {
            super(message);
        }
    }
}
