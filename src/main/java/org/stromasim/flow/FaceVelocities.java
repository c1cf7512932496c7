package org.stromasim.flow;

import org.stromasim.grid.Face;
import org.stromasim.solver.FaceCondition;

/**
 * Darcy velocity on every voxel face of a solved pressure, µm/s, positive along +axis, including the
 * domain faces: x faces are indexed (i, j, k) with i in 0..nx (face i lies between voxels i − 1 and i),
 * likewise y and z. Interior faces use the solver's harmonic-mean conductivity
 * ({@link DarcyVelocity#faceVelocity}), so the face fluxes balance the sources to the solve's accuracy;
 * a held domain face passes 2K(p − p_face)/h (the solver's half-cell coupling); a zero-flux face 0.
 */
public final class FaceVelocities {

    private final int nx;
    private final int ny;
    private final int nz;
    private final double voxelUm;
    private final double[][] velocity;

    /** Face velocities given directly, one array per axis, sized (n_axis + 1)·(other two). */
    public FaceVelocities(int nx, int ny, int nz, double voxelUm, double[] x, double[] y, double[] z) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.voxelUm = voxelUm;
        if (x.length != (nx + 1) * ny * nz || y.length != nx * (ny + 1) * nz || z.length != nx * ny * (nz + 1)) {
            throw new IllegalArgumentException("face velocity arrays do not match a " + nx + "×" + ny + "×" + nz
                    + " grid");
        }
        this.velocity = new double[][] {x, y, z};
    }

    /** The face velocities of pressure {@code p} solved for {@code problem}. */
    public static FaceVelocities of(DarcyStarlingProblem problem, double[] p) {
        int nx = problem.nx();
        int ny = problem.ny();
        int nz = problem.nz();
        double h = problem.voxelUm();
        int[] n = {nx, ny, nz};
        double[][] u = {new double[(nx + 1) * ny * nz], new double[nx * (ny + 1) * nz], new double[nx * ny * (nz + 1)]};
        FaceVelocities result = new FaceVelocities(nx, ny, nz, h, u[0], u[1], u[2]);
        for (int axis = 0; axis < 3; axis++) {
            int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        int v = i + nx * (j + ny * k);
                        int[] idx = {i, j, k};
                        int low = result.faceIndex(axis, i, j, k);
                        if (idx[axis] > 0) {
                            u[axis][low] = DarcyVelocity.faceVelocity(problem, p, v - stride, axis);
                        } else {
                            u[axis][low] = boundary(problem, p, v, Face.values()[2 * axis], h);
                        }
                        if (idx[axis] == n[axis] - 1) {
                            int high = low + (axis == 0 ? 1 : axis == 1 ? nx : nx * ny);
                            u[axis][high] = boundary(problem, p, v, Face.values()[2 * axis + 1], h);
                        }
                    }
                }
            }
        }
        return result;
    }

    /** Velocity through domain face {@code face} next to voxel v, along +axis. */
    private static double boundary(DarcyStarlingProblem problem, double[] p, int v, Face face, double h) {
        FaceCondition c = problem.faces().getOrDefault(face, FaceCondition.ZERO_FLUX);
        if (c.kind() != FaceCondition.Kind.FIXED) {
            return 0.0; // periodic pressure is not used by the flow problem; zero flux carries nothing
        }
        double outward = 2 * problem.conductivity()[v] * (p[v] - c.value()) / h;
        return face.side() > 0 ? outward : -outward;
    }

    /** Index of the low face of voxel (i, j, k) on {@code axis} in that axis's array. */
    public int faceIndex(int axis, int i, int j, int k) {
        return switch (axis) {
            case 0 -> i + (nx + 1) * (j + ny * k);
            case 1 -> i + nx * (j + (ny + 1) * k);
            default -> i + nx * (j + ny * k);
        };
    }

    public double[] axis(int axis) {
        return velocity[axis];
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public double voxelUm() {
        return voxelUm;
    }

    /** max over voxels of (Σ outflow through its faces)/h, 1/s: the explicit advection step must stay below 1/this. */
    public double maxOutflowRatePerS() {
        double max = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double out = 0;
                    for (int axis = 0; axis < 3; axis++) {
                        int low = faceIndex(axis, i, j, k);
                        int high = low + (axis == 0 ? 1 : axis == 1 ? nx : nx * ny);
                        out += Math.max(0, -velocity[axis][low]) + Math.max(0, velocity[axis][high]);
                    }
                    max = Math.max(max, out / voxelUm);
                }
            }
        }
        return max;
    }
}
