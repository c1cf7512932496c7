package org.stromasim.flow;

import org.stromasim.grid.Face;

/**
 * Advection of a concentration by given face velocities: conservative finite volumes, face values
 * reconstructed from the upwind side with van Leer's limited slope (MUSCL; second order where the
 * field is smooth, first order at extrema and steps, so no new extrema), stepped by the two-stage
 * strong-stability-preserving Runge–Kutta scheme (Shu &amp; Osher 1988) in sub-steps of at most
 * {@link #COURANT} of the outflow limit, where the scheme is total-variation diminishing.
 *
 * <p>Solid voxels (vessel lumen) have no flow through their faces and are not used for slopes.
 * A domain face passes what its velocity carries: outflow the voxel's own value (first order), inflow
 * the face's given inflow concentration.
 */
public final class LimitedAdvection {

    /** Sub-step as a share of 1/(max Σ outflow/h): the TVD bound of MUSCL with van Leer's limiter under SSP-RK2. */
    public static final double COURANT = 0.5;

    private final FaceVelocities u;
    private final boolean[] solid;
    private final int nx;
    private final int ny;
    private final int nz;
    private final double maxOutflowRatePerS;

    public LimitedAdvection(FaceVelocities u, boolean[] solid) {
        this.u = u;
        this.nx = u.nx();
        this.ny = u.ny();
        this.nz = u.nz();
        if (solid.length != nx * ny * nz) {
            throw new IllegalArgumentException("solid mask has " + solid.length + " values for " + nx * ny * nz + " voxels");
        }
        this.solid = solid;
        this.maxOutflowRatePerS = u.maxOutflowRatePerS();
    }

    /** The largest sub-step the scheme takes, s (+∞ without flow). */
    public double largestStableStepS() {
        return maxOutflowRatePerS > 0 ? COURANT / maxOutflowRatePerS : Double.POSITIVE_INFINITY;
    }

    /**
     * Advances {@code c} (per voxel) by {@code dtS} in equal sub-steps within {@link #largestStableStepS};
     * {@code inflowByFace} holds the concentration entering through each domain face (indexed by
     * {@link Face#ordinal}). Returns the number of sub-steps.
     */
    public int advance(double[] c, double dtS, double[] inflowByFace) {
        return advance(c, dtS, inflowByFace, null);
    }

    /**
     * As above for R·∂C/∂t = −∇·(u·C) with a retardation factor R ≥ 1 per voxel ({@code retardation}, null:
     * R = 1): each voxel's flux balance is divided by its R, so Σ R·C changes only by what crosses the domain
     * faces; R ≥ 1 keeps the sub-steps of R = 1 stable.
     */
    public int advance(double[] c, double dtS, double[] inflowByFace, float[] retardation) {
        int steps = (int) Math.max(1, Math.ceil(dtS / largestStableStepS()));
        if (maxOutflowRatePerS == 0 || dtS == 0) {
            return 0;
        }
        double h = dtS / steps;
        double[] k = new double[c.length];
        double[] stage = new double[c.length];
        for (int s = 0; s < steps; s++) {
            rate(c, k, inflowByFace);
            retard(k, retardation);
            for (int v = 0; v < c.length; v++) {
                stage[v] = c[v] + h * k[v];
            }
            rate(stage, k, inflowByFace);
            retard(k, retardation);
            for (int v = 0; v < c.length; v++) {
                c[v] = 0.5 * (c[v] + stage[v] + h * k[v]);
            }
        }
        return steps;
    }

    private static void retard(double[] rate, float[] retardation) {
        if (retardation != null) {
            for (int v = 0; v < rate.length; v++) {
                rate[v] /= retardation[v];
            }
        }
    }

    /** dc/dt = −(1/h)·Σ_faces (outward flux) per voxel, into {@code out}. */
    void rate(double[] c, double[] out, double[] inflowByFace) {
        java.util.Arrays.fill(out, 0.0);
        double invH = 1 / u.voxelUm();
        int[] n = {nx, ny, nz};
        for (int axis = 0; axis < 3; axis++) {
            double[] w = u.axis(axis);
            int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
            int[] count = {nx, ny, nz};
            count[axis]++; // faces along the axis: one more than voxels
            int[] idx = new int[3];
            for (idx[2] = 0; idx[2] < count[2]; idx[2]++) {
                for (idx[1] = 0; idx[1] < count[1]; idx[1]++) {
                    for (idx[0] = 0; idx[0] < count[0]; idx[0]++) {
                        accumulate(c, out, w, axis, idx, n[axis], stride, inflowByFace, invH);
                    }
                }
            }
        }
    }

    /** Distance between neighbouring faces of one axis in that axis's face array. */
    private int stride(int axis) {
        return axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
    }

    /** Flux through the face at idx (idx[axis] in 0..n: between voxels idx[axis] − 1 and idx[axis]). */
    private void accumulate(double[] c, double[] out, double[] w, int axis, int[] idx, int n, int stride,
                            double[] inflowByFace, double invH) {
        double velocity = w[u.faceIndex(axis, idx[0], idx[1], idx[2])];
        if (velocity == 0) {
            return;
        }
        int a = idx[axis];
        int right = idx[0] + nx * (idx[1] + ny * idx[2]); // voxel on the + side (valid when a < n)
        int left = right - stride;                          // voxel on the − side (valid when a > 0)
        double face;
        if (a == 0) {
            face = velocity > 0 ? inflowByFace[Face.values()[2 * axis].ordinal()] : c[right];
        } else if (a == n) {
            face = velocity < 0 ? inflowByFace[Face.values()[2 * axis + 1].ordinal()] : c[left];
        } else {
            int up = velocity > 0 ? left : right;
            int down = velocity > 0 ? right : left;
            int upA = velocity > 0 ? a - 1 : a;              // position of the upwind voxel along the axis
            int farA = velocity > 0 ? upA - 1 : upA + 1;
            int far = velocity > 0 ? up - stride : up + stride;
            face = c[up];
            double jump = c[down] - c[up];
            double farValue = Double.NaN;
            if (farA >= 0 && farA < n) {
                farValue = solid[far] ? Double.NaN : c[far];
            } else {
                // the upwind voxel touches a domain face: if fluid enters there, the inflow value sits on
                // that face, half a voxel upstream, and the mirror 2·inflow − c stands in for the missing voxel
                Face boundary = Face.values()[2 * axis + (velocity > 0 ? 0 : 1)];
                double entering = u.axis(axis)[u.faceIndex(axis, idx[0], idx[1], idx[2])
                        + (velocity > 0 ? -stride(axis) : stride(axis))];
                if (velocity > 0 ? entering > 0 : entering < 0) {
                    farValue = 2 * inflowByFace[boundary.ordinal()] - c[up];
                }
            }
            if (!Double.isNaN(farValue) && jump != 0) {
                double r = (c[up] - farValue) / jump;
                face += 0.5 * (r + Math.abs(r)) / (1 + Math.abs(r)) * jump;
            }
        }
        double flux = velocity * face * invH;
        if (a > 0) {
            out[left] -= flux;
        }
        if (a < n) {
            out[right] += flux;
        }
    }
}
