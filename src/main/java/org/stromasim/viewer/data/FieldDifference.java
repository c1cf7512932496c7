package org.stromasim.viewer.data;

/** Voxel-by-voxel difference of the same field in two runs, for the difference view. */
public final class FieldDifference {

    private FieldDifference() {
    }

    /** {@code a − b}; both must cover the same voxels (runs of the same grid). */
    public static VolumeField of(VolumeField a, VolumeField b, String labelA, String labelB) {
        if (!a.sameGrid(b)) {
            throw new ViewerInputException("cannot difference " + a.name() + " of " + labelA + " (" + a.dimensions()
                    + " voxels) and " + labelB + " (" + b.dimensions() + " voxels): the grids differ");
        }
        float[] difference = new float[a.voxelCount()];
        for (int v = 0; v < difference.length; v++) {
            difference[v] = a.values()[v] - b.values()[v];
        }
        return a.withValues(a.name() + " (" + labelA + " − " + labelB + ")", a.unit(), difference);
    }
}
