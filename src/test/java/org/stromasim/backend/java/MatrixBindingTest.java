package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stromasim.backend.Backend;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.MatrixBindingContract;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Reversible matrix binding on every scheme of the Java backend ({@link MatrixBindingContract}), and a
 * steady state that must not depend on R.
 */
class MatrixBindingTest extends MatrixBindingContract {

    @Override
    protected Backend backend(Scenario sc, Tissue t, float[] retardation) {
        JavaBackend b = new JavaBackend(TransportModel.compile(sc, t), 2);
        float[] live = b.fields().retardation(0);
        System.arraycopy(retardation, 0, live, 0, live.length);
        b.upload(t);
        return b;
    }

    /**
     * A vessel at one end of a closed line, Michaelis–Menten uptake in the ECM: the steady state solves
     * ∇·(D∇C) + exchange − uptake = 0, in which R does not appear. The reference is that state with R = 1
     * from the unsplit step (which holds a steady state exactly at any step, docs/large-steps.md) run for
     * 40 relaxation times; each scheme with random R in [1, 10] must end there. The unsplit step to 1e-4;
     * the split schemes err by their splitting error, O((λ·dt)²) with λ ≤ 0.24/s the fastest reaction
     * rate, so they run at λ·dt = 0.01 and are held to 1e-3.
     */
    @ParameterizedTest
    @EnumSource(Scheme.class)
    void theSteadyStateDoesNotDependOnR(Scheme scheme) {
        int nx = 6;
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(100).ecmBinding(1)
                .vessel(2.0, new PlasmaCurveSpec.Constant(1.0)).uptake(CellType.ECM, 0.02, 0.5);
        float[] reference = steadyState(base(Scheme.UNSPLIT, nx, 1, 1).with(drug).build(), uniform(nx, 1), 20.0);
        float[] bound = steadyState(base(scheme, nx, 1, 1).with(drug).build(), random(nx, 7),
                scheme == Scheme.UNSPLIT ? 20.0 : 0.01 / 0.24);
        double tolerance = scheme == Scheme.UNSPLIT ? 1e-4 : 1e-3;
        for (int v = 1; v < nx; v++) {
            assertEquals(reference[v], bound[v], tolerance * reference[v], scheme + " voxel " + v);
        }
        assertTrue(reference[nx - 1] < 0.9 * reference[1], "the uptake must shape the profile: " + Arrays.toString(reference));
    }

    private static float[] steadyState(Scenario sc, float[] r, double dtS) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.VESSEL.code();
        JavaBackend b = new JavaBackend(TransportModel.compile(sc, t), 1);
        try (b) {
            System.arraycopy(r, 0, b.fields().retardation(0), 0, r.length);
            b.upload(t);
            // slowest relaxation: R_max/(Vmax/Km) = 10·0.5/0.02 = 250 s (diffusion over 60 µm: 36·R_max s)
            double horizonS = 10_000;
            b.advance(0, dtS, (int) Math.ceil(horizonS / dtS));
            b.download(t);
        }
        return t.concentration(0).clone();
    }
}
