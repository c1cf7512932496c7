package org.stromasim.transport;

import org.stromasim.grid.Grid3D;

/** Computes the {@link StabilityLimit} from the voxel diffusivities and boundary conditions (set-up code). */
final class StabilityAnalysis {

    private StabilityAnalysis() {
    }

    static StabilityLimit limit(Grid3D g, java.util.List<String> names, float[][] diffusivity,
                                SpeciesBoundaries[] boundaries) {
        double worstSum = 0.0;
        int worstSpecies = -1;
        for (int s = 0; s < names.size(); s++) {
            double sum = FaceSums.maxFaceSum(g, diffusivity[s], boundaries[s]);
            if (sum > worstSum) {
                worstSum = sum;
                worstSpecies = s;
            }
        }
        double dx = g.voxelUm();
        if (worstSpecies < 0) {
            return new StabilityLimit(Double.POSITIVE_INFINITY, "none", 0.0, dx);
        }
        return new StabilityLimit(dx * dx / worstSum, names.get(worstSpecies), max(diffusivity[worstSpecies]), dx);
    }

    private static double max(float[] values) {
        double m = 0.0;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
