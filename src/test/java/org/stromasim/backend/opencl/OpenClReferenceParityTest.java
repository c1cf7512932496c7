package org.stromasim.backend.opencl;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.reference.ReferenceComparison;
import org.stromasim.reference.ReferenceFeatures;
import org.stromasim.reference.ReferenceStepper;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;

/**
 * The OpenCL backend's explicit scheme converges to the plain reference ({@link ReferenceStepper}) for
 * every feature, both splittings, with the voxel-face wall and a wall of the tissue's own, voxel by voxel
 * ({@link ReferenceComparison}). Runs in CI on PoCL (never skipped under CI=true).
 */
@EnabledIfOpenClOrCi
class OpenClReferenceParityTest {

    /** The inputs' scale: initial values up to 2, held faces up to 2, plasma peaks up to 5. */
    static final double SCALE = 5.0;

    @ParameterizedTest(name = "{0}, Strang")
    @MethodSource("org.stromasim.reference.ReferenceFeatures#features")
    void strang(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(name, feature, RunSpec.Splitting.STRANG, false);
    }

    @ParameterizedTest(name = "{0}, Lie, vessel wall of its own")
    @MethodSource("org.stromasim.reference.ReferenceFeatures#features")
    void lieWithWall(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(name, feature, RunSpec.Splitting.LIE, true);
    }

    private static void compare(String name, UnaryOperator<SpeciesFixture> feature, RunSpec.Splitting splitting,
                                boolean wall) {
        Scenario sc = ReferenceFeatures.scenarioWith(feature, splitting);
        Tissue initial = ReferenceFeatures.heterogeneousTissue(sc, 42, wall);
        OpenClDevice device = OpenClTestDevice.get();
        double worst = ReferenceComparison.assertConvergesToReference(name, sc, initial, m -> new OpenClBackend(m, device),
                ReferenceFeatures.STEP_S, ReferenceFeatures.STEPS, SCALE);
        System.out.printf("%s %s wall=%s (OpenCL): worst |Q2 - R| / allowed = %.3f%n", name, splitting, wall, worst);
    }
}
