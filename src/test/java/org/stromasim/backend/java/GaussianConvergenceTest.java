package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;

/**
 * Instantaneous point source, C = M(4πDt)^(−3/2)·exp(−r²/4Dt) (docs/parameters.md §7), started from its
 * value at t0 and compared at t1. The source sits on the corner of the domain: the three zero-flux
 * faces through it are exact mirror planes of the cell-centred scheme, so one octant stands for the
 * whole space at an eighth of the cost. The far faces are 5.6 σ(t1) away, where the solution is 2e-7
 * of its peak, so they do not matter.
 */
class GaussianConvergenceTest {

    private static final double D = 100.0;       // µm²/s
    private static final double SIDE_UM = 500.0;
    private static final double T0_S = 18.0;     // σ0 = sqrt(2·D·t0) = 60 µm
    private static final double T1_S = 40.5;     // σ1 = 90 µm

    @Test
    void matchesTheAnalyticGaussianWithSecondOrderSpatialConvergence() {
        int[] resolutions = {24, 32, 40};
        double[] logDx = new double[3];
        double[] logErr = new double[3];
        for (int r = 0; r < 3; r++) {
            int n = resolutions[r];
            double dx = SIDE_UM / n;
            // steps ∝ n², so dt/dx² is the same at every resolution (D·dt/dx² = 0.048)
            int steps = 3 * n * n / 16;
            double err = relativeL2Error(n, (T1_S - T0_S) / steps, steps);
            logDx[r] = Math.log(dx);
            logErr[r] = Math.log(err);
        }
        double slope = leastSquaresSlope(logDx, logErr);
        assertEquals(2.0, slope, 0.2, "spatial convergence order");
        assertTrue(Math.exp(logErr[2]) < 0.01, "relative L2 error at the finest grid: " + Math.exp(logErr[2]));
    }

    private static double relativeL2Error(int n, double dt, int steps) {
        Scenario sc = scenario().grid(n, n, n, SIDE_UM / n).with(species("drug").d0(D)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Grid3D g = t.grid();
        fill(g, t.concentration(0), T0_S);
        float[] numeric = Runs.run(sc, t, 1, dt, steps).concentration(0);
        float[] exact = new float[g.voxelCount()];
        fill(g, exact, T1_S);
        double num = 0;
        double den = 0;
        for (int v = 0; v < exact.length; v++) {
            double e = numeric[v] - exact[v];
            num += e * e;
            den += (double) exact[v] * exact[v];
        }
        return Math.sqrt(num / den);
    }

    /** Analytic field for unit mass in free space, scaled so that the peak is 1 at t0 (float-friendly). */
    private static void fill(Grid3D g, float[] field, double tS) {
        double scale = Math.pow(4 * Math.PI * D * T0_S, 1.5);
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double r2 = sq(g.centreX(i)) + sq(g.centreY(j)) + sq(g.centreZ(k));
                    field[g.index(i, j, k)] = (float) (scale * Math.pow(4 * Math.PI * D * tS, -1.5)
                            * Math.exp(-r2 / (4 * D * tS)));
                }
            }
        }
    }

    private static double sq(double x) {
        return x * x;
    }

    static double leastSquaresSlope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
