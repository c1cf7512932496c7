package org.stromasim.transport;

import org.stromasim.tissue.CellType;

/**
 * A voxel's reaction key: its cell code and the number of its faces shared with vessel voxels (0–6),
 * key = code·7 + faces. Every reaction coefficient that does not depend on the concentration is a
 * function of the key (and of viability, linearly), so both backends replace per-voxel exponentials by
 * one small table per sub-step indexed by the key. One byte per voxel, shared by all species, instead
 * of reading the cell code and the wall area per volume separately. Both backends use this one
 * definition, so their tables index the same keys.
 */
public final class VoxelKeys {

    /** Faces of a voxel: a voxel has 0..6 faces shared with vessel voxels. */
    public static final int FACE_COUNTS = 7;
    public static final int COUNT = CellType.COUNT * FACE_COUNTS;

    private VoxelKeys() {
    }

    public static int key(int cellCode, int vesselFaces) {
        return cellCode * FACE_COUNTS + vesselFaces;
    }

    public static int cellCode(int key) {
        return key / FACE_COUNTS;
    }

    public static int vesselFaces(int key) {
        return key % FACE_COUNTS;
    }

    /**
     * The wall area per volume the model stores for a voxel with {@code faces} vessel faces, bit for
     * bit: (float) (faces / dx), 1/µm (see {@code VesselGeometry}).
     */
    public static double surfaceToVolumePerUm(int faces, double voxelUm) {
        return (float) (faces / voxelUm);
    }

    /** The keys of all voxels, from the cell codes and the model's wall area per volume (faces/dx). */
    public static byte[] of(byte[] cell, float[] svPerUm, double voxelUm) {
        byte[] keys = new byte[cell.length];
        compute(cell, svPerUm, voxelUm, keys);
        return keys;
    }

    /**
     * Fills {@code keys} from the cell codes and the model's wall area per volume (faces/dx, rounded
     * back to the face count).
     */
    public static void compute(byte[] cell, float[] svPerUm, double voxelUm, byte[] keys) {
        for (int v = 0; v < keys.length; v++) {
            int faces = (int) Math.round(svPerUm[v] * voxelUm);
            if (faces < 0 || faces >= FACE_COUNTS || cell[v] < 0 || cell[v] >= CellType.COUNT) {
                throw new IllegalArgumentException("voxel " + v + ": cell code " + cell[v] + " and wall area per volume "
                        + svPerUm[v] + " /µm (" + faces + " vessel faces at dx=" + voxelUm
                        + " µm); allowed: codes 0.." + (CellType.COUNT - 1) + ", 0..6 faces");
            }
            keys[v] = (byte) key(cell[v], faces);
        }
    }
}
