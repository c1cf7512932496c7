package org.stromasim.bench;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Cost of one coupling step of {@code scheme: implicit} against {@code scheme: rkl2} at fixed steps,
 * on one backend: the default scenario resampled to n³ over its 960 µm block, all four species. Not
 * an accuracy comparison (at these steps the split bound refuses runs of this scenario for accuracy;
 * here the backend is driven directly); what it shows is how the cost per step grows with dt — RKL2's
 * stages with √dt, the implicit scheme's multigrid cycles barely. Timed once with System.nanoTime after
 * a warm-up step (kernel builds and, for implicit, the hierarchy); not JMH, a step is seconds.
 *
 * <pre>
 * java -cp ... org.stromasim.bench.ImplicitVersusRkl2Step n=48 backend=opencl dts=1,10,60 steps=2
 * </pre>
 */
public final class ImplicitVersusRkl2Step {

    private static final double BLOCK_UM = 960.0;

    private ImplicitVersusRkl2Step() {
    }

    public static void main(String[] args) {
        int n = 48;
        int steps = 2;
        BackendChoice backendChoice = BackendChoice.OPENCL;
        List<Double> dts = new ArrayList<>(List.of(1.0, 10.0, 60.0));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "steps" -> steps = Integer.parseInt(kv[1]);
                case "backend" -> backendChoice = kv[1].equals("java") ? BackendChoice.JAVA : BackendChoice.OPENCL;
                case "dts" -> {
                    dts.clear();
                    for (String d : kv[1].split(",")) {
                        dts.add(Double.parseDouble(d));
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        for (double dt : dts) {
            for (String scheme : new String[] {"implicit", "rkl2"}) {
                Scenario scenario = ScenarioLoader.loadDefault(List.of("grid.nx=" + n, "grid.ny=" + n, "grid.nz=" + n,
                        "grid.voxel_um=" + (BLOCK_UM / n), "run.diffusion.scheme=" + scheme, "run.dt_s=" + dt));
                Tissue tissue = TissueBuilder.build(scenario);
                TransportModel model = TransportModel.compile(scenario, tissue);
                try (Backend backend = BackendFactory.select(backendChoice, null, model, 2).backend()) {
                    backend.upload(tissue);
                    long warm = System.nanoTime();
                    backend.advance(0, dt, 1);
                    double warmS = (System.nanoTime() - warm) / 1e9;
                    long start = System.nanoTime();
                    backend.advance(dt, dt, steps);
                    double perStepS = (System.nanoTime() - start) / 1e9 / steps;
                    String cycles = backend instanceof OpenClBackend o && scheme.equals("implicit")
                            ? String.format(", %.1f cycles/solve", o.implicitCyclesPerSolve()) : "";
                    System.out.printf("n=%d dt=%g s %s on %s: %.3f s/step (first step incl. setup %.2f s)%s%n", n, dt,
                            scheme, backend.description(), perStepS, warmS, cycles);
                }
            }
        }
    }
}
