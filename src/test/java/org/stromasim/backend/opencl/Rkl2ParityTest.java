package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;
import org.stromasim.transport.TransportModel;

/**
 * The large-step scheme (RKL2, plain coupling) on the OpenCL backend against the Java
 * backend: the same stage counts, recurrence and reaction sub-steps, so every species and the drug
 * exposure agree within {@link #TOLERANCE} of the field's maximum. Float32 round-off grows with the
 * stages (tens to hundreds of float updates per step, each a few ulps apart between the backends:
 * the Java backend composes two affine reaction maps where the kernel runs them in turn), so the bound
 * is 2e-5 rather than the explicit tests' 1e-5.
 */
@EnabledIfOpenClOrCi
class Rkl2ParityTest {

    static final double TOLERANCE = 2e-5;

    static Stream<Arguments> couplings() {
        return Stream.of(Arguments.of("plain", LargeStepProblems.RKL2));
    }

    @ParameterizedTest(name = "two-layer, held inlet, decay, {0}")
    @MethodSource("couplings")
    void twoLayerProblem(String name, DiffusionSpec scheme) {
        LargeStepProblems.Problem p = LargeStepProblems.twoLayer(0.02, true);
        Scenario sc = p.scenarioWith(scheme);
        double dt = 100 * p.explicitLimitS();
        compare(sc, p.initial(), dt, 8);
    }

    @ParameterizedTest(name = "random stiffness, two species (multirate), {0}")
    @MethodSource("couplings")
    void randomStiffnessProblem(String name, DiffusionSpec scheme) {
        LargeStepProblems.Problem p = LargeStepProblems.randomStiffness(11);
        compare(p.scenarioWith(scheme), p.initial(), 100 * p.explicitLimitS(), 8);
    }

    static Stream<Arguments> reactingFeatures() {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 2.0, List.of(3.0, 30.0), 0.7);
        UnaryOperator<SpeciesFixture> everything = s -> s.decay(0.05).binding(CellType.ECM, 0.1)
                .uptake(CellType.CANCER, 0.5, 0.5).secretion(CellType.CAF, 0.3, 3.0).vessel(1.0, bolus)
                .fixed(Face.X_MIN, 1.0).periodic(2);
        UnaryOperator<SpeciesFixture> vessels = s -> s.vessel(1.5, bolus).uptake(CellType.CANCER, 0.8, 0.3);
        UnaryOperator<SpeciesFixture> secretion = s -> s.secretion(CellType.CAF, 0.4, null).decay(0.1);
        return Stream.of(
                Arguments.of("vessels and uptake", vessels, LargeStepProblems.RKL2, RunSpec.Splitting.STRANG, 24),
                Arguments.of("everything at once", everything, LargeStepProblems.RKL2, RunSpec.Splitting.STRANG, 24),
                Arguments.of("everything at once", everything, LargeStepProblems.RKL2, RunSpec.Splitting.LIE, 13),
                Arguments.of("secretion and decay", secretion, LargeStepProblems.RKL2, RunSpec.Splitting.LIE, 24),
                Arguments.of("secretion and decay", secretion, LargeStepProblems.RKL2, RunSpec.Splitting.LIE, 13));
    }

    /**
     * Reactions and vessels on the heterogeneous tissue of {@link FeatureParityTest} (random cells with
     * vessels, stiffness, viability), at 50× the explicit limit; nx = 24 takes the kernels' float8 path
     * on a CPU device, nx = 13 the one-voxel path. A plain second species checks that the species'
     * stage counts and buffers stay apart.
     */
    @ParameterizedTest(name = "{0}, {2}, {3}, nx = {4}")
    @MethodSource("reactingFeatures")
    void reactionsAndVessels(String name, UnaryOperator<SpeciesFixture> feature, DiffusionSpec scheme,
                             RunSpec.Splitting splitting, int nx) {
        Scenario sc = scenario().grid(nx, 11, 9, 10.0).splitting(splitting).diffusion(scheme)
                .with(feature.apply(species("drug").d0(60)))
                .with(species("other").d0(25).decay(0.01))
                .build();
        Tissue initial = FeatureParityTest.heterogeneousTissue(sc, 42);
        double dt = 50 * TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        compare(sc, initial, dt, 10);
    }

    /** The default scenario set to rkl2 (its transport; its biology runs on Java only) at a 20 s coupling step. */
    @Test
    void shippedDefaultScenarioWithRkl2() {
        Scenario loaded = ScenarioLoader.load(Path.of("configs/default.yaml"),
                List.of("run.diffusion.scheme=rkl2", "run.dt_s=20"));
        Scenario sc = new Scenario(loaded.name(), loaded.description(), loaded.grid(), loaded.run(), loaded.ecm(),
                loaded.tissue(), loaded.species(), loaded.metrics());
        assertEquals(DiffusionSpec.Scheme.RKL2, sc.run().diffusion().scheme());
        Tissue initial = TissueBuilder.build(sc);
        compare(sc, initial, 20, 6);
    }

    /** Several advance calls give the run of one call (the opening sub-step of a call's last step runs in the next). */
    @Test
    void advanceCallBoundariesDoNotChangeTheRun() {
        LargeStepProblems.Problem p = LargeStepProblems.twoLayer(0.02, true);
        Scenario sc = p.scenarioWith(LargeStepProblems.RKL2);
        double dt = 100 * p.explicitLimitS();
        Tissue whole = BothBackends.run(sc, p.initial(), true, dt, 9);
        Tissue split = p.initial().copy();
        TransportModel model = TransportModel.compile(sc, split);
        try (Backend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
            backend.upload(split);
            backend.advance(0, dt, 4);
            backend.advance(4 * dt, dt, 5);
            backend.download(split);
        }
        BothBackends.assertSameState(whole, split, 1e-6);
    }

    /**
     * A state carrying a rebalancing term (a snapshot of the rebalanced coupling, no longer offered) is
     * refused on upload by both backends in the same words, naming the species, instead of the term
     * being dropped silently.
     */
    @Test
    void storedRebalancingTermIsRefusedByBothBackends() {
        Scenario sc = scenario().grid(16, 11, 9, 10.0).diffusion(LargeStepProblems.RKL2)
                .with(species("drug").d0(60).vessel(1.5, new PlasmaCurveSpec.Constant(3.0)).decay(0.05))
                .build();
        Tissue state = FeatureParityTest.heterogeneousTissue(sc, 7);
        state.rebalancePerSOrCreate(0);
        TransportModel model = TransportModel.compile(sc, state);
        String javaMessage;
        try (JavaBackend java = new JavaBackend(model, 1)) {
            javaMessage = assertThrows(IllegalArgumentException.class, () -> java.upload(state)).getMessage();
        }
        assertTrue(javaMessage.contains("rebalancing term for species drug") && javaMessage.contains("no longer offered"),
                javaMessage);
        try (OpenClBackend opencl = new OpenClBackend(model, OpenClTestDevice.get())) {
            assertEquals(javaMessage, assertThrows(IllegalArgumentException.class, () -> opencl.upload(state)).getMessage());
        }
    }

    /** Zero-flux walls, no reactions: the total of each species is kept at 100× and 1000× the explicit limit. */
    @ParameterizedTest(name = "{0}× the explicit limit")
    @MethodSource("multiples")
    void closedBoxConservesMass(int multiple) {
        LargeStepProblems.Problem p = LargeStepProblems.randomStiffness(5);
        Scenario sc = p.scenarioWith(LargeStepProblems.RKL2);
        Tissue end = BothBackends.run(sc, p.initial(), true, multiple * p.explicitLimitS(), 6);
        for (int s = 0; s < end.speciesCount(); s++) {
            double before = total(p.initial().concentration(s));
            double after = total(end.concentration(s));
            // float32 state: each of the hundreds of stage updates rounds every voxel to ~6e-8 relative
            assertEquals(before, after, 1e-5 * before, "species " + end.speciesNames().get(s));
            // and it did diffuse: the random-stiffness data are far from uniform at the start
            float[] a = p.initial().concentration(s);
            float[] b = end.concentration(s);
            double moved = 0;
            for (int v = 0; v < a.length; v++) {
                moved = Math.max(moved, Math.abs(a[v] - b[v]));
            }
            assertTrue(moved > 0.05, "species " + s + " changed by at most " + moved);
        }
    }

    static Stream<Integer> multiples() {
        return Stream.of(100, 1000);
    }

    /** `run --backend opencl` runs an rkl2 scenario (it used to refuse the scheme) and says so. */
    @Test
    void cliRunsAnRkl2ScenarioOnOpenCl(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path tiny = Path.of(Rkl2ParityTest.class.getResource("/scenarios/tiny.yaml").toURI());
        Path out = dir.resolve("run");
        org.stromasim.cli.CliHarness.Result r = org.stromasim.cli.CliHarness.run("run", tiny.toString(),
                "--backend", "opencl", "--until", "10", "--no-progress", "--out", out.toString(),
                "--set", "run.diffusion.scheme=rkl2", "--set", "run.dt_s=0.15"); // within the tiny scenario's split bound
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("RKL2 diffusion") && r.out().contains("opencl"), r.out());
        org.stromasim.io.Snapshot last = org.stromasim.io.SnapshotReader.read(
                java.nio.file.Files.list(out.resolve("snapshots")).filter(f -> f.toString().endsWith(".h5")).sorted()
                        .reduce((a, b) -> b).orElseThrow());
        assertEquals(10.0, last.info().timeS());
        int drug = last.tissue().speciesNames().indexOf("drug");
        assertTrue(last.tissue().rebalancePerS(drug) == null,
                "plain coupling (the only one a scenario can ask for) keeps no rebalancing term");
    }

    /** A step beyond max_stages is refused by the OpenCL backend with the Java backend's message. */
    @Test
    void stepBeyondTheStageCapIsRefusedLikeJava() {
        Scenario sc = scenario().grid(8, 8, 8, 10).diffusion(new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 20))
                .with(species("lactate").d0(700)).build();
        Tissue t = org.stromasim.transport.ScenarioFixture.emptyTissue(sc);
        TransportModel model = TransportModel.compile(sc, t);
        String javaMessage;
        try (JavaBackend java = new JavaBackend(model, 1)) {
            java.upload(t);
            javaMessage = assertThrows(IllegalArgumentException.class, () -> java.advance(0, 10, 1)).getMessage();
        }
        try (OpenClBackend opencl = new OpenClBackend(model, OpenClTestDevice.get())) {
            opencl.upload(t);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opencl.advance(0, 10, 1));
            assertEquals(javaMessage, e.getMessage());
            assertTrue(e.getMessage().contains("needs 41 RKL2 stages for species lactate"), e.getMessage());
        }
    }

    private static void compare(Scenario sc, Tissue initial, double dtS, int steps) {
        Tissue java = BothBackends.run(sc, initial, false, dtS, steps);
        Tissue opencl = BothBackends.run(sc, initial, true, dtS, steps);
        BothBackends.assertSameState(java, opencl, TOLERANCE);
    }

    private static double total(float[] c) {
        double sum = 0;
        for (float v : c) {
            sum += v;
        }
        return sum;
    }
}
