package org.stromasim.bench;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * Java against OpenCL on the same tissue at sizes the test suite does not reach (the parity tests run
 * at 32³ and below): the default scenario resampled to n³ (as {@link BenchScenarios}), all four
 * species, advanced {@code steps} steps of {@code dt} from t = 60 s (inside the bolus) on each backend,
 * then every species and the drug exposure compared voxel by voxel: the largest difference relative to
 * the field's largest magnitude, and the relative L2 difference. Both backends run in float with
 * different summation orders, so agreement is expected to a few float roundings per step, not bitwise.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.stromasim.bench.BackendParityCheck n=256 steps=20 \
 *     set=run.diffusion.scheme=rkl2 dt=0.5 threads=16
 * </pre>
 * Arguments: n, steps (default 20), dt (s; default 0.9 × the explicit stability limit; a large-step scheme
 * is chosen with set=run.diffusion.scheme=…), threads (Java backend; default the machine's cores), set=key.path=value (repeatable).
 */
public final class BackendParityCheck {

    private BackendParityCheck() {
    }

    public static void main(String[] args) {
        int n = 64;
        int steps = 20;
        Double dt = null;
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> overrides = new ArrayList<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "dt" -> dt = Double.parseDouble(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "set" -> overrides.add(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (allowed: n=, steps=, dt=, threads=, set=)");
            }
        }
        if (dt != null) {
            overrides.add(0, "run.dt_s=" + dt);
        }
        Scenario scenario = BenchScenarios.cube(n, 4, overrides);
        Tissue initial = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, initial);
        Tissue onJava = initial.copy();
        Tissue onOpenCl = initial.copy();
        double dtS = dt != null ? dt
                : TransportFields.of(model).stabilityLimit().automaticStepS(scenario.run().stabilitySafety());
        System.out.printf("# n=%d, %d steps of %g s, overrides %s; machine: %s%n", n, steps, dtS, overrides,
                MachineInfo.describe());
        double javaS = advance(BackendChoice.JAVA, model, threads, onJava, dtS, steps);
        double openClS = advance(BackendChoice.OPENCL, model, threads, onOpenCl, dtS, steps);
        System.out.printf("wall: java %.2f s, opencl %.2f s (both include upload and download)%n", javaS, openClS);
        for (int s = 0; s < model.speciesCount(); s++) {
            report(model.speciesNames().get(s), onJava.concentration(s), onOpenCl.concentration(s));
        }
        report("drug exposure", onJava.drugExposure(), onOpenCl.drugExposure());
    }

    private static double advance(BackendChoice choice, TransportModel model, int threads, Tissue tissue, double dtS,
                                  int steps) {
        try (Backend backend = BackendFactory.select(choice, null, model, threads).backend()) {
            System.out.println("# " + backend.description());
            long start = System.nanoTime();
            backend.upload(tissue);
            backend.advance(60.0, dtS, steps);
            backend.download(tissue);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void report(String name, float[] reference, float[] other) {
        double largest = 0;
        double largestDifference = 0;
        double sumSquares = 0;
        double sumSquaredDifferences = 0;
        long nonFinite = 0;
        for (int i = 0; i < reference.length; i++) {
            if (!Float.isFinite(reference[i]) || !Float.isFinite(other[i])) {
                nonFinite++;
                continue;
            }
            double difference = Math.abs((double) other[i] - reference[i]);
            largest = Math.max(largest, Math.abs(reference[i]));
            largestDifference = Math.max(largestDifference, difference);
            sumSquares += (double) reference[i] * reference[i];
            sumSquaredDifferences += difference * difference;
        }
        System.out.printf("%-14s max |opencl − java| / max |java| = %.3e, relative L2 = %.3e, max %.4g, non-finite %d%n",
                name, largest > 0 ? largestDifference / largest : largestDifference,
                sumSquares > 0 ? Math.sqrt(sumSquaredDifferences / sumSquares) : Math.sqrt(sumSquaredDifferences),
                largest, nonFinite);
    }
}
