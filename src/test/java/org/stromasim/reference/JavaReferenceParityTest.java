package org.stromasim.reference;

import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;

/**
 * The Java backend's explicit scheme converges to the plain reference ({@link ReferenceStepper}) for
 * every feature, both splittings, with and without a vessel wall of the tissue's own, voxel by voxel
 * ({@link ReferenceComparison}: the low tail is held to the same relative standard as the peak).
 */
class JavaReferenceParityTest {

    /** The inputs' scale: initial values up to 2, held faces up to 2, plasma peaks up to 5. */
    static final double SCALE = 5.0;

    @ParameterizedTest(name = "{0}, Strang")
    @MethodSource("org.stromasim.reference.ReferenceFeatures#features")
    void strang(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(name, feature, RunSpec.Splitting.STRANG, false);
    }

    @ParameterizedTest(name = "{0}, Lie")
    @MethodSource("org.stromasim.reference.ReferenceFeatures#features")
    void lie(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(name, feature, RunSpec.Splitting.LIE, false);
    }

    @ParameterizedTest(name = "{0}, Strang, vessel wall of its own")
    @MethodSource("org.stromasim.reference.ReferenceFeatures#features")
    void strangWithWall(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(name, feature, RunSpec.Splitting.STRANG, true);
    }

    private static void compare(String name, UnaryOperator<SpeciesFixture> feature, RunSpec.Splitting splitting,
                                boolean wall) {
        Scenario sc = ReferenceFeatures.scenarioWith(feature, splitting);
        Tissue initial = ReferenceFeatures.heterogeneousTissue(sc, 42, wall);
        double worst = ReferenceComparison.assertConvergesToReference(name, sc, initial, m -> new JavaBackend(m, 1),
                ReferenceFeatures.STEP_S, ReferenceFeatures.STEPS, SCALE);
        System.out.printf("%s %s wall=%s: worst |Q2 - R| / allowed = %.3f%n", name, splitting, wall, worst);
    }
}
