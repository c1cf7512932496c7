package org.stromasim.backend.java;

import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/** Test helper: compile, upload, advance, download. */
final class Runs {

    private Runs() {
    }

    /** Runs {@code steps} steps of {@code dtS} from t = 0 and returns the resulting state (the input is not changed). */
    static Tissue run(Scenario scenario, Tissue initial, int threads, double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        try (JavaBackend backend = new JavaBackend(model, threads)) {
            backend.upload(state);
            backend.advance(0.0, dtS, steps);
            backend.download(state);
        }
        return state;
    }

    static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
