package org.stromasim.backend.opencl;

import java.util.Locale;

/**
 * The device memory a run needs, checked against the device before anything is allocated: the total
 * against CL_DEVICE_GLOBAL_MEM_SIZE and the largest single buffer (all species of one concentration
 * copy) against CL_DEVICE_MAX_MEM_ALLOC_SIZE.
 *
 * <p>Per voxel: two float copies of every species (ping-pong) and one float diffusivity per species;
 * cell code and reaction key (1 + 1 byte), viability, vessel wall area per volume and the wall's distance
 * from the voxel centre (4 + 4 + 4); drug exposure as a
 * compensated float pair (8); and up to two ints for the metric index lists (shell and cancer voxels);
 * with a biology section the stiffness (4), which only the slow step reads; with vessel groups that carry
 * plasma curves of their own the group of every voxel (1); a float R per species bound to the matrix
 * ({@link #withBoundSpecies}). The large-step scheme adds
 * float copies of every species ({@link #LARGE_STEP_COPIES}); the implicit scheme its multigrid in
 * double ({@link #withMultigrid}: about 11 padded doubles per voxel shared and 7 per species, each
 * +1/7 for the coarse levels; ≈ 90 + 64·species bytes per voxel).
 */
final class DeviceMemoryPlan {

    private final long voxels;
    private final int species;
    private final int extraCopies;
    private final boolean biology;
    /** Whether the device keeps each voxel's plasma group (one byte per voxel; more than one plasma group). */
    private final boolean plasmaGroupPerVoxel;
    /** Device bytes of the implicit scheme's multigrid ({@link MultigridWorkspace#deviceBytes}), 0 for the others. */
    private final long multigridBytes;
    private final long multigridLargestBuffer;
    /** Species bound reversibly to the matrix: the device keeps a float retardation per voxel of each. */
    private final int boundSpecies;

    DeviceMemoryPlan(long voxels, int species) {
        this(voxels, species, 0, false, false);
    }

    /**
     * @param extraCopies further float copies of every species (see {@link #LARGE_STEP_COPIES})
     * @param biology     whether the scenario has a biology section (the device keeps the stiffness)
     * @param plasmaGroupPerVoxel whether vessel groups carry plasma curves of their own (the device keeps
     *                    each voxel's group, one byte)
     */
    DeviceMemoryPlan(long voxels, int species, int extraCopies, boolean biology, boolean plasmaGroupPerVoxel) {
        this(voxels, species, extraCopies, biology, plasmaGroupPerVoxel, 0, 0, 0);
    }

    private DeviceMemoryPlan(long voxels, int species, int extraCopies, boolean biology, boolean plasmaGroupPerVoxel,
                             long multigridBytes, long multigridLargestBuffer, int boundSpecies) {
        this.boundSpecies = boundSpecies;
        this.voxels = voxels;
        this.species = species;
        this.extraCopies = extraCopies;
        this.biology = biology;
        this.plasmaGroupPerVoxel = plasmaGroupPerVoxel;
        this.multigridBytes = multigridBytes;
        this.multigridLargestBuffer = multigridLargestBuffer;
    }

    /**
     * This plan plus the implicit scheme's multigrid: {@code bytes} in all (double work arrays and every
     * species' hierarchy), the largest of them {@code largestBuffer} bytes (a padded fine-level array).
     */
    DeviceMemoryPlan withMultigrid(long bytes, long largestBuffer) {
        return new DeviceMemoryPlan(voxels, species, extraCopies, biology, plasmaGroupPerVoxel, bytes, largestBuffer,
                boundSpecies);
    }

    /** This plan plus the retardation of {@code count} species bound to the matrix (one buffer of all of them). */
    DeviceMemoryPlan withBoundSpecies(int count) {
        return new DeviceMemoryPlan(voxels, species, extraCopies, biology, plasmaGroupPerVoxel, multigridBytes,
                multigridLargestBuffer, count);
    }

    /**
     * Copies the RKL2 scheme adds ({@link Rkl2Passes}): τ·L(Y0) and two stage buffers.
     */
    static final int LARGE_STEP_COPIES = 3;

    long largestBufferBytes() {
        return Math.max(voxels * species * Float.BYTES, multigridLargestBuffer);
    }

    long totalBytes() {
        long perVoxel = (3L + extraCopies) * species * Float.BYTES + 2 + 3 * Float.BYTES + 2 * Float.BYTES + 2 * Integer.BYTES
                + (biology ? Float.BYTES : 0) + (plasmaGroupPerVoxel ? Byte.BYTES : 0) + (long) boundSpecies * Float.BYTES;
        return voxels * perVoxel + multigridBytes;
    }

    /** Throws an {@link IllegalArgumentException} with the numbers when the grid does not fit on {@code device}. */
    void check(OpenClDevice device, String gridDescription) {
        long total = totalBytes();
        long largest = largestBufferBytes();
        if (total > device.globalMemBytes() || largest > device.maxAllocBytes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "grid %s with %d species needs %s of device memory (largest buffer %s); %s has %s of global "
                            + "memory and allows %s per buffer: use a smaller grid, fewer species or a device "
                            + "with more memory (--device, or --backend java)",
                    gridDescription, species, bytes(total), bytes(largest), device.name(),
                    bytes(device.globalMemBytes()), bytes(device.maxAllocBytes())));
        }
        if (voxels * species > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid " + gridDescription + " with " + species + " species has "
                    + voxels * species + " values per field copy; the OpenCL kernels index at most "
                    + Integer.MAX_VALUE);
        }
    }

    static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
}
