package org.stromasim.backend.opencl;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.java.LargeStepProblems;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.MatrixBindingContract;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * Reversible matrix binding (species[].ecm_binding) on the OpenCL kernels against the Java backend, for
 * every scheme the OpenCL backend offers (explicit, RKL2, implicit TR-BDF2, implicit unsplit): random R in [1, 10] per voxel written into both backends' live
 * retardation, on the heterogeneous tissue of {@link FeatureParityTest} (random cells with vessels,
 * stiffness, viability) with every reaction term. Two bound species around an unbound one check that each
 * species reads its own block of R.
 *
 * <p>Tolerances from float rounding: the Java backend runs a bound species' reaction sub-steps in double
 * (rounded to float once), the kernel in float with e^(−x) and (1 − e^(−x))/x as polynomials (a few ulps
 * each) and h/R rounded to float, so a sub-step differs by up to about 8 ulps (5e-7 relative); two sub-steps
 * and a diffusion update per step over 10 steps give ≤ 1e-5, the bound of the explicit parity tests. RKL2 adds
 * its stages' float combinations, as in {@link Rkl2ParityTest} (2e-5). The implicit schemes assemble and
 * solve in double on both backends (R is the same float), so the bounds of {@link ImplicitParityTest} and
 * {@link UnsplitParityTest} hold over their 6 steps: per voxel {@link UnsplitParityTest#RELATIVE} of the
 * value plus {@link UnsplitParityTest#FLOOR} of the field's maximum.
 */
@EnabledIfOpenClOrCi
class MatrixBindingParityTest {

    /** fibre_matrix (binding needs its composition); the retardation itself is written by the test. */
    static final DiffusivityLawSpec LAW = new DiffusivityLawSpec.FibreMatrix(20, 0.5,
            new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.3,
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0),
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0)));

    static final double EXPLICIT_TOLERANCE = 1e-5;
    static final double RKL2_TOLERANCE = 2e-5;

    static Stream<Arguments> schemes() {
        return Stream.of(
                Arguments.of("explicit", null, RunSpec.Splitting.STRANG, 24),
                Arguments.of("explicit", null, RunSpec.Splitting.LIE, 13),
                Arguments.of("rkl2", LargeStepProblems.RKL2, RunSpec.Splitting.STRANG, 24),
                Arguments.of("rkl2", LargeStepProblems.RKL2, RunSpec.Splitting.LIE, 13),
                Arguments.of("implicit", IMPLICIT, RunSpec.Splitting.STRANG, 24),
                Arguments.of("implicit", IMPLICIT, RunSpec.Splitting.LIE, 13),
                Arguments.of("unsplit", UNSPLIT, RunSpec.Splitting.STRANG, 24));
    }

    static final DiffusionSpec IMPLICIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
            DiffusionSpec.Coupling.PLAIN);
    static final DiffusionSpec UNSPLIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
            DiffusionSpec.Coupling.UNSPLIT);

    private static boolean implicit(DiffusionSpec scheme) {
        return scheme != null && scheme.scheme() == DiffusionSpec.Scheme.IMPLICIT;
    }

    /**
     * Vessels with a bolus, uptake, secretion, decay, irreversible binding and a held face on the drug;
     * nx = 24 takes the kernels' float8 path on a CPU device, nx = 13 the one-voxel path.
     */
    @ParameterizedTest(name = "{0}, {2}, nx = {3}")
    @MethodSource("schemes")
    void boundSpeciesAgreeWithTheJavaBackend(String name, DiffusionSpec scheme, RunSpec.Splitting splitting, int nx) {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 2.0, List.of(3.0, 30.0), 0.7);
        var builder = scenario().grid(nx, 11, 9, 10.0).law(LAW).splitting(splitting)
                .with(species("drug").d0(60).ecmBinding(1).decay(0.05).binding(CellType.ECM, 0.1)
                        .uptake(CellType.CANCER, 0.5, 0.5).secretion(CellType.CAF, 0.3, 3.0).vessel(1.0, bolus)
                        .fixed(Face.X_MIN, 1.0))
                .with(species("free").d0(40).decay(0.02))
                .with(species("other").d0(25).ecmBinding(1).decay(0.01).vessel(0.5, new PlasmaCurveSpec.Constant(2.0)));
        Scenario sc = (scheme == null ? builder : builder.diffusion(scheme)).build();
        Tissue initial = FeatureParityTest.heterogeneousTissue(sc, 42);
        double limit = TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        double dt = scheme == null ? 0.9 * limit : 50 * limit;
        float[][] r = {MatrixBindingContract.random(initial.grid().voxelCount(), 3), null,
                MatrixBindingContract.random(initial.grid().voxelCount(), 4)};
        int steps = implicit(scheme) ? UnsplitParityTest.STEPS : 10;
        Tissue java = run(sc, initial, r, false, dt, steps);
        Tissue opencl = run(sc, initial, r, true, dt, steps);
        if (implicit(scheme)) {
            for (int s = 0; s < 3; s++) {
                ImplicitParityTest.assertClosePerVoxel(name + " " + sc.species().get(s).name(), java.concentration(s),
                        opencl.concentration(s), UnsplitParityTest.RELATIVE, UnsplitParityTest.FLOOR);
            }
            ImplicitParityTest.assertClosePerVoxel(name + " drug exposure", java.drugExposure(), opencl.drugExposure(),
                    UnsplitParityTest.RELATIVE, UnsplitParityTest.FLOOR);
            return;
        }
        BothBackends.assertSameState(java, opencl, scheme == null ? EXPLICIT_TOLERANCE : RKL2_TOLERANCE);
    }

    /** The OpenCL backend runs binding under every scheme on this device (no refusal left, see BindingBackendChoiceTest). */
    @ParameterizedTest(name = "{0}, {2}, nx = {3}")
    @MethodSource("schemes")
    void noSchemeIsRefusedForBinding(String name, DiffusionSpec scheme, RunSpec.Splitting splitting, int nx) {
        var builder = scenario().grid(nx, 4, 4, 10.0).law(LAW).splitting(splitting).with(species("drug").d0(60).ecmBinding(1));
        Scenario sc = (scheme == null ? builder : builder.diffusion(scheme)).build();
        TransportModel model = TransportModel.compile(sc, org.stromasim.transport.ScenarioFixture.emptyTissue(sc));
        org.junit.jupiter.api.Assertions.assertNull(OpenClBackend.refusal(model, OpenClTestDevice.get()));
    }

    /** {@code steps} steps of {@code dtS} with the live retardation of species s set to r[s] (null: as compiled). */
    static Tissue run(Scenario sc, Tissue initial, float[][] r, boolean opencl, double dtS, int steps) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(sc, state);
        try (Backend backend = opencl ? new OpenClBackend(model, OpenClTestDevice.get()) : new JavaBackend(model, 2)) {
            for (int s = 0; s < r.length; s++) {
                if (r[s] != null) {
                    System.arraycopy(r[s], 0, backend.fields().retardation(s), 0, r[s].length);
                }
            }
            backend.upload(state);
            backend.advance(0, dtS, steps);
            backend.download(state);
        }
        return state;
    }
}
