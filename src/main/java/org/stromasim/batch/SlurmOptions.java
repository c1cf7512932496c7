package org.stromasim.batch;

import java.util.List;

/**
 * What the job-array script asks Slurm for.
 *
 * @param jobName     Slurm job name
 * @param partition   {@code --partition}, or {@code null} for the cluster default
 * @param time        {@code --time} per task (e.g. {@code 02:00:00}), or {@code null} for the partition default
 * @param cpusPerTask {@code --cpus-per-task}; also the Java backend's thread count in each task
 * @param gpusPerTask {@code --gpus-per-task}, or {@code null} for none
 * @param mem         {@code --mem} per task (e.g. {@code 8G}), or {@code null} for the default
 * @param extra       further {@code #SBATCH} arguments, verbatim (e.g. {@code --account=abc})
 * @param launcher    the command that starts stromasim on a node, or {@code null} for this JVM and class
 *                    path (which then must be visible from the nodes, e.g. on a shared file system)
 */
public record SlurmOptions(String jobName, String partition, String time, int cpusPerTask, Integer gpusPerTask,
                           String mem, List<String> extra, String launcher) {

    public SlurmOptions {
        if (cpusPerTask < 1) {
            throw new IllegalArgumentException("--cpus-per-task = " + cpusPerTask + ": must be >= 1");
        }
        if (gpusPerTask != null && gpusPerTask < 0) {
            throw new IllegalArgumentException("--gpus-per-task = " + gpusPerTask + ": must be >= 0");
        }
        extra = List.copyOf(extra);
    }
}
