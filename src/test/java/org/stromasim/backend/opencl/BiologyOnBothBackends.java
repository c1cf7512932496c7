package org.stromasim.backend.opencl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.biology.SlowProcesses;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RunResult;
import org.stromasim.sim.RecordingOutput;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/** Test helper: biology slow steps and whole biology runs on the Java and the OpenCL backend. */
final class BiologyOnBothBackends {

    /** The shipped fibrotic scenarios on a reduced grid (24×24×20 voxels of 40 µm). */
    static final List<String> REDUCED = List.of("grid.voxel_um=40", "grid.nx=24", "grid.ny=24", "grid.nz=20");

    private BiologyOnBothBackends() {
    }

    static Scenario load(String config, String... settings) {
        List<String> all = new ArrayList<>(REDUCED);
        all.addAll(List.of(settings));
        return ScenarioLoader.load(Path.of("configs", config + ".yaml"), all);
    }

    /** {@code scenario} with its interventions replaced by {@code interventions}. */
    static Scenario withInterventions(Scenario s, List<BiologySpec.Intervention> interventions) {
        BiologySpec b = s.biology();
        BiologySpec biology = new BiologySpec(b.slowIntervalS(), b.tgfbSpecies(), b.il6Species(), b.lactateSpecies(),
                b.activation(), b.remodelling(), b.drugResponse(), interventions);
        return new Scenario(s.name(), s.description(), s.grid(), s.run(), s.ecm(), s.tissue(), s.species(), s.metrics(),
                biology);
    }

    /** The state after the slow steps, and the backend's diffusivity then. */
    record Outcome(Tissue state, float[][] diffusivity) {
    }

    /**
     * {@code slowSteps} slow steps from t = 0 on {@code initial}, each after {@code transport} true:
     * the transport of its whole slow interval at the automatic step (false: the slow step alone).
     */
    static Outcome slowSteps(Scenario scenario, Tissue initial, boolean opencl, int slowSteps, boolean transport) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        SlowProcesses slow = new SlowProcesses(scenario);
        double interval = slow.intervalS();
        TransportFields fields;
        try (Backend backend = opencl ? new OpenClBackend(model, OpenClTestDevice.get()) : new JavaBackend(model, 2)) {
            fields = backend.fields();
            slow.applyInterventionsAt(0.0, fields);
            backend.upload(state);
            for (int i = 1; i <= slowSteps; i++) {
                if (transport) {
                    int steps = (int) Math.ceil(interval / fields.timeStepS(scenario.run()));
                    backend.advance((i - 1) * interval, interval / steps, steps);
                }
                backend.runSlowStep(state, slow.stepEndingAt(i * interval));
            }
            backend.download(state);
        }
        float[][] d = new float[model.speciesCount()][];
        for (int s = 0; s < d.length; s++) {
            d[s] = fields.diffusivityUm2PerS(s).clone();
        }
        return new Outcome(state, d);
    }

    /** A run of {@code scenario} from t = 0 to {@code untilS} through the time loop, keeping the outputs. */
    static Outputs run(Scenario scenario, boolean opencl, double untilS) {
        return run(scenario, org.stromasim.tissue.TissueBuilder.build(scenario), opencl, 0.0, 0L, untilS);
    }

    static Outputs run(Scenario scenario, Tissue start, boolean opencl, double fromS, long step, double untilS) {
        Tissue state = start.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        Outputs out = new Outputs();
        try (Backend backend = opencl ? new OpenClBackend(model, OpenClTestDevice.get()) : new JavaBackend(model, 2)) {
            backend.upload(state);
            out.result = new Simulation(scenario, backend, state, plan(scenario, model), out)
                    .withBiology().run(fromS, step, untilS, fromS == 0.0, ProgressListener.NONE);
        }
        out.last = state;
        return out;
    }

    /**
     * The run's plan; a fixed RKL2 or implicit step is taken as given, without the split-accuracy check that a
     * run applies (TimeStepPlan.choose): these runs compare the two backends at the same steps, which
     * needs no accuracy, and a step above that check exercises more RKL2 stages.
     */
    private static TimeStepPlan plan(Scenario scenario, TransportModel model) {
        if (scenario.run().diffusion().largeSteps() && scenario.run().dtS() != null) {
            return new TimeStepPlan(scenario.run().dtS(), TransportFields.of(model).stabilityLimit(), "parity: fixed large step");
        }
        return TimeStepPlan.choose(scenario.run(), model);
    }

    /** Every metrics row and a copy of every snapshot, with the end state and the run's result. */
    static final class Outputs extends RecordingOutput {
        Tissue last;
        RunResult result;

        Outputs() {
            super(true);
        }
    }

    /** Voxels whose code is {@code to} in {@code after} and {@code from} in {@code before}. */
    static int changed(Tissue before, Tissue after, CellType from, CellType to) {
        int n = 0;
        for (int v = 0; v < before.cell().length; v++) {
            n += before.cell()[v] == from.code() && after.cell()[v] == to.code() ? 1 : 0;
        }
        return n;
    }
}
