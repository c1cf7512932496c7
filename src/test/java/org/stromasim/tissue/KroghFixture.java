package org.stromasim.tissue;

import java.util.List;
import org.stromasim.grid.Grid3D;

/**
 * Test fixture: one straight vessel along z in tissue with first-order uptake (the Krogh cylinder
 * with a permeable wall), on a quarter of the plane (the axis on the corner x = y = 0, whose two
 * zero-flux faces are mirror planes) and one voxel thick in z (the field does not vary along the
 * axis). The steady state of the semi-discrete model on the product's lumen and wall,
 * D·Δ_h C − k·C + (S/V)/(1/P + δ/D)·(C_p − C) = 0 on tissue voxels (δ: the voxel centre's distance
 * from the wall, the product's; the wall and that tissue in series), no flux into lumen or across domain
 * faces, is solved here by conjugate gradients (a reference written in the test); the analytic
 * Robin/Krogh solution is C(r) = C_p·P·K0(r/λ)/(P·K0(R/λ) + (D/λ)·K1(R/λ)), λ = √(D/k), with
 * K0 and K1 from their integral representation (no library has a K-Bessel: Commons Math 3 has only J).
 */
public final class KroghFixture {

    public static final double RADIUS_UM = 10;
    public static final double D_UM2_PER_S = 100;
    public static final double LAMBDA_UM = 20;
    public static final double K_PER_S = D_UM2_PER_S / (LAMBDA_UM * LAMBDA_UM);
    /** Doxorubicin-like wall permeability (the value of the trial). */
    public static final double P_UM_PER_S = 2.67;
    public static final double PLASMA = 1.0;

    /** The quarter-plane grid, the product's lumen mask and wall for R/dx = {@code perRadius}. */
    public record Case(Grid3D grid, boolean[] lumen, VesselWall wall) {
        public double radiusOf(int v) {
            int i = v % grid.nx();
            int j = (v / grid.nx()) % grid.ny();
            return Math.hypot(grid.centreX(i), grid.centreY(j));
        }
    }

    private KroghFixture() {
    }

    /** The domain reaches 6λ beyond the wall, where the profile has fallen to e^(−6) of its wall value. */
    public static Case quarter(double perRadius) {
        double dx = RADIUS_UM / perRadius;
        int n = (int) Math.ceil((RADIUS_UM + 6 * LAMBDA_UM) / dx);
        Grid3D grid = new Grid3D(n, n, 1, dx);
        List<VesselSegment> vessel = List.of(new VesselSegment(new double[]{0, 0, -2 * dx},
                new double[]{0, 0, 3 * dx}, RADIUS_UM));
        boolean[] lumen = VesselPainter.lumenMask(grid, vessel);
        return new Case(grid, lumen, VesselWallGeometry.compute(grid, vessel, lumen));
    }

    /** The steady state of the semi-discrete model (class comment) by conjugate gradients; lumen voxels NaN. */
    public static double[] steadyState(Grid3D g, boolean[] lumen, float[] svPerUm, float[] distanceUm) {
        return steadyState(g, lumen, svPerUm, distanceUm, P_UM_PER_S);
    }

    /**
     * The same with wall permeability {@code pUmPerS} (a very large one holds the wall at the plasma
     * level). Each voxel exchanges through the wall and then the tissue between the wall and its centre,
     * {@code distanceUm} (null: every centre on the wall), as two resistances in series: per volume
     * (S/V)/(1/P + δ/D).
     */
    public static double[] steadyState(Grid3D g, boolean[] lumen, float[] svPerUm, float[] distanceUm, double pUmPerS) {
        int n = g.voxelCount();
        double c = D_UM2_PER_S / (g.voxelUm() * g.voxelUm());
        double[] diagonal = new double[n];
        double[] b = new double[n];
        for (int v = 0; v < n; v++) {
            if (lumen[v]) {
                continue;
            }
            int i = v % g.nx();
            int j = v / g.nx();
            int neighbours = 0;
            for (int[] o : new int[][]{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                int a = i + o[0];
                int bj = j + o[1];
                if (a >= 0 && bj >= 0 && a < g.nx() && bj < g.ny() && !lumen[a + g.nx() * bj]) {
                    neighbours++;
                }
            }
            double delta = distanceUm == null ? 0 : distanceUm[v];
            double exchange = svPerUm[v] / (1 / pUmPerS + delta / D_UM2_PER_S);
            diagonal[v] = neighbours * c + K_PER_S + exchange;
            b[v] = exchange * PLASMA;
        }
        double[] x = new double[n];
        double[] r = b.clone();
        double[] p = r.clone();
        double[] ap = new double[n];
        double rr = dot(r, r);
        double stop = 1e-24 * rr;
        for (int it = 0; it < 20 * n && rr > stop; it++) {
            multiply(g, lumen, diagonal, c, p, ap);
            double alpha = rr / dot(p, ap);
            for (int v = 0; v < n; v++) {
                x[v] += alpha * p[v];
                r[v] -= alpha * ap[v];
            }
            double next = dot(r, r);
            for (int v = 0; v < n; v++) {
                p[v] = r[v] + next / rr * p[v];
            }
            rr = next;
        }
        for (int v = 0; v < n; v++) {
            if (lumen[v]) {
                x[v] = Double.NaN;
            }
        }
        return x;
    }

    private static void multiply(Grid3D g, boolean[] lumen, double[] diagonal, double c, double[] in, double[] out) {
        for (int v = 0; v < in.length; v++) {
            if (lumen[v]) {
                out[v] = 0;
                continue;
            }
            int i = v % g.nx();
            int j = v / g.nx();
            double sum = diagonal[v] * in[v];
            if (i > 0 && !lumen[v - 1]) {
                sum -= c * in[v - 1];
            }
            if (i < g.nx() - 1 && !lumen[v + 1]) {
                sum -= c * in[v + 1];
            }
            if (j > 0 && !lumen[v - g.nx()]) {
                sum -= c * in[v - g.nx()];
            }
            if (j < g.ny() - 1 && !lumen[v + g.nx()]) {
                sum -= c * in[v + g.nx()];
            }
            out[v] = sum;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int v = 0; v < a.length; v++) {
            s += a[v] * b[v];
        }
        return s;
    }

    /** The analytic Robin/Krogh level at radius r ≥ R (class comment). */
    public static double analytic(double rUm) {
        return analytic(rUm, P_UM_PER_S);
    }

    /** The same with wall permeability {@code pUmPerS}; infinite: the held wall, C_p·K0(r/λ)/K0(R/λ). */
    public static double analytic(double rUm, double pUmPerS) {
        double l = LAMBDA_UM;
        if (Double.isInfinite(pUmPerS)) {
            return PLASMA * besselK(0, rUm / l) / besselK(0, RADIUS_UM / l);
        }
        return PLASMA * pUmPerS * besselK(0, rUm / l)
                / (pUmPerS * besselK(0, RADIUS_UM / l) + D_UM2_PER_S / l * besselK(1, RADIUS_UM / l));
    }

    /**
     * K_ν(x) = ∫₀^∞ exp(−x·cosh t)·cosh(ν t) dt, by the trapezoid rule with step 1/400 up to where the
     * integrand is below e^(−700): the integrand is smooth and decays double-exponentially, so the rule
     * converges geometrically (checked against tabulated values in the test).
     */
    public static double besselK(int nu, double x) {
        double end = acosh(700 / x + 1);
        double h = 1.0 / 400;
        double sum = 0.5 * Math.exp(-x);
        for (double t = h; t < end; t += h) {
            sum += Math.exp(-x * Math.cosh(t)) * Math.cosh(nu * t);
        }
        return sum * h;
    }

    private static double acosh(double y) {
        return Math.log(y + Math.sqrt(y * y - 1));
    }
}
