package org.stromasim.backend.opencl;

import org.stromasim.tissue.CellType;

/**
 * A voxel's reaction key for the transport kernel: cell code × 7 + the number of its faces shared with
 * vessel voxels (0–6). Every reaction coefficient that does not depend on C is a function of the key
 * (and linearly of viability), see {@link ReactionTables}. One byte per voxel.
 */
final class VoxelKeyCodes {

    static final int FACE_COUNTS = 7;
    static final int COUNT = CellType.COUNT * FACE_COUNTS;

    private VoxelKeyCodes() {
    }

    static int cellCode(int key) {
        return key / FACE_COUNTS;
    }

    static int vesselFaces(int key) {
        return key % FACE_COUNTS;
    }

    /** The wall area per volume the model stores for {@code faces} vessel faces, bit for bit: (float) (faces/dx), 1/µm. */
    static double surfaceToVolumePerUm(int faces, double voxelUm) {
        return (float) (faces / voxelUm);
    }

    /** The keys of all voxels from their cell codes and the model's wall area per volume (faces/dx). */
    static byte[] of(byte[] cell, float[] svPerUm, double voxelUm) {
        byte[] keys = new byte[cell.length];
        for (int v = 0; v < keys.length; v++) {
            int faces = (int) Math.round(svPerUm[v] * voxelUm);
            if (faces < 0 || faces >= FACE_COUNTS || cell[v] < 0 || cell[v] >= CellType.COUNT) {
                throw new IllegalArgumentException("voxel " + v + ": cell code " + cell[v] + " and wall area per volume "
                        + svPerUm[v] + " /µm (" + faces + " vessel faces at dx=" + voxelUm
                        + " µm); allowed: codes 0.." + (CellType.COUNT - 1) + ", 0..6 faces");
            }
            keys[v] = (byte) (cell[v] * FACE_COUNTS + faces);
        }
        return keys;
    }
}
