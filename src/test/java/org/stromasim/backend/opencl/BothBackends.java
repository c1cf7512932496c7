package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.fail;

import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportModel;

/** Test helper: the same run on the Java and the OpenCL backend, and field comparison. */
final class BothBackends {

    private BothBackends() {
    }

    /** The state after {@code steps} steps of {@code dtS} from t = 0 on a fresh backend of either kind. */
    static Tissue run(Scenario scenario, Tissue initial, boolean opencl, double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        try (Backend backend = opencl ? new OpenClBackend(model, OpenClTestDevice.get()) : new JavaBackend(model, 2)) {
            backend.upload(state);
            backend.advance(0.0, dtS, steps);
            backend.download(state);
        }
        return state;
    }

    /**
     * Fails unless |actual − expected| ≤ relTol·max|expected| + tiny at every voxel, naming the worst
     * voxel. The scale is the field's maximum: voxels far below it carry float round-off relative to it.
     */
    static void assertClose(String what, float[] expected, float[] actual, double relTol) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double allowed = relTol * scale + 1e-30;
        int worst = -1;
        double worstDiff = 0;
        for (int v = 0; v < expected.length; v++) {
            double diff = Math.abs((double) actual[v] - expected[v]);
            if (!(diff <= worstDiff)) {
                worstDiff = diff;
                worst = v;
            }
        }
        if (!(worstDiff <= allowed)) {
            fail(what + ": voxel " + worst + " expected " + expected[worst] + " (Java) but was " + actual[worst]
                    + " (OpenCL); difference " + worstDiff + " > " + relTol + " × max " + scale);
        }
    }

    /** Compares every species and the drug exposure. */
    static void assertSameState(Tissue java, Tissue opencl, double relTol) {
        for (int s = 0; s < java.speciesCount(); s++) {
            assertClose("species " + java.speciesNames().get(s), java.concentration(s), opencl.concentration(s), relTol);
        }
        assertClose("drug exposure", java.drugExposure(), opencl.drugExposure(), relTol);
    }
}
