package org.stromasim.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RunOutput;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Wall time and accuracy of the diffusion schemes on the default scenario resampled to n³ voxels over
 * its 960 µm block (as {@link BenchScenarios}), all four species, drug exposure (AUC) from t = 0.
 * Not JMH: one run is minutes to hours, so it is timed once with System.nanoTime, after a warm-up.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.stromasim.bench.LargeStepComparison \
 *     n=32 hours=24 scheme=explicit save=ref32.bin
 * java -cp ... LargeStepComparison n=32 hours=24 scheme=rkl2 dt=60 compare=ref32.bin
 * java -cp ... LargeStepComparison n=128 hours=0.05 scheme=explicit          (a window: wall per simulated hour)
 * </pre>
 * Arguments: n (voxels per axis), hours (simulated), scheme (explicit | rkl2), dt (s; explicit
 * default 0.9 × its limit), chunk (s of simulated time per advance call, default 30 as the default
 * scenario's metrics interval), threads (default 2), save / compare (a file of the final drug
 * exposure, float32, to write or to compare against: relative L2 error), set=key.path=value (any
 * scenario override, repeatable), backend (java, the default, or opencl: the best OpenCL device),
 * target (run.diffusion.target_relative_error with scheme=rkl2: the step is chosen by the accuracy
 * control; runs through the {@link Simulation} loop, which logs each choice and the control's cost),
 * sim=true (any scheme through the Simulation loop, for a like-for-like comparison with target=).
 */
public final class LargeStepComparison {

    private static final double BLOCK_UM = 960.0;

    private LargeStepComparison() {
    }

    public static void main(String[] args) throws IOException {
        int n = 32;
        double hours = 24;
        String scheme = "explicit";
        Double dt = null;
        Double target = null;
        boolean viaSimulation = false;
        double chunkS = 30;
        int threads = 2;
        Path save = null;
        Path compare = null;
        List<String> extra = new ArrayList<>();
        BackendChoice backendChoice = BackendChoice.JAVA;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "hours" -> hours = Double.parseDouble(kv[1]);
                case "scheme" -> scheme = kv[1];
                case "dt" -> dt = Double.parseDouble(kv[1]);
                case "target" -> target = Double.parseDouble(kv[1]);
                case "sim" -> viaSimulation = Boolean.parseBoolean(kv[1]);
                case "chunk" -> chunkS = Double.parseDouble(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "save" -> save = Path.of(kv[1]);
                case "compare" -> compare = Path.of(kv[1]);
                case "set" -> extra.add(kv[1]);
                case "backend" -> backendChoice = switch (kv[1]) {
                    case "java" -> BackendChoice.JAVA;
                    case "opencl" -> BackendChoice.OPENCL;
                    default -> throw new IllegalArgumentException("backend must be java or opencl, got " + kv[1]);
                };
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        List<String> overrides = new ArrayList<>(List.of("grid.nx=" + n, "grid.ny=" + n, "grid.nz=" + n,
                "grid.voxel_um=" + (BLOCK_UM / n), "run.diffusion.scheme=" + scheme));
        if (dt != null) {
            overrides.add("run.dt_s=" + dt);
        }
        if (target != null) {
            overrides.add("run.diffusion.target_relative_error=" + target);
            viaSimulation = true;
        }
        if (viaSimulation) {
            overrides.add("run.end_time_s=" + hours * 3600);
        }
        overrides.addAll(extra);
        Scenario scenario = ScenarioLoader.loadDefault(overrides);
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        System.out.println("n=" + n + " voxel " + (BLOCK_UM / n) + " µm, " + hours + " h, " + plan.reason());
        double endS = hours * 3600;
        double wallS;
        SelectedBackend selected = BackendFactory.select(backendChoice, null, model, threads);
        System.out.println(selected.note());
        try (Backend backend = selected.backend()) {
            backend.upload(tissue);
            if (viaSimulation) {
                RunResult r = new Simulation(scenario, backend, tissue, plan, new PrintedLog()).withBiology()
                        .controlSteps().run(0.0, 0L, endS, true, ProgressListener.NONE);
                wallS = r.wallSeconds();
                backend.download(tissue);
                System.out.printf("steps %d, wall %.2f s, %.4g s wall per simulated hour (Simulation loop, "
                        + "metrics and snapshots computed, not written)%n", r.steps(), wallS, wallS / hours);
                compareAndSave(tissue, save, compare);
                return;
            }
            long start = System.nanoTime();
            double t = 0;
            long steps = 0;
            while (t < endS * (1 - 1e-12)) {
                double chunk = Math.min(chunkS, endS - t);
                int k = plan.stepsFor(chunk);
                backend.advance(t, chunk / k, k);
                steps += k;
                t += chunk;
            }
            wallS = (System.nanoTime() - start) / 1e9;
            backend.download(tissue);
            System.out.printf("steps %d, wall %.2f s, %.4g s wall per simulated hour%n", steps, wallS,
                    wallS / hours);
            if (backend instanceof org.stromasim.backend.java.JavaBackend java && java.multigridCyclesPerSolve() > 0) {
                System.out.printf("multigrid: %.2f cycles per solve%n", java.multigridCyclesPerSolve());
            }
        }
        compareAndSave(tissue, save, compare);
    }

    /** Prints the run log's step choices and cost lines; snapshots and metrics are computed but dropped. */
    private static final class PrintedLog implements RunOutput {
        @Override
        public void snapshot(Tissue state, long step, double timeS) {
        }

        @Override
        public void metrics(MetricsRow row) {
        }

        @Override
        public void log(String line) {
            if (line.startsWith("t = ") || line.startsWith("step control") || line.startsWith("finished")) {
                System.out.println(line);
            }
        }

        @Override
        public void close() {
        }
    }

    private static void compareAndSave(Tissue tissue, Path save, Path compare) throws IOException {
        float[] auc = tissue.drugExposure();
        if (save != null) {
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(save))) {
                out.writeInt(auc.length);
                for (float v : auc) {
                    out.writeFloat(v);
                }
            }
        }
        if (compare != null) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(compare))) {
                int len = in.readInt();
                if (len != auc.length) {
                    throw new IllegalArgumentException("reference has " + len + " voxels, this run " + auc.length);
                }
                double num = 0;
                double den = 0;
                double worst = 0;
                for (float v : auc) {
                    double r = in.readFloat();
                    num += (v - r) * (v - r);
                    den += r * r;
                    worst = Math.max(worst, Math.abs(v - r));
                }
                System.out.printf("relative L2 error of drug exposure vs %s: %.4g (max abs diff %.4g)%n", compare,
                        Math.sqrt(num / den), worst);
            }
        }
    }
}
