package org.stromasim.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;

/**
 * The Java explicit scheme with reversible matrix binding, random R in [1, 10] per voxel, converges to
 * the plain reference ({@link ReferenceStepper#retard}) voxel by voxel ({@link ReferenceComparison}),
 * with decay, uptake, a vessel wall and a held face. Binding needs the fibre_matrix law, which the
 * reference does not have: at zero stiffness without GAG or cells it gives D = D0, as the exponential
 * law the reference runs does (checked here on the backend's own diffusivity).
 */
class MatrixBindingReferenceTest {

    private static final DiffusivityLawSpec FIBRE_MATRIX = new DiffusivityLawSpec.FibreMatrix(20, 0.5,
            new MatrixCompositionSpec(3.0, 0.05, 2.0, 0.3,
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0),
                    new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0)));

    private static ScenarioFixture.SpeciesFixture drug(boolean binding) {
        ScenarioFixture.SpeciesFixture f = species("drug").d0(100).decay(0.01).uptake(CellType.ECM, 0.05, 0.5)
                .vessel(2.0, new PlasmaCurveSpec.Constant(2.0)).fixed(Face.X_MAX, 1.0);
        return binding ? f.ecmBinding(1) : f;
    }

    @Test
    void explicitWithRandomRetardationConvergesToTheReference() {
        Scenario product = scenario().grid(6, 5, 4, 10).law(FIBRE_MATRIX).with(drug(true)).build();
        Scenario plain = scenario().grid(6, 5, 4, 10).law(new DiffusivityLawSpec.Exponential(1.0)).with(drug(false)).build();
        Tissue initial = ScenarioFixture.emptyTissue(product);
        int n = initial.grid().voxelCount();
        Random random = new Random(21);
        double[] r = new double[n];
        float[] rFloat = new float[n];
        for (int v = 0; v < n; v++) {
            r[v] = 1 + 9 * random.nextDouble();
            rFloat[v] = (float) r[v];
            r[v] = rFloat[v]; // the product holds R in float: the reference takes the same numbers
            initial.concentration(0)[v] = (float) (2 * random.nextDouble());
        }
        initial.cell()[0] = CellType.VESSEL.code();
        initial.concentration(0)[0] = 0f;
        ReferenceStepper reference = ReferenceStepper.of(plain, initial).retard(0, r);
        double dt = 0.5 * reference.explicitLimitS();
        double worst = ReferenceComparison.assertConvergesToReference("binding", product, initial, reference, model -> {
            JavaBackend b = new JavaBackend(model, 2);
            for (float d : b.fields().diffusivityUm2PerS(0)) {
                assertTrue(d == 0f || d == 100f, "fibre_matrix at zero stiffness must give D0: " + d);
            }
            System.arraycopy(rFloat, 0, b.fields().retardation(0), 0, n);
            return b;
        }, dt, 40, JavaReferenceParityTest.SCALE);
        assertTrue(worst < 1, "worst " + worst);
    }
}
