package org.stromasim.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A stop request (SIGTERM, Ctrl-C) that arrives while step control pilots is honoured at the pilot's next
 * advance call, as the run's loop honours it at its next chunk: the run stops at the window start with
 * the state the pilots started from, and nothing is lost (the tiny scenario with a bolus at 21.3 s,
 * implicit unsplit at 1 %, as {@link BolusStartStepControlTest}).
 */
class StopDuringPilotTest {

    private static final Scenario SCENARIO = ScenarioLoader.load(BolusStartStepControlTest.tiny(),
            BolusStartStepControlTest.settings(21.3));

    /** Asks to stop from its {@code after + 1}-th poll on once {@code armed} says so; counts the polls. */
    private static final class CountingStop implements StopRequest {
        private final int after;
        private final java.util.function.BooleanSupplier armed;
        int polls;
        int pollsWhileAsking;

        CountingStop(int after, java.util.function.BooleanSupplier armed) {
            this.after = after;
            this.armed = armed;
        }

        @Override
        public boolean isRequested() {
            if (!armed.getAsBoolean()) {
                return false;
            }
            boolean asking = ++polls > after;
            if (asking) {
                pollsWhileAsking++;
            }
            return asking;
        }
    }

    private record Stopped(RunResult result, RecordingOutput output, Tissue held) {
    }

    private static Stopped run(CountingStop stop, ReachedTime reached) {
        Tissue state = TissueBuilder.build(SCENARIO);
        TransportModel model = TransportModel.compile(SCENARIO, state);
        RecordingOutput out = RecordingOutput.withSnapshots();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(state);
            RunResult r = new Simulation(SCENARIO, backend, state, TimeStepPlan.choose(SCENARIO.run(), model), out)
                    .withBiology().controlSteps().stopWhen(stop)
                    .run(0, 0L, SCENARIO.run().endTimeS(), true, reached);
            Tissue held = state.copy();
            backend.download(held);
            return new Stopped(r, out, held);
        }
    }

    /**
     * Stop asked at the pilots' fourth advance call of the first plan: the run stops at t = 0 after two
     * more polls only (the pilot's, then the loop's), with no step taken and the backend holding the
     * initial state bitwise; the initial snapshot is the one to resume from, so no other is written.
     */
    @Test
    void aStopDuringTheFirstPlanStopsAtTheStartWithNothingTaken() {
        CountingStop stop = new CountingStop(3, () -> true);
        Stopped s = run(stop, new ReachedTime());
        assertTrue(s.result().stopped(), String.join("\n", s.output().log));
        assertEquals(0.0, s.result().endTimeS(), 0.0);
        assertEquals(0L, s.result().steps());
        assertEquals(2, stop.pollsWhileAsking, "the pilot's poll, then the loop's");
        assertTrue(s.output().log.stream().anyMatch(l -> l.contains("step control stopped on request while piloting")),
                String.join("\n", s.output().log));
        assertEquals(1, s.output().snapshots.size(), "only the initial snapshot");
        Tissue initial = TissueBuilder.build(SCENARIO);
        for (int sp = 0; sp < initial.speciesCount(); sp++) {
            assertArrayEquals(initial.concentration(sp), s.held().concentration(sp), "species " + sp);
        }
    }

    /**
     * Stop asked during the plan at the 20 s snapshot (two polls after the run reached it): the run stops
     * at 20 s on that snapshot, and resuming from it gives bitwise the uninterrupted run's end state.
     */
    @Test
    void aStopDuringAPlanAtASnapshotLosesNothing() {
        ReachedTime reached = new ReachedTime();
        CountingStop stop = new CountingStop(2, () -> reached.timeS() >= 20);
        Stopped s = run(stop, reached);
        assertTrue(s.result().stopped(), String.join("\n", s.output().log));
        assertEquals(20.0, s.result().endTimeS(), 1e-12);
        assertEquals(2, stop.pollsWhileAsking, "the pilot's poll, then the loop's");
        Tissue at20 = s.output().snapshots.get(s.output().snapshots.size() - 1);
        assertArrayEquals(at20.concentration(0), s.held().concentration(0), "the backend holds the snapshot's state");

        Stopped whole = run(new CountingStop(Integer.MAX_VALUE, () -> false), new ReachedTime());
        Tissue resumed = at20.copy();
        TransportModel model = TransportModel.compile(SCENARIO, resumed);
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(resumed);
            new Simulation(SCENARIO, backend, resumed, TimeStepPlan.choose(SCENARIO.run(), model),
                    RecordingOutput.withSnapshots()).withBiology().controlSteps()
                    .run(20, s.result().steps(), SCENARIO.run().endTimeS(), false, ProgressListener.NONE);
            backend.download(resumed);
        }
        assertArrayEquals(whole.held().concentration(0), resumed.concentration(0));
        assertArrayEquals(whole.held().drugExposure(), resumed.drugExposure());
    }
}
