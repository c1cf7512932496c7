package org.stromasim.batch;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sbatch script of a sweep: one array task per point that is not completed yet
 * ({@code --array=0-(N-1)} the first time), each running {@code stromasim sweep run-point DIR
 * $SLURM_ARRAY_TASK_ID}. The JVM is started with {@code exec}, so it is the process that receives
 * Slurm's SIGTERM at the time limit and writes a final snapshot; submitting again runs only the
 * points that did not complete, and stopped ones continue from their snapshots.
 */
public final class SlurmArrayScript {

    public static final String MAIN_CLASS = "org.stromasim.cli.Main";

    private SlurmArrayScript() {
    }

    public static String render(Path sweepDir, List<Integer> indexes, SlurmOptions o, String backend) {
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("no sweep point to submit");
        }
        Path dir = sweepDir.toAbsolutePath().normalize();
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# Written by 'stromasim sweep --slurm': one array task per sweep point not completed yet.\n");
        s.append("# Collect afterwards with: stromasim sweep collect ").append(shellQuote(dir.toString())).append('\n');
        s.append("#SBATCH --job-name=").append(o.jobName()).append('\n');
        s.append("#SBATCH --array=").append(arraySpec(indexes)).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(o.cpusPerTask()).append('\n');
        s.append("#SBATCH --output=").append(dir.resolve("slurm").resolve("task-%A_%a.out")).append('\n');
        if (o.partition() != null) {
            s.append("#SBATCH --partition=").append(o.partition()).append('\n');
        }
        if (o.time() != null) {
            s.append("#SBATCH --time=").append(o.time()).append('\n');
        }
        if (o.gpusPerTask() != null) {
            s.append("#SBATCH --gpus-per-task=").append(o.gpusPerTask()).append('\n');
        }
        if (o.mem() != null) {
            s.append("#SBATCH --mem=").append(o.mem()).append('\n');
        }
        for (String arg : o.extra()) {
            s.append("#SBATCH ").append(arg).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("stromasim() { exec ").append(o.launcher() != null ? o.launcher() : thisJvm()).append(" \"$@\"; }\n");
        s.append("stromasim sweep run-point ").append(shellQuote(dir.toString()))
                .append(" \"$SLURM_ARRAY_TASK_ID\" --threads \"${SLURM_CPUS_PER_TASK:-1}\" --backend ")
                .append(backend).append('\n');
        return s.toString();
    }

    /** "0-3,6,8-9": sorted indexes, consecutive runs as ranges. */
    static String arraySpec(List<Integer> indexes) {
        int[] sorted = indexes.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            parts.add(i == j ? Integer.toString(sorted[i]) : sorted[i] + "-" + sorted[j]);
            i = j + 1;
        }
        return String.join(",", parts);
    }

    /**
     * This JVM and its class path, absolute, as a shell command, with the incubator module that lets the
     * Java backend run its vectorised row loops (the JVM prints one "Using incubator modules" warning).
     */
    static String thisJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return shellQuote(java) + " --add-modules jdk.incubator.vector -cp " + shellQuote(classPath) + " " + MAIN_CLASS;
    }

    /** Single-quoted for bash. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
