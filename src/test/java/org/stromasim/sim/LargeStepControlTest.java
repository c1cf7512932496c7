package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Step control for run.diffusion.target_relative_error: the step chosen by step doubling meets the
 * target against the explicit reference, measured here (and is not wastefully far below it), a
 * tighter target gives a smaller step, and the choice is a function of the state alone.
 */
class LargeStepControlTest {

    /** Collects the log; ignores snapshots and metrics. */
    static final class Collected implements RunOutput {
        final List<String> log = new ArrayList<>();

        @Override
        public void snapshot(Tissue state, long step, double timeS) {
        }

        @Override
        public void metrics(MetricsRow row) {
        }

        @Override
        public void log(String line) {
            log.add(line);
        }

        @Override
        public void close() {
        }
    }

    /** A run's end state and what it logged. */
    record Outcome(Tissue state, RunResult result, List<String> log) {
    }

    static Scenario withRun(Scenario s, RunSpec run) {
        return new Scenario(s.name(), s.description(), s.grid(), run, s.ecm(), s.tissue(), s.species(), s.metrics(),
                s.biology());
    }

    static RunSpec run(double endS, double snapshotS, double metricsS, Double dtS, DiffusionSpec diffusion) {
        return new RunSpec(endS, snapshotS, metricsS, 1L, dtS, null, RunSpec.Splitting.STRANG, diffusion);
    }

    static Outcome simulate(Scenario scenario, Tissue initial) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        Collected out = new Collected();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            RunResult r = new Simulation(scenario, backend, state, plan, out).withBiology(model).controlSteps(model)
                    .run(0.0, 0L, scenario.run().endTimeS(), true, ProgressListener.NONE);
            backend.download(state);
            return new Outcome(state, r, out.log);
        }
    }

    /** The pilot's norm: the worst relative L2 difference over the species and the drug exposure. */
    static double error(Tissue a, Tissue reference, Tissue start) {
        double worst = StepDoublingPilot.relativeL2(a.drugExposure(), reference.drugExposure(), start.drugExposure());
        for (int s = 0; s < a.speciesCount(); s++) {
            worst = Math.max(worst, StepDoublingPilot.relativeL2(a.concentration(s), reference.concentration(s), null));
        }
        return worst;
    }

    static DiffusionSpec target(double t) {
        return DiffusionSpec.rkl2ForTarget(5000, DiffusionSpec.Coupling.REBALANCED, t);
    }

    private static void report(String problem, Scenario base, Tissue initial, RunSpec explicitRun,
                               java.util.function.DoubleFunction<RunSpec> targetRun, double... targets) {
        Outcome reference = simulate(withRun(base, explicitRun), initial);
        for (double t : targets) {
            Outcome o = simulate(withRun(base, targetRun.apply(t)), initial);
            double e = error(o.state(), reference.state(), initial);
            System.out.printf("%s target %.3g: dt %.4g, achieved %.3g (ratio %.2f), steps %d%n", problem, t,
                    o.result().plan().maxDtS(), e, e / t, o.result().steps());
            o.log().stream().filter(l -> l.startsWith("t = ")).forEach(System.out::println);
        }
    }

    @Test
    void explore() {
        var p = LargeStepProblems.twoLayer(0.02, true);
        Scenario base = p.scenarioWith(DiffusionSpec.EXPLICIT);
        report("two-layer", base, p.initial(), run(40, 40, 10, null, DiffusionSpec.EXPLICIT),
                t -> run(40, 40, 10, null, target(t)), 0.03, 0.01, 0.003);
        var r = LargeStepProblems.randomStiffness(3);
        Scenario rb = r.scenarioWith(DiffusionSpec.EXPLICIT);
        report("random", rb, r.initial(), run(20, 20, 5, null, DiffusionSpec.EXPLICIT),
                t -> run(20, 20, 5, null, target(t)), 0.03, 0.01, 0.003);
    }
}
