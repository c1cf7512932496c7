package org.stromasim.backend.opencl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.backend.java.UniformDecayLargeStepTest;
import org.stromasim.backend.java.UnsplitUniformDecayTest;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * The uniform-decay check of {@link UnsplitUniformDecayTest} on the OpenCL backend: on random
 * stiffness L·C = 0 for a uniform field, so the device's unsplit step (per-voxel masses on every
 * multigrid level) must give the analytic C0·e^(−kt) in every voxel and the exposure C0(1 − e^(−kt))/k,
 * within 1e-4 relative ({@link UniformDecayLargeStepTest#assertAnalytic}), at k·dt from 0.1 to 100.
 */
@EnabledIfOpenClOrCi
class UnsplitUniformDecayOpenClTest {

    @ParameterizedTest(name = "k·dt = {0}")
    @ValueSource(doubles = {0.1, 1, 10, 100})
    void everyVoxelFollowsTheAnalyticDecay(double kDt) {
        double k = kDt / UniformDecayLargeStepTest.DT_S;
        Scenario sc = UnsplitUniformDecayTest.unsplitDecay(k);
        int steps = UniformDecayLargeStepTest.steps(kDt);
        Tissue end = BothBackends.run(sc, UniformDecayLargeStepTest.initial(sc), true, UniformDecayLargeStepTest.DT_S,
                steps);
        double[] worst = UniformDecayLargeStepTest.assertAnalytic(end, k, steps * UniformDecayLargeStepTest.DT_S,
                "opencl unsplit k·dt=" + kDt);
        System.out.printf("opencl unsplit k·dt = %s: level %.2e, exposure %.2e (worst relative)%n", kDt, worst[0],
                worst[1]);
    }
}
