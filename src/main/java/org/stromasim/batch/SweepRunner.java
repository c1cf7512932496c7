package org.stromasim.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunDirectoryLock;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.RunResult;

/**
 * Runs the points of an expanded sweep directory: one at a time by index (a Slurm array task), or all
 * that are not completed yet with N workers in this JVM. A completed run is skipped; a stopped or killed
 * one continues from its newest snapshot; a failed one is tried again. A failure is recorded in the
 * run's status.json with its error and does not stop the other runs.
 */
public final class SweepRunner {

    /** What a pass over the sweep did. */
    public record Tally(int completed, int skipped, int failed, int stopped, int notStarted) {
    }

    private final Path sweepDir;
    private final SweepManifest manifest;
    private final RunDriver.Settings settings;
    private final GracefulShutdown shutdown;

    public SweepRunner(Path sweepDir, SweepManifest manifest, RunDriver.Settings settings, GracefulShutdown shutdown) {
        this.sweepDir = sweepDir;
        this.manifest = manifest;
        this.settings = settings;
        this.shutdown = shutdown;
    }

    /** Runs point {@code index} unless it is completed; returns its status afterwards. */
    public RunStatus runPoint(int index) throws IOException {
        return runPoint(index, settings);
    }

    private RunStatus runPoint(int index, RunDriver.Settings settings) throws IOException {
        SweepPoint point = manifest.point(index);
        RunDirectory run = RunDirectory.open(sweepDir.resolve(point.runDir()));
        try (RunDirectoryLock lock = RunDirectoryLock.acquire(run.root(), "sweep point " + index)) {
            return runPoint(run, settings);
        }
    }

    private RunStatus runPoint(RunDirectory run, RunDriver.Settings settings) throws IOException {
        RunStatus before = RunStatus.read(run.root());
        if (before.state() == RunStatus.State.COMPLETED) {
            return before;
        }
        RunStatus running = before.started();
        running.write(run.root());
        long start = System.nanoTime();
        RunStatus after;
        try (GracefulShutdown.Running active = shutdown.enter()) {
            try {
                Scenario scenario = ScenarioLoader.parse(run.readScenarioYaml(), run.scenarioFile().toString(), List.of());
                RunResult result = new RunDriver(settings, shutdown, RunDriver.ProgressFactory.NONE, null)
                        .runOrResume(run, scenario);
                after = running.finished(result.stopped() ? RunStatus.State.STOPPED : RunStatus.State.COMPLETED,
                        seconds(start), result.endTimeS(), "");
            } catch (Exception failure) { // any failure of this one run is recorded; the sweep goes on
                after = running.finished(RunStatus.State.FAILED, seconds(start), Double.NaN, describe(failure));
            }
            after.write(run.root());
        }
        return after;
    }

    /**
     * Runs every point that is not completed, {@code plan.workers()} at a time, each worker slot on its
     * own device of the plan (the settings' threads and device are replaced by the plan's). After a stop
     * request no new run starts and running ones stop at their next chunk boundary with a snapshot.
     */
    public Tally runAll(WorkerPlan plan, PrintWriter out) throws IOException, InterruptedException {
        int workers = plan.workers();
        List<SweepPoint> todo = new ArrayList<>();
        int skipped = 0;
        for (SweepPoint p : manifest.points()) {
            if (RunStatus.read(sweepDir.resolve(p.runDir())).state() == RunStatus.State.COMPLETED) {
                skipped++;
            } else {
                todo.add(p);
            }
        }
        say(out, "sweep %s: %d runs, %d completed already, %d to run; %s", sweepDir, manifest.points().size(),
                skipped, todo.size(), plan.why());
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        AtomicInteger notStarted = new AtomicInteger();
        AtomicInteger finishedCount = new AtomicInteger();
        // a run takes a free worker slot (and with it the slot's device) and gives it back when it ends
        BlockingQueue<Integer> freeSlots = new ArrayBlockingQueue<>(Math.max(1, workers));
        for (int slot = 0; slot < Math.max(1, workers); slot++) {
            freeSlots.add(slot);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    if (shutdown.isRequested()) {
                        notStarted.incrementAndGet();
                        return null;
                    }
                    int slot = freeSlots.take();
                    RunStatus s;
                    try {
                        s = runPoint(p.index(), new RunDriver.Settings(settings.backend(), plan.threads(),
                                settings.untilS(), plan.deviceOf(slot)));
                    } finally {
                        freeSlots.add(slot);
                    }
                    switch (s.state()) {
                        case COMPLETED -> completed.incrementAndGet();
                        case STOPPED -> stopped.incrementAndGet();
                        default -> failed.incrementAndGet();
                    }
                    say(out, "[%d/%d] %s %s in %.3g s (%s)%s", finishedCount.incrementAndGet(), todo.size(), p.runDir(),
                            s.state().key(), s.wallS(), p.label(), s.error().isEmpty() ? "" : ": " + s.error());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // runPoint records run failures itself; what arrives here is an I/O failure of the sweep directory
                    throw new IOException("sweep directory " + sweepDir + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        return new Tally(completed.get(), skipped, failed.get(), stopped.get(), notStarted.get());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) * 1e-9;
    }

    /** One line: the message, and the exception type when the message alone does not say what failed. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        String type = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message.replace('\n', ' ') + " [" + type + "]";
    }

    private static synchronized void say(PrintWriter out, String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
