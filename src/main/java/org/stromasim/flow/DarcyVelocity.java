package org.stromasim.flow;

/**
 * Darcy velocity u = −K∇p of a solved pressure, µm/s: per face from the same harmonic-mean face
 * conductivity as the solver's operator (so the face fluxes balance the sources exactly), and per
 * voxel as the mean of its two faces on each axis (for viewing; a domain face counts as zero flux
 * unless a held value is given).
 */
public final class DarcyVelocity {

    private DarcyVelocity() {
    }

    /** Harmonic-mean face conductivity, as the solver builds it (0 when either side is 0). */
    static double faceConductivity(double k1, double k2) {
        return k1 > 0 && k2 > 0 ? 2 * k1 * k2 / (k1 + k2) : 0.0;
    }

    /**
     * Volumetric flux per area (µm/s) across the face between voxel v and its +axis neighbour
     * (axis 0 x, 1 y, 2 z), positive in the +axis direction.
     */
    public static double faceVelocity(DarcyStarlingProblem problem, double[] p, int v, int axis) {
        int stride = axis == 0 ? 1 : axis == 1 ? problem.nx() : problem.nx() * problem.ny();
        int w = v + stride;
        double k = faceConductivity(problem.conductivity()[v], problem.conductivity()[w]);
        return -k * (p[w] - p[v]) / problem.voxelUm();
    }

    /** Cell-centred velocity components {ux, uy, uz}, µm/s (interior faces; domain faces as zero flux). */
    public static float[][] cellCentred(DarcyStarlingProblem problem, double[] p) {
        int nx = problem.nx();
        int ny = problem.ny();
        int nz = problem.nz();
        float[][] u = new float[3][nx * ny * nz];
        int[] dims = {nx, ny, nz};
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    int[] idx = {i, j, k};
                    for (int axis = 0; axis < 3; axis++) {
                        int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
                        double high = idx[axis] < dims[axis] - 1 ? faceVelocity(problem, p, v, axis) : 0.0;
                        double low = idx[axis] > 0 ? faceVelocity(problem, p, v - stride, axis) : 0.0;
                        u[axis][v] = (float) (0.5 * (high + low));
                    }
                }
            }
        }
        return u;
    }
}
