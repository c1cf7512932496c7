package org.stromasim.backend.java;

/**
 * The voxel arrays a {@link JavaBackend} works in between upload and download, shared by its scheme
 * classes: the concentrations (the uploaded state's own arrays), the voxel keys computed from the cells, and the uploaded state's viability and
 * drug exposure with the exposure's Kahan compensation. Written by the calling thread at upload; the
 * workers' barrier publishes them to the slab threads.
 */
final class WorkingState {

    /** Concentrations per species; the outer array is fixed, its entries are replaced at upload. */
    final float[][] current;
    final byte[] keys;
    final float[] exposureCompensation;
    /** The uploaded state's viability (read only). */
    float[] viability;
    /** The uploaded state's drug exposure, accumulated in place with {@link #exposureCompensation}. */
    float[] exposure;

    WorkingState(int species, int voxels) {
        this.current = new float[species][];
        this.keys = new byte[voxels];
        this.exposureCompensation = new float[voxels];
    }
}
