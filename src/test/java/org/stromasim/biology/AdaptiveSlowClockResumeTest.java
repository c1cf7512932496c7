package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ProgressListener;
import org.stromasim.sim.RecordingOutput;
import org.stromasim.sim.Simulation;
import org.stromasim.sim.TimeStepPlan;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A run with the adaptive slow clock resumed from a snapshot equals the uninterrupted run bit for bit,
 * across slow steps of changing length and across oral doses (the shipped tamoxifen scenario on its coarse
 * grid, an hour, doses every 18 min, explicit transport). The resumed run chooses the same slow steps (its log says the
 * same lengths at the same times), and a CAF voxel's stiffness after the run is the closed form of its
 * rate law (so the steps covered the whole time, once).
 */
class AdaptiveSlowClockResumeTest {

    static final List<String> SHORT = List.of("run.end_time_s=3840", "run.snapshot_interval_s=1920", "run.metrics_interval_s=480",
            "run.diffusion.scheme=explicit", "run.diffusion.coupling=plain", "run.diffusion.target_relative_error=null",
            "biology.slow_interval_s=30", "biology.slow_clock.max_interval_s=480",
            "biology.slow_clock.max_relative_change=0.05", "tissue.fibroblasts.normal_fraction=0",
            "biology.activation.max_rate_per_s=2.0e-4", "biology.remodelling.caf_stiffening_per_s=3.0e-4",
            "biology.remodelling.spread_per_s=0");

    static Scenario scenario() throws IOException {
        String text = Files.readString(Path.of("configs/tamoxifen-fibrotic-stroma.yaml"));
        String daily = "interval_h: 24, count: 28";
        assertTrue(text.contains(daily));
        // doses at 0, 1080, 2160 and 3240 s: two after the resume at 1920 s
        return ScenarioLoader.parse(text.replace(daily, "interval_h: 0.3, count: 28"), "short.yaml", SHORT);
    }

    private static void run(Scenario s, Tissue state, double fromS, long step, double untilS, RecordingOutput out) {
        TransportModel model = TransportModel.compile(s, state);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            new Simulation(s, backend, state, TimeStepPlan.choose(s.run(), model), out).withBiology()
                    .run(fromS, step, untilS, fromS == 0.0, ProgressListener.NONE);
            backend.download(state);
        }
    }

    /** The log lines that announce a slow-step length at or after {@code fromS}. */
    private static List<String> choices(RecordingOutput out, double fromS) {
        return out.log.stream().filter(l -> l.contains(": biology slow step "))
                .filter(l -> Double.parseDouble(l.substring(4, l.indexOf(" s:"))) >= fromS).toList();
    }

    @Test
    void resumedRunEqualsTheUninterruptedOneAcrossSlowStepsAndDoses() throws IOException {
        Scenario s = scenario();
        assertEquals(s, ScenarioLoader.parse(ScenarioLoader.toYaml(s), "again.yaml", List.of()),
                "the resolved scenario (slow_clock, unbound_fraction) survives the run directory's scenario.yaml");
        Tissue initial = TissueBuilder.build(s);
        RecordingOutput whole = RecordingOutput.withSnapshots();
        Tissue straight = initial.copy();
        run(s, straight, 0.0, 0L, 3840.0, whole);
        Tissue atHalf = whole.snapshots.get(1).copy(); // t = 1920 s, a slow-step time
        RecordingOutput rest = RecordingOutput.withSnapshots();
        run(s, atHalf, 1920.0, whole.snapshotSteps.get(1), 3840.0, rest);

        TreeSet<String> lengths = new TreeSet<>();
        for (String line : choices(whole, 0.0)) {
            lengths.add(line.substring(line.indexOf("slow step ") + 10, line.indexOf(" s (")));
        }
        assertTrue(lengths.size() >= 3, "the slow step changed length several times: " + lengths);
        assertTrue(choices(whole, 1920.0).size() >= 1, "the step changes after the resume point too");
        // the resumed run announces its first step at 1920 s and then every change the uninterrupted run made
        List<String> resumed = choices(rest, 1920.0);
        List<String> expected = choices(whole, 1920.0);
        assertEquals(expected, resumed.subList(resumed.size() - expected.size(), resumed.size()));

        long activated = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            activated += initial.cell()[v] == CellType.FIBROBLAST.code() && straight.cell()[v] == CellType.CAF.code() ? 1 : 0;
        }
        assertTrue(activated > 0, "the comparison exercises activation");
        assertArrayEquals(straight.cell(), atHalf.cell());
        assertArrayEquals(straight.stiffnessKpa(), atHalf.stiffnessKpa());
        assertArrayEquals(straight.viability(), atHalf.viability());
        assertArrayEquals(straight.drugExposure(), atHalf.drugExposure());
        for (int sp = 0; sp < s.species().size(); sp++) {
            assertArrayEquals(straight.concentration(sp), atHalf.concentration(sp), s.species().get(sp).name());
        }

        // the slow steps tiled [0, 3840 s] once: a CAF from the start reaches the closed form of its rate law
        var r = s.biology().remodelling();
        int checked = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            if (initial.cell()[v] == CellType.CAF.code()) {
                double e0 = initial.stiffnessKpa()[v];
                double closedForm = r.ceilingKpa() - (r.ceilingKpa() - e0) * Math.exp(-r.cafStiffeningPerS() * 3840.0);
                assertEquals(closedForm, straight.stiffnessKpa()[v], 1e-4, "CAF voxel " + v);
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void aRunEndingBetweenSlowStepsTakesTheSlowStepUpToItsEnd() throws IOException {
        Scenario s = scenario();
        Tissue initial = TissueBuilder.build(s);
        Tissue state = initial.copy();
        RecordingOutput out = RecordingOutput.rowsAndLog();
        double end = 3915.0; // 130.5 base intervals: off every slow-step grid
        run(s, state, 0.0, 0L, end, out);
        var r = s.biology().remodelling();
        int checked = 0;
        for (int v = 0; v < initial.cell().length; v++) {
            if (initial.cell()[v] == CellType.CAF.code()) {
                double e0 = initial.stiffnessKpa()[v];
                double closedForm = r.ceilingKpa() - (r.ceilingKpa() - e0) * Math.exp(-r.cafStiffeningPerS() * end);
                assertEquals(closedForm, state.stiffnessKpa()[v], 1e-4, "CAF voxel " + v + " at the end");
                checked++;
            }
        }
        assertTrue(checked > 0);
    }
}
