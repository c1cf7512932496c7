package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;

/**
 * The flux-limited advection against exact solutions along x (one voxel thick in y and z): a steady
 * advection–diffusion–decay profile (diffusion and decay stepped by a plain reference scheme written
 * here), a translated step (monotone, conservative) and a translated Gaussian (smooth).
 */
class LimitedAdvectionTest {

    static FaceVelocities uniform(int n, double h, double velocity) {
        double[] x = new double[n + 1];
        java.util.Arrays.fill(x, velocity);
        return new FaceVelocities(n, 1, 1, h, x, new double[2 * n], new double[2 * n]);
    }

    static double[] inflow(double xMin) {
        double[] in = new double[Face.values().length];
        in[Face.X_MIN.ordinal()] = xMin;
        return in;
    }

    /**
     * u·C' = D·C'' − k·C on [0, L], C(0) = 1 (inflow held at the face), no diffusive flux at x = L:
     * C = A·e^{λ1 x} + B·e^{λ2 x}, λ = (u ± √(u² + 4Dk))/(2D), A + B = 1, λ1·A·e^{λ1 L} + λ2·B·e^{λ2 L} = 0.
     */
    static double exactSteady(double x, double u, double d, double k, double length) {
        double root = Math.sqrt(u * u + 4 * d * k);
        double l1 = (u + root) / (2 * d);
        double l2 = (u - root) / (2 * d);
        // the outlet condition divided by e^{λ1 L}, so nothing overflows
        double e1 = l1;
        double e2 = l2 * Math.exp((l2 - l1) * length);
        double b = e1 / (e1 - e2);
        double a = 1 - b;
        return a * Math.exp(l1 * x) + b * Math.exp(l2 * x);
    }

    static double steadyError(int n) {
        double length = 1200;
        double h = length / n;
        double u = 0.5;
        double d = 50;
        double k = 0.002;
        double dt = 0.4 * h * h / d;
        LimitedAdvection advection = new LimitedAdvection(uniform(n, h, u), new boolean[n]);
        double[] c = new double[n];
        double[] next = new double[n];
        for (int step = 0; step * dt < 12 * length / u; step++) {
            // reference diffusion and decay: explicit finite volumes, the inflow value held on the x_min face
            for (int i = 0; i < n; i++) {
                double west = i == 0 ? 2 * (1.0 - c[0]) : c[i - 1] - c[i];
                double east = i == n - 1 ? 0.0 : c[i + 1] - c[i];
                next[i] = c[i] + dt * (d * (west + east) / (h * h) - k * c[i]);
            }
            System.arraycopy(next, 0, c, 0, n);
            advection.advance(c, dt, inflow(1.0));
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(c[i] - exactSteady((i + 0.5) * h, u, d, k, length)));
        }
        return max;
    }

    @Test
    void steadyAdvectionDiffusionProfileConvergesAtSecondOrder() {
        double coarse = steadyError(60);
        double fine = steadyError(120);
        double order = Math.log(coarse / fine) / Math.log(2);
        System.out.printf("advection-diffusion steady: max errors %.3e (h = 20 um), %.3e (h = 10 um), order %.2f%n",
                coarse, fine, order);
        assertTrue(coarse < 5e-3, "max error " + coarse + " at h = 20 um");
        assertTrue(order > 1.8, "order " + order);
    }

    static double[] translate(int n, double length, boolean step, double timeS, double u, double[] l1Error) {
        double h = length / n;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = profile((i + 0.5) * h, step);
        }
        LimitedAdvection advection = new LimitedAdvection(uniform(n, h, u), new boolean[n]);
        advection.advance(c, timeS, inflow(profile(0, step)));
        double err = 0;
        for (int i = 0; i < n; i++) {
            // the exact cell average of the translated profile (the step's cell straddling the front averages)
            double lo = i * h - u * timeS;
            double exact = 0;
            int sub = 200;
            for (int s = 0; s < sub; s++) {
                exact += profile(lo + (s + 0.5) * h / sub, step) / sub;
            }
            err += Math.abs(c[i] - exact) * h;
        }
        l1Error[0] = err;
        return c;
    }

    static double profile(double x, boolean step) {
        return step ? (x < 300 ? 1.0 : 0.0) : Math.exp(-Math.pow((x - 300) / 60, 2));
    }

    @Test
    void stepStaysMonotoneAndMassIsConserved() {
        double[] err = new double[1];
        int n = 100;
        double length = 1000;
        double u = 1.0;
        double time = 400;
        double[] c = translate(n, length, true, time, u, err);
        double mass = 0;
        for (double v : c) {
            assertTrue(v >= -1e-12 && v <= 1 + 1e-12, "new extremum " + v);
            mass += v * length / n;
        }
        // 300 µm of 1 at the start plus u·t entered through x_min; nothing reached x_max
        assertEquals(300 + u * time, mass, 1e-9);
        double[] fine = new double[1];
        translate(2 * n, length, true, time, u, fine);
        double order = Math.log(err[0] / fine[0]) / Math.log(2);
        System.out.printf("step: L1 errors %.3f, %.3f um, order %.2f%n", err[0], fine[0], order);
        // a discontinuity limits every scheme below first order in L1; van Leer's smears it over a few cells
        assertTrue(err[0] < 3 * length / n, "L1 error " + err[0] + " against 3 cells");
        assertTrue(order > 0.5, "order " + order);
    }

    @Test
    void smoothGaussianConvergesNearSecondOrder() {
        double[] coarse = new double[1];
        double[] fine = new double[1];
        translate(200, 1000, false, 400, 1.0, coarse);
        translate(400, 1000, false, 400, 1.0, fine);
        double order = Math.log(coarse[0] / fine[0]) / Math.log(2);
        System.out.printf("gaussian: L1 errors %.4f, %.4f um, order %.2f%n", coarse[0], fine[0], order);
        assertTrue(order > 1.7, "order " + order);
    }

    /** The same Gaussian moved along y and along z (grids 1×n×1, 1×1×n) gives the x result bit for bit. */
    @Test
    void everyAxisAdvectsAlike() {
        int n = 100;
        double h = 10;
        double[] alongX = new double[n];
        for (int i = 0; i < n; i++) {
            alongX[i] = profile((i + 0.5) * h, false);
        }
        double[] alongY = alongX.clone();
        double[] alongZ = alongX.clone();
        double[] faces = new double[n + 1];
        java.util.Arrays.fill(faces, -0.7); // against the axis: the inflow enters through the max face
        new LimitedAdvection(new FaceVelocities(n, 1, 1, h, faces, new double[2 * n], new double[2 * n]),
                new boolean[n]).advance(alongX, 300, new double[6]);
        new LimitedAdvection(new FaceVelocities(1, n, 1, h, new double[2 * n], faces, new double[2 * n]),
                new boolean[n]).advance(alongY, 300, new double[6]);
        new LimitedAdvection(new FaceVelocities(1, 1, n, h, new double[2 * n], new double[2 * n], faces),
                new boolean[n]).advance(alongZ, 300, new double[6]);
        assertTrue(java.util.Arrays.equals(alongX, alongY) && java.util.Arrays.equals(alongX, alongZ));
        double peak = 0;
        for (double v : alongX) {
            peak = Math.max(peak, v);
        }
        assertTrue(peak > 0.8 && alongX[30 - 21] > alongX[30], "the peak moved 210 µm toward x = 0");
    }
}
