package org.stromasim.transport;

import org.stromasim.tissue.CellType;

/**
 * A voxel's reaction key: its cell code and whether a vessel wall bounds it, key = code·2 + wall
 * (wall = 1 where the voxel's wall area per volume S/V is above 0). Every reaction coefficient that
 * depends neither on the concentration nor on S/V is a function of the key (and of viability,
 * linearly), so both backends replace per-voxel exponentials by one small table per sub-step indexed
 * by the key. Wall voxels have a continuous S/V of their own (the true wall geometry, see
 * {@code tissue.VesselWallGeometry}), so both backends integrate them per voxel with the voxel's S/V
 * instead of a tabulated map; they are a thin shell around the vessels. One byte per voxel, shared by
 * all species. Both backends use this one definition, so their tables index the same keys.
 */
public final class VoxelKeys {

    /** Wall classes of a voxel: 0 = no vessel wall, 1 = exchanges through its own wall area. */
    public static final int WALL_CLASSES = 2;
    public static final int COUNT = CellType.COUNT * WALL_CLASSES;

    private VoxelKeys() {
    }

    public static int key(int cellCode, boolean wall) {
        return cellCode * WALL_CLASSES + (wall ? 1 : 0);
    }

    public static int cellCode(int key) {
        return key / WALL_CLASSES;
    }

    /** Whether voxels of this key exchange with the plasma through a wall (per-voxel S/V). */
    public static boolean hasWall(int key) {
        return key % WALL_CLASSES == 1;
    }

    /** The keys of all voxels, from the cell codes and the wall area per volume, 1/µm. */
    public static byte[] of(byte[] cell, float[] svPerUm) {
        byte[] keys = new byte[cell.length];
        compute(cell, svPerUm, keys);
        return keys;
    }

    /** Fills {@code keys} from the cell codes and the wall area per volume (1/µm, finite, >= 0). */
    public static void compute(byte[] cell, float[] svPerUm, byte[] keys) {
        for (int v = 0; v < keys.length; v++) {
            float sv = svPerUm[v];
            if (!(sv >= 0) || !Float.isFinite(sv) || cell[v] < 0 || cell[v] >= CellType.COUNT) {
                throw new IllegalArgumentException("voxel " + v + ": cell code " + cell[v] + " and wall area per volume "
                        + sv + " /µm; allowed: codes 0.." + (CellType.COUNT - 1) + ", a finite S/V >= 0");
            }
            keys[v] = (byte) key(cell[v], sv > 0);
        }
    }
}
