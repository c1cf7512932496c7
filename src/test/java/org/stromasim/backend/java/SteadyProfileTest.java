package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/** Steady 1D profiles against their analytic solutions (docs/parameters.md §7). */
class SteadyProfileTest {

    @Test
    void firstOrderUptakeGivesTheCoshPenetrationProfile() {
        int nx = 100;
        double dx = 2.0;
        double d = 100.0;
        double lambdaUm = 40.0;                  // 20 voxels
        double k = d / (lambdaUm * lambdaUm);    // linear binding by the matrix, 1/s
        double c0 = 5.0;
        Scenario sc = scenario().grid(nx, 1, 1, dx)
                .with(species("drug").d0(d).fixed(Face.X_MIN, c0).binding(CellType.ECM, k)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        double dt = 0.3 * dx * dx / d;
        // slowest mode decays at ≥ k = 0.0625/s; 25,000 steps = 300 s ≈ 19 e-foldings
        float[] c = Runs.run(sc, t, 1, dt, 25_000).concentration(0);
        double length = nx * dx;
        for (int i = 0; i < nx; i++) {
            double x = (i + 0.5) * dx;
            double exact = c0 * Math.cosh((length - x) / lambdaUm) / Math.cosh(length / lambdaUm);
            assertEquals(exact, c[i], 0.01 * exact, "voxel " + i + " at x=" + x + " µm");
        }
    }

    @Test
    void twoLayerSlabIsPiecewiseLinearWithContinuousFlux() {
        int nx = 20;
        double dx = 5.0;
        double stiffLayerKpa = Math.log(10.0); // exponential law, E_scale = 1 kPa: D2 = D1/10
        Scenario sc = scenario().grid(nx, 1, 1, dx).law(new DiffusivityLawSpec.Exponential(1.0))
                .with(species("drug").d0(100).fixed(Face.X_MIN, 1.0).fixed(Face.X_MAX, 0.0)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        for (int i = nx / 2; i < nx; i++) {
            t.stiffnessKpa()[i] = (float) stiffLayerKpa;
        }
        TransportModel model = TransportModel.compile(sc, t);
        double d1 = TransportFields.of(model).diffusivityUm2PerS(0)[0];
        double d2 = TransportFields.of(model).diffusivityUm2PerS(0)[nx - 1];
        assertEquals(10.0, d1 / d2, 1e-5);
        double dt = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS();
        float[] c = Runs.run(sc, t, 1, dt, 20_000).concentration(0);

        double l1 = nx / 2 * dx;
        double flux = 1.0 / (l1 / d1 + l1 / d2);           // steady flux through the stack, unit·µm/s
        double interfaceValue = 1.0 - flux * l1 / d1;
        for (int i = 0; i < nx; i++) {
            double x = (i + 0.5) * dx;
            double exact = x < l1 ? 1.0 - flux * x / d1 : interfaceValue - flux * (x - l1) / d2;
            assertEquals(exact, c[i], 0.01 * Math.max(exact, 0.05), "voxel " + i + " at x=" + x + " µm");
        }
        // flux through every face, including the fixed-value ends and the harmonic-mean interface
        double[] dv = {d1, d2};
        assertEquals(flux, 2 * d1 * (1.0 - c[0]) / dx, 0.01 * flux, "flux in through x_min");
        for (int i = 0; i + 1 < nx; i++) {
            double a = dv[i < nx / 2 ? 0 : 1];
            double b = dv[i + 1 < nx / 2 ? 0 : 1];
            double faceD = 2 * a * b / (a + b);
            assertEquals(flux, faceD * (c[i] - c[i + 1]) / dx, 0.01 * flux, "flux through face " + i + "|" + (i + 1));
        }
        assertEquals(flux, 2 * d2 * c[nx - 1] / dx, 0.01 * flux, "flux out through x_max");
    }
}
