package org.stromasim.backend.java;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Pure first-order decay of a uniform field on random stiffness with {@code coupling: unsplit}, at
 * k·dt = 0.1, 1, 10 and 100: L·C = 0 for a uniform field whatever the diffusivity, so the unsplit step
 * must give the analytic C0·e^(−kt) in every voxel and the exposure C0(1 − e^(−kt))/k, within 1e-4
 * relative ({@link UniformDecayLargeStepTest#assertAnalytic}; the solve's tolerance is 1e-8 and the
 * float state's rounding ≈ 1e-7 per step).
 */
public class UnsplitUniformDecayTest {

    public static Scenario unsplitDecay(double kPerS) {
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

    /**
     * Michaelis–Menten uptake of a uniform field, λ = Vmax/(Km + C) frozen at each step's start level:
     * every step is the exact relaxation at that λ, so level and exposure follow the recurrence
     * Cₖ₊₁ = Cₖ·e^(−λₖh), exposure += Cₖ(1 − e^(−λₖh))/λₖ, written out here in double. The exposure
     * needs the step-start λ after the solve (the step recomputes it from the start level): λ from the
     * end level instead puts the exposure 17 % off after these five steps. Tolerance 1e-4 as
     * for the decay above.
     */
    @Test
    void uptakeExposureUsesEachStepsStartRate() {
        double c0 = 10;
        double km = 1;
        double vmax = (km + c0) / UniformDecayLargeStepTest.DT_S; // λh = Vmax·h/(Km + C0) = 1 at the start
        Scenario sc = scenario().grid(8, 8, 8, 10).law(new DiffusivityLawSpec.Exponential(1.0))
                .diffusion(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                        DiffusionSpec.Coupling.UNSPLIT))
                .with(species("drug").d0(700).uptake(CellType.ECM, vmax, km)).build();
        Tissue initial = UniformDecayLargeStepTest.initial(sc);
        java.util.Arrays.fill(initial.concentration(0), (float) c0);
        int steps = 5;
        double h = UniformDecayLargeStepTest.DT_S;
        double level = c0;
        double exposure = 0;
        for (int k = 0; k < steps; k++) {
            double lambda = vmax / (km + level);
            exposure += level * -Math.expm1(-lambda * h) / lambda;
            level *= Math.exp(-lambda * h);
        }
        Tissue end = Runs.run(sc, initial, 2, h, steps);
        double worstLevel = 0;
        double worstExposure = 0;
        for (int v = 0; v < end.grid().voxelCount(); v++) {
            worstLevel = Math.max(worstLevel, Math.abs(end.concentration(0)[v] - level) / level);
            worstExposure = Math.max(worstExposure, Math.abs(end.drugExposure()[v] - exposure) / exposure);
        }
        assertTrue(worstLevel <= 1e-4, "level off by " + worstLevel + " (relative)");
        assertTrue(worstExposure <= 1e-4, "exposure off by " + worstExposure + " (relative)");
        System.out.printf("unsplit uptake: level %.2e, exposure %.2e (worst relative)%n", worstLevel, worstExposure);
    }
}
