package org.stromasim.backend.opencl;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;
import org.stromasim.transport.TransportModel;

/**
 * Every transport and reaction feature, each boundary type and both splittings, on a heterogeneous
 * tissue (random cells including vessels, random stiffness so D varies ~7× between neighbours,
 * random viability and initial concentrations): 30 steps at 90 % of the stability limit on both
 * backends agree within 1e-5 of each field's maximum (float32 round-off over 30 steps is ~1e-6).
 */
@EnabledIfOpenClOrCi
class FeatureParityTest {

    static final double TOLERANCE = 1e-5;
    static final int STEPS = 30;

    static Stream<Arguments> features() {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 2.0, List.of(3.0, 30.0), 0.7);
        PlasmaCurveSpec infusion = new PlasmaCurveSpec.Infusion(4.0, 1.0, 5.0, 2.0);
        PlasmaCurveSpec repeated = new PlasmaCurveSpec.RepeatedBolus(new PlasmaCurveSpec.Bolus(3.0, 0.0, List.of(2.0), null), 4.0, 3);
        return Stream.of(
                feature("diffusion, zero-flux faces", s -> s),
                feature("fixed (Dirichlet) faces", s -> s.fixed(Face.X_MIN, 2.0).fixed(Face.Z_MAX, 0.5)),
                feature("periodic x", s -> s.periodic(0)),
                feature("periodic y and z", s -> s.periodic(1).periodic(2)),
                feature("mixed faces", s -> s.periodic(2).fixed(Face.Y_MAX, 1.5).boundary(Face.X_MAX, BoundaryType.ZERO_FLUX)),
                feature("first-order decay", s -> s.decay(0.3)),
                feature("matrix binding by cell", s -> s.binding(CellType.ECM, 0.2).binding(CellType.CAF, 0.5)),
                feature("Michaelis-Menten uptake", s -> s.uptake(CellType.CANCER, 0.8, 0.3).uptake(CellType.CAF, 0.2, 1.0)),
                feature("secretion", s -> s.secretion(CellType.CAF, 0.4, null)),
                feature("saturating secretion", s -> s.secretion(CellType.CAF, 0.6, 2.0).secretion(CellType.FIBROBLAST, 0.1, 1.0)),
                feature("vessel exchange, constant plasma", s -> s.vessel(2.0, new PlasmaCurveSpec.Constant(3.0))),
                feature("vessel exchange, two-phase bolus", s -> s.vessel(1.5, bolus)),
                feature("vessel exchange, infusion", s -> s.vessel(1.5, infusion)),
                feature("vessel exchange, repeated bolus", s -> s.vessel(1.5, repeated)),
                feature("everything at once", s -> s.decay(0.05).binding(CellType.ECM, 0.1).uptake(CellType.CANCER, 0.5, 0.5)
                        .secretion(CellType.CAF, 0.3, 3.0).vessel(1.0, bolus).fixed(Face.X_MIN, 1.0).periodic(2)));
    }

    private static Arguments feature(String name, UnaryOperator<SpeciesFixture> f) {
        return Arguments.of(name, f);
    }

    @ParameterizedTest(name = "{0}, Strang")
    @MethodSource("features")
    void strang(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(feature, RunSpec.Splitting.STRANG);
    }

    @ParameterizedTest(name = "{0}, Lie")
    @MethodSource("features")
    void lie(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(feature, RunSpec.Splitting.LIE);
    }

    /**
     * The same on rows of 24 voxels: on a CPU device nx divisible by 8 takes the kernel's float8 path
     * (8 voxels per work-item: x faces and periodic partners by lane selects, reaction tables looked
     * up per lane); nx = 13 above takes the one-voxel path.
     */
    @ParameterizedTest(name = "{0}, Strang, nx = 24")
    @MethodSource("features")
    void strangVectorRows(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(feature, RunSpec.Splitting.STRANG, 24);
    }

    @ParameterizedTest(name = "{0}, Lie, nx = 24")
    @MethodSource("features")
    void lieVectorRows(String name, UnaryOperator<SpeciesFixture> feature) {
        compare(feature, RunSpec.Splitting.LIE, 24);
    }

    private static void compare(UnaryOperator<SpeciesFixture> feature, RunSpec.Splitting splitting) {
        compare(feature, splitting, 13);
    }

    private static void compare(UnaryOperator<SpeciesFixture> feature, RunSpec.Splitting splitting, int nx) {
        // Two species: the one under test is the drug (exposure is compared too); a plain diffusing
        // second species checks that species do not leak into each other's buffers.
        Scenario sc = scenario().grid(nx, 11, 9, 10.0).splitting(splitting)
                .with(feature.apply(species("drug").d0(60)))
                .with(species("other").d0(25).decay(0.01))
                .build();
        Tissue initial = heterogeneousTissue(sc, 42);
        double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        Tissue java = BothBackends.run(sc, initial, false, dt, STEPS);
        Tissue opencl = BothBackends.run(sc, initial, true, dt, STEPS);
        BothBackends.assertSameState(java, opencl, TOLERANCE);
    }

    /** Random cells (about 8 % vessel), stiffness 0–2 kPa, viability 0.2–1, concentrations 0–2, exposure 0–1. */
    static Tissue heterogeneousTissue(Scenario sc, long seed) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random r = new Random(seed);
        for (int v = 0; v < t.cell().length; v++) {
            t.cell()[v] = r.nextDouble() < 0.08 ? CellType.VESSEL.code() : (byte) (r.nextInt(CellType.COUNT));
            if (t.cell()[v] == CellType.VESSEL.code() && r.nextBoolean()) {
                t.cell()[v] = CellType.CANCER.code();
            }
            t.stiffnessKpa()[v] = (float) (2.0 * r.nextDouble());
            t.viability()[v] = (float) (0.2 + 0.8 * r.nextDouble());
            t.drugExposure()[v] = (float) r.nextDouble();
            for (int s = 0; s < t.speciesCount(); s++) {
                t.concentration(s)[v] = (float) (2.0 * r.nextDouble());
            }
        }
        return t;
    }
}
