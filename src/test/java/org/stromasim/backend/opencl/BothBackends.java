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
        return run(scenario, initial, opencl, 0.0, dtS, steps);
    }

    /** The state after {@code steps} steps of {@code dtS} from t = {@code startS} on a fresh backend of either kind. */
    static Tissue run(Scenario scenario, Tissue initial, boolean opencl, double startS, double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(scenario, state);
        try (Backend backend = opencl ? new OpenClBackend(model, OpenClTestDevice.get()) : new JavaBackend(model, 2)) {
            backend.upload(state);
            backend.advance(startS, dtS, steps);
            backend.download(state);
        }
        return state;
    }

    /**
     * The noise floor, as a fraction of a field's largest value: float32 rounds to 2⁻²⁴ ≈ 6e-8, and the
     * flux differences (and RKL2's stage combinations) that set a tail voxel are taken between values
     * up to the field's largest, so the two backends' different operation orders leave an absolute
     * round-off of a few such ulps on every voxel, whatever its own size; 1e-6 is 17 ulps.
     */
    static final double NOISE_FLOOR = 1e-6;

    /**
     * Fails unless |actual − expected| ≤ relTol·|expected| + NOISE_FLOOR·max|expected| at every voxel,
     * naming the worst: each voxel above the noise floor is held to relTol of its own value, so the low
     * tail where penetration is read is held to the same relative standard as the peak.
     */
    static void assertClose(String what, float[] expected, float[] actual, double relTol) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double floor = NOISE_FLOOR * scale + 1e-30;
        int worst = -1;
        double worstRatio = 0;
        for (int v = 0; v < expected.length; v++) {
            double ratio = Math.abs((double) actual[v] - expected[v]) / (relTol * Math.abs(expected[v]) + floor);
            if (!(ratio <= worstRatio)) {
                worstRatio = ratio;
                worst = v;
            }
        }
        if (!(worstRatio <= 1)) {
            fail(what + ": voxel " + worst + " expected " + expected[worst] + " (first run) but was " + actual[worst]
                    + " (second); difference " + Math.abs((double) actual[worst] - expected[worst]) + " > " + relTol
                    + " × |expected| + " + NOISE_FLOOR + " × max " + scale);
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
