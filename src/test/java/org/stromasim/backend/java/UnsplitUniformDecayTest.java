package org.stromasim.backend.java;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;

/**
 * Pure first-order decay of a uniform field on random stiffness with {@code coupling: unsplit}, at
 * k·dt = 0.1, 1, 10 and 100: L·C = 0 for a uniform field whatever the diffusivity, so the unsplit step
 * must give the analytic C0·e^(−kt) in every voxel and the exposure C0(1 − e^(−kt))/k, within 1e-4
 * relative ({@link UniformDecayLargeStepTest#assertAnalytic}; the solve's tolerance is 1e-8 and the
 * float state's rounding ≈ 1e-7 per step).
 */
class UnsplitUniformDecayTest {

    static Scenario unsplitDecay(double kPerS) {
        return scenario().grid(8, 8, 8, 10).law(new DiffusivityLawSpec.Exponential(1.0))
                .diffusion(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                        DiffusionSpec.Coupling.UNSPLIT))
                .with(species("drug").d0(700).decay(kPerS)).build();
    }

    @ParameterizedTest(name = "k·dt = {0}")
    @ValueSource(doubles = {0.1, 1, 10, 100})
    void everyVoxelFollowsTheAnalyticDecay(double kDt) {
        double k = kDt / UniformDecayLargeStepTest.DT_S;
        Scenario sc = unsplitDecay(k);
        int steps = UniformDecayLargeStepTest.steps(kDt);
        Tissue end = Runs.run(sc, UniformDecayLargeStepTest.initial(sc), 2, UniformDecayLargeStepTest.DT_S, steps);
        double[] worst = UniformDecayLargeStepTest.assertAnalytic(end, k, steps * UniformDecayLargeStepTest.DT_S,
                "java unsplit k·dt=" + kDt);
        System.out.printf("unsplit k·dt = %s: level %.2e, exposure %.2e (worst relative)%n", kDt, worst[0], worst[1]);
    }
}
