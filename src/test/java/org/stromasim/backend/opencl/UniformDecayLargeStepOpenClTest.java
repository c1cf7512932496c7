package org.stromasim.backend.opencl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.backend.java.UniformDecayLargeStepTest;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The uniform-decay check of {@link UniformDecayLargeStepTest} on the OpenCL backend (the same
 * problems, the analytic level C0·e^(−kt) and exposure C0(1 − e^(−kt))/k, 1e-4 relative at every voxel).
 */
class UniformDecayLargeStepOpenClTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return UniformDecayLargeStepTest.cases();
    }

    @ParameterizedTest(name = "{0}, k·dt = {1}")
    @MethodSource("cases")
    void everyVoxelFollowsTheAnalyticDecay(RunSpec.Splitting splitting, double kDt) {
        double k = kDt / UniformDecayLargeStepTest.DT_S;
        Scenario sc = UniformDecayLargeStepTest.decayScenario(k, splitting);
        int steps = UniformDecayLargeStepTest.steps(kDt);
        Tissue end = BothBackends.run(sc, UniformDecayLargeStepTest.initial(sc), true, UniformDecayLargeStepTest.DT_S, steps);
        UniformDecayLargeStepTest.assertAnalytic(end, k, steps * UniformDecayLargeStepTest.DT_S,
                "opencl RKL2 " + splitting + " k·dt=" + kDt);
    }
}
