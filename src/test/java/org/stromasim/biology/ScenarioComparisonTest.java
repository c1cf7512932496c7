package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RecordingOutput;
import org.stromasim.sim.RunOutput;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The shipped scenarios on a reduced grid (40 µm voxels, the same geometry: 24 × 24 × 20) for 600 s:
 * fibrotic stroma ends with less cancer-cell kill than normal stroma, each inhibitor acts through its own
 * mechanism, and the MCT1 inhibitor's gain in kill is resolved by the time step (the others' are below it).
 * Full-size figures are in the issue note (the same comparison over 3600 s on the 20 µm grid).
 */
class ScenarioComparisonTest {

    static final List<String> REDUCED = List.of("grid.voxel_um=40", "grid.nx=24", "grid.ny=24", "grid.nz=20");
    static final double UNTIL_S = 600;
    private static final Map<String, MetricsRow> END = new ConcurrentHashMap<>();
    /** The same runs at half the time step (stability safety 0.45 instead of 0.9). */
    private static final Map<String, MetricsRow> END_HALF_STEP = new ConcurrentHashMap<>();
    static final List<String> INHIBITED = List.of("fibrotic-lox-inhibitor", "fibrotic-tgfb-inhibitor",
            "fibrotic-mct1-inhibitor");

    static MetricsRow run(String config) {
        return run(config, REDUCED);
    }

    static MetricsRow run(String config, List<String> overrides) {
        Scenario scenario = ScenarioLoader.load(Path.of("configs", config + ".yaml"), overrides);
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        TimeStepPlan plan = TimeStepPlan.choose(scenario.run(), model);
        try (JavaBackend backend = new JavaBackend(model, 2); RunOutput none = RecordingOutput.rowsAndLog()) {
            backend.upload(tissue);
            return new Simulation(scenario, backend, tissue, plan, none).withBiology()
                    .run(0.0, 0L, UNTIL_S, true, ProgressListener.NONE).finalMetrics();
        }
    }

    @BeforeAll
    static void runAll() {
        for (String c : List.of("normal-stroma", "fibrotic-stroma", "fibrotic-lox-inhibitor", "fibrotic-tgfb-inhibitor",
                "fibrotic-mct1-inhibitor")) {
            END.put(c, run(c));
        }
        List<String> halfStep = new java.util.ArrayList<>(REDUCED);
        halfStep.add("run.stability_safety=0.45");
        for (String c : List.of("fibrotic-stroma", "fibrotic-lox-inhibitor", "fibrotic-tgfb-inhibitor",
                "fibrotic-mct1-inhibitor")) {
            END_HALF_STEP.put(c, run(c, halfStep));
        }
    }

    private static double killed(String config) {
        return 1.0 - END.get(config).value("viable_fraction");
    }

    private static double killedAtHalfStep(String config) {
        return 1.0 - END_HALF_STEP.get(config).value("viable_fraction");
    }

    /** Normal stroma kills 4.2e-4 more than fibrotic stroma: ten times the kill's step dependence. */
    @Test
    void fibroticStromaKillsFewerCancerCellsThanNormal() {
        double resolution = Math.abs(killed("fibrotic-stroma") - killedAtHalfStep("fibrotic-stroma"));
        assertTrue(killed("normal-stroma") - killed("fibrotic-stroma") > 3 * resolution,
                "killed: fibrotic " + killed("fibrotic-stroma") + ", normal " + killed("normal-stroma"));
        assertTrue(END.get("fibrotic-stroma").value("stroma_mean_stiffness_kpa")
                > END.get("normal-stroma").value("stroma_mean_stiffness_kpa"));
    }

    /**
     * An inhibitor's effect on the kill counts only where the time discretisation resolves it: the effect
     * e = kill(inhibited) − kill(fibrotic) must be positive at both steps and change by less than half
     * of itself when the step is halved (the scheme is first order, so e(dt) − e(dt/2) estimates e(dt/2)'s
     * own error). Measured at 600 s on this grid: the kill itself moves by 4.6e-5 with the step, the MCT1
     * inhibitor's effect is 4.7e-3; the LOX and TGF-β inhibitors' effects are 3e-6 and 2e-5, below that
     * resolution, so they are checked by their mechanisms ({@link #eachInhibitorActsThroughItsOwnMechanism})
     * and the kill only for not falling beyond it.
     */
    @Test
    void theMct1InhibitorRaisesTheKillByMoreThanTheStepChangesIt() {
        double effect = killed("fibrotic-mct1-inhibitor") - killed("fibrotic-stroma");
        double effectHalf = killedAtHalfStep("fibrotic-mct1-inhibitor") - killedAtHalfStep("fibrotic-stroma");
        assertTrue(effect > 0 && effectHalf > 0, "MCT1 effect " + effect + " (dt), " + effectHalf + " (dt/2)");
        assertTrue(Math.abs(effect - effectHalf) < 0.5 * effectHalf,
                "MCT1 effect not resolved: " + effect + " at dt, " + effectHalf + " at dt/2");
    }

    @Test
    void noInhibitorLowersTheKillBeyondTheStepResolution() {
        double resolution = Math.abs(killed("fibrotic-stroma") - killedAtHalfStep("fibrotic-stroma"));
        for (String c : INHIBITED) {
            double effect = killed(c) - killed("fibrotic-stroma");
            double effectHalf = killedAtHalfStep(c) - killedAtHalfStep("fibrotic-stroma");
            assertTrue(effect > -resolution && effectHalf > -resolution,
                    c + ": effect " + effect + " (dt), " + effectHalf + " (dt/2), resolution " + resolution);
        }
    }

    @Test
    void eachInhibitorActsThroughItsOwnMechanism() {
        MetricsRow base = END.get("fibrotic-stroma");
        assertTrue(END.get("fibrotic-lox-inhibitor").value("stroma_mean_stiffness_kpa")
                < base.value("stroma_mean_stiffness_kpa"), "LOX inhibitor: less stiffening");
        assertTrue(END.get("fibrotic-tgfb-inhibitor").value("caf_fraction") < base.value("caf_fraction"),
                "TGF-β inhibitor: fewer CAFs");
    }

    @Test
    void mct1InhibitionRaisesExtracellularLactateAndLowersWhatCancerCellsTakeUp() {
        MetricsRow base = END.get("fibrotic-stroma");
        MetricsRow mct1 = END.get("fibrotic-mct1-inhibitor");
        assertTrue(mct1.value("lactate_mean_uM") > base.value("lactate_mean_uM"), "tissue (extracellular) lactate rises");
        assertTrue(mct1.value("tumour_mean_lactate_uM") > base.value("tumour_mean_lactate_uM"),
                "extracellular lactate in the tumour rises");
        assertTrue(mct1.value("cancer_lactate_supply") < 0.2 * base.value("cancer_lactate_supply"),
                "MCT1 supply into cancer cells falls by about the 90 % blockade: " + mct1.value("cancer_lactate_supply")
                        + " vs " + base.value("cancer_lactate_supply"));
    }

}
