package org.stromasim.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep.
 *
 * @param index      position in the sweep, 0..N−1 (the Slurm array task id)
 * @param runDir     name of its run directory inside the sweep directory
 * @param parameters swept key path → value as people read it, in axis order
 * @param replicate  replicate number, 0..replicates−1
 * @param seed       the run.seed it uses ({@link SeedDerivation})
 */
public record SweepPoint(int index, String runDir, Map<String, String> parameters, int replicate, long seed) {

    public SweepPoint {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The run directory name of point {@code index}: run-0000, run-0001, … */
    public static String runDirName(int index) {
        return String.format("run-%04d", index);
    }

    /** "key=value, key=value, replicate r" for progress lines. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.append(sb.length() == 0 ? "" : ", ").append("replicate ").append(replicate).toString();
    }
}
