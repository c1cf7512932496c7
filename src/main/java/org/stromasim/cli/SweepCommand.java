package org.stromasim.cli;

import org.stromasim.LaunchCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stromasim.backend.BackendChoice;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.batch.RunDriver;
import org.stromasim.batch.RunStatus;
import org.stromasim.batch.SlurmArrayScript;
import org.stromasim.batch.SlurmOptions;
import org.stromasim.batch.SlurmSubmitter;
import org.stromasim.batch.SweepExpansion;
import org.stromasim.batch.SweepFileReader;
import org.stromasim.batch.SweepManifest;
import org.stromasim.batch.SweepPoint;
import org.stromasim.batch.SweepRunner;
import org.stromasim.batch.SweepSpec;
import org.stromasim.batch.WorkerPlan;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.backend.opencl.OpenClUnavailableException;
import org.stromasim.io.AtomicFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim sweep}: expand a sweep file into run directories and run them here or on Slurm. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a parameter sweep: one run directory per point of the sweep file, plus manifest.json.",
                "Locally with N parallel workers, or as a Slurm job array with --slurm. Re-running skips completed "
                        + "runs and continues stopped ones from their snapshots.",
                "Then 'sweep collect DIR' writes summary.csv and a plot."},
        subcommands = {SweepCollectCommand.class, SweepRunPointCommand.class})
final class SweepCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SWEEP.yaml", description = "Sweep file (see the README, 'Sweeps', and docs/batch.md).")
    Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep directory (created; reused on a re-run).")
    Path outDir;

    @Option(names = "--until", paramLabel = "SECONDS",
            description = "Simulate every run to this time (sets run.end_time_s of each point).")
    Double untilS;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "Runs at a time on this machine (default: one per OpenCL GPU, or without GPUs one per "
                    + "processor; at most one per run).")
    int workers;

    @Option(names = "--devices", paramLabel = "INDEX|NAME", split = ",",
            description = "OpenCL devices to spread the runs over, one worker each: indexes from `stromasim devices` "
                    + "or name parts, comma-separated (default: every GPU).")
    List<String> devices = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Java backend threads per run (default: processors / workers, at least 1).")
    int threads;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Where the numerics run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    BackendChoice backend;

    @ArgGroup(exclusive = false, heading = "Slurm:%n")
    SlurmArgs slurm;

    static final class SlurmArgs {
        @Option(names = "--slurm", required = true,
                description = "Write a Slurm job-array script (one task per point not completed yet) and submit it with sbatch.")
        boolean enabled;

        @Option(names = "--partition", paramLabel = "P", description = "sbatch --partition.")
        String partition;

        @Option(names = "--time", paramLabel = "T", description = "sbatch --time per task, e.g. 02:00:00.")
        String time;

        @Option(names = "--cpus-per-task", paramLabel = "N", defaultValue = "1",
                description = "sbatch --cpus-per-task, also the Java backend threads of each task (default: ${DEFAULT-VALUE}).")
        int cpusPerTask;

        @Option(names = "--gpus-per-task", paramLabel = "N", description = "sbatch --gpus-per-task.")
        Integer gpusPerTask;

        @Option(names = "--mem", paramLabel = "M", description = "sbatch --mem per task, e.g. 8G.")
        String mem;

        @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "Another #SBATCH argument, e.g. --account=abc (repeatable).")
        List<String> extra = new ArrayList<>();

        @Option(names = "--launcher", paramLabel = "COMMAND",
                description = "Command that starts stromasim on a node, e.g. /shared/stromasim/bin/stromasim "
                        + "(default: this Java and class path, which the nodes must see).")
        String launcher;
    }

    @Option(names = "--dry-run",
            description = "Check the sweep and write its run directories and manifest (with --slurm also the job "
                    + "script), list the points, and run or submit nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (sweepFile == null) {
            throw new UserInputException("sweep needs a sweep file (sweep SWEEP.yaml --out DIR) or a subcommand "
                    + "(collect, run-point); see '" + LaunchCommand.get() + " sweep --help'");
        }
        if (outDir == null) {
            throw new UserInputException("sweep " + sweepFile + ": --out DIR is required (the sweep directory)");
        }
        if (workers < 0) {
            throw new UserInputException("--workers = " + workers + ": must be >= 0 (0 = one per processor)");
        }
        if (!Files.isRegularFile(sweepFile)) {
            throw new UserInputException("sweep file " + sweepFile + " does not exist");
        }
        RunDriver.Settings probe = new RunDriver.Settings(backend, threads, untilS); // validates --threads, --until
        SweepSpec sweep = SweepFileReader.read(sweepFile);
        List<String> extra = untilS == null ? List.of() : List.of("run.end_time_s=" + untilS);
        SweepExpansion.Plan plan = new SweepExpansion(sweep, extra).expand();
        SweepExpansion.materialise(plan, outDir);
        SweepManifest manifest = plan.manifest();
        if (slurm != null) {
            return submitToSlurm(out, manifest);
        }
        if (dryRun) {
            return listPoints(out, manifest);
        }
        WorkerPlan workerPlan = WorkerPlan.of(backend, listedDevices(), devices, workers, threads,
                Runtime.getRuntime().availableProcessors(), countNotCompleted(manifest));
        RunDriver.Settings settings = new RunDriver.Settings(probe.backend(), workerPlan.threads(), null);
        SweepRunner.Tally tally;
        try (GracefulShutdown shutdown = GracefulShutdown.install(spec.commandLine().getErr())) {
            tally = new SweepRunner(outDir, manifest, settings, shutdown).runAll(workerPlan, out);
        }
        out.printf("sweep %s: %d completed now, %d completed before, %d failed, %d stopped, %d not started%n",
                outDir, tally.completed(), tally.skipped(), tally.failed(), tally.stopped(), tally.notStarted());
        out.println("summary: " + LaunchCommand.get() + " sweep collect " + LaunchCommand.shellWord(outDir.toString()));
        out.flush();
        if (tally.stopped() > 0 || tally.notStarted() > 0) {
            return ExitCodes.STOPPED;
        }
        return tally.failed() > 0 ? ExitCodes.RUNS_FAILED : ExitCodes.OK;
    }

    /**
     * The OpenCL devices of this machine for the worker plan; none with {@code --backend java}, and none
     * when OpenCL is missing and not asked for (auto runs then take the Java backend, each run saying why).
     */
    private List<OpenClDevice> listedDevices() {
        if (backend == BackendChoice.JAVA) {
            return List.of();
        }
        try {
            return OpenClDevices.list();
        } catch (OpenClUnavailableException e) {
            if (backend == BackendChoice.OPENCL || !devices.isEmpty()) {
                throw new UserInputException("sweep --backend opencl: " + e.getMessage(), e);
            }
            return List.of();
        }
    }

    private int countNotCompleted(SweepManifest manifest) throws IOException {
        return notCompleted(manifest).size();
    }

    private List<Integer> notCompleted(SweepManifest manifest) throws IOException {
        List<Integer> indexes = new ArrayList<>();
        for (SweepPoint p : manifest.points()) {
            if (RunStatus.read(outDir.resolve(p.runDir())).state() != RunStatus.State.COMPLETED) {
                indexes.add(p.index());
            }
        }
        return indexes;
    }

    /** {@code --dry-run} without {@code --slurm}: what would run, and the command that runs it. */
    private int listPoints(PrintWriter out, SweepManifest manifest) throws IOException {
        List<Integer> todo = notCompleted(manifest);
        out.printf("sweep %s: %d points, %d not completed yet:%n", outDir, manifest.points().size(), todo.size());
        for (SweepPoint p : manifest.points()) {
            if (todo.contains(p.index())) {
                out.printf("  %s  %s, seed %d%n", p.runDir(), p.label(), p.seed());
            }
        }
        out.println("nothing run (--dry-run); run them with: " + LaunchCommand.get() + " sweep "
                + LaunchCommand.shellWord(sweepFile.toString()) + " --out " + LaunchCommand.shellWord(outDir.toString()));
        out.flush();
        return ExitCodes.OK;
    }

    private int submitToSlurm(PrintWriter out, SweepManifest manifest) throws IOException, InterruptedException {
        List<Integer> todo = notCompleted(manifest);
        if (todo.isEmpty()) {
            out.printf("all %d runs of %s are completed; nothing to submit%n", manifest.points().size(), outDir);
            out.flush();
            return ExitCodes.OK;
        }
        String name = "stromasim-" + outDir.toAbsolutePath().normalize().getFileName();
        SlurmOptions options = new SlurmOptions(name.replaceAll("[^A-Za-z0-9_.-]", "_"), slurm.partition, slurm.time,
                slurm.cpusPerTask, slurm.gpusPerTask, slurm.mem, slurm.extra, slurm.launcher);
        Path slurmDir = outDir.resolve("slurm");
        Files.createDirectories(slurmDir);
        Path script = slurmDir.resolve("array.sbatch");
        AtomicFiles.writeString(script, SlurmArrayScript.render(outDir, todo, options, backend.name().toLowerCase()));
        out.printf("wrote %s: %d array tasks of %d runs%n", script, todo.size(), manifest.points().size());
        if (dryRun) {
            out.println("not submitted (--dry-run); submit with: sbatch " + script);
            out.flush();
            return ExitCodes.OK;
        }
        String jobId = SlurmSubmitter.submit(script);
        Files.writeString(slurmDir.resolve("jobs.txt"), jobId + "\n", java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        out.printf("submitted job array %s; watch it with: squeue -j %s%n", jobId, jobId);
        out.println("when it has finished: " + LaunchCommand.get() + " sweep collect "
                + LaunchCommand.shellWord(outDir.toString()));
        out.flush();
        return ExitCodes.OK;
    }
}
