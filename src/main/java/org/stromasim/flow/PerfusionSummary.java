package org.stromasim.flow;

/** A one-line summary of the compressed vessel wall for validate: perfused fraction range and wall-weighted mean. */
public final class PerfusionSummary {

    private PerfusionSummary() {
    }

    /** Σ S·f / Σ S over voxels with a wall (S the wall as built); NaN without any. */
    public static double wallWeightedMean(float[] perfused, float[] builtWallPerUm) {
        double weighted = 0;
        double total = 0;
        for (int v = 0; v < perfused.length; v++) {
            if (builtWallPerUm[v] > 0) {
                weighted += (double) builtWallPerUm[v] * perfused[v];
                total += builtWallPerUm[v];
            }
        }
        return total > 0 ? weighted / total : Double.NaN;
    }

    /** "perfused fraction 0.25–0.62, wall-area-weighted mean 0.44 (compression by solid stress)"; wall voxels only. */
    public static String of(float[] perfused, float[] builtWallPerUm) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < perfused.length; v++) {
            if (builtWallPerUm[v] > 0) {
                min = Math.min(min, perfused[v]);
                max = Math.max(max, perfused[v]);
            }
        }
        if (min > max) {
            return "no vessel wall";
        }
        return String.format("perfused fraction %.3g–%.3g, wall-area-weighted mean %.3g (compression by solid stress)",
                min, max, wallWeightedMean(perfused, builtWallPerUm));
    }
}
