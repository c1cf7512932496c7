package org.stromasim.flow;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.solver.Coarsening;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Not a unit test: cycles and wall time of a shipped scenario's interstitial pressure (and velocity) with each
 * coarsening, alternating G, OD, G, OD, ... (benchmarks/README.md "Selecting the coarsening").
 * Arguments: scenario file, repetitions.
 */
public final class PressureCoarseningBenchmark {

    private PressureCoarseningBenchmark() {
    }

    public static void main(String[] args) {
        int repetitions = Integer.parseInt(args[1]);
        Scenario[] scenarios = new Scenario[2];
        for (Coarsening c : Coarsening.values()) {
            scenarios[c.ordinal()] = ScenarioLoader.load(Path.of(args[0]),
                    List.of("run.multigrid.pressure_coarsening=" + c.name().toLowerCase(Locale.ROOT)));
        }
        Tissue tissue = TissueBuilder.build(scenarios[0]);
        for (int r = 0; r < repetitions; r++) {
            for (Coarsening c : Coarsening.values()) {
                long start = System.nanoTime();
                InterstitialFlow.Fields f = InterstitialFlow.of(scenarios[c.ordinal()], tissue).orElseThrow();
                double seconds = (System.nanoTime() - start) * 1e-9;
                System.out.printf("%s %s: %d cycles, mean reduction %.3f, pressure and velocity %.3f s%n", args[0], c,
                        f.iterations(), f.meanReduction(), seconds);
            }
        }
    }
}
