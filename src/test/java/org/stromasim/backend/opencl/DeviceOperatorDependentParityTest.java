package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.solver.OperatorDependentLevels;
import org.stromasim.solver.ReferenceOperator;

/**
 * The operator-dependent multigrid on the device ({@link DeviceOperatorDependentMultigrid}) against the
 * Java solver's {@link Coarsening#OPERATOR_DEPENDENT} solve of the same problem (held x faces, a = 0 in
 * the tissue and 1 in K = 0 holes, a random right-hand side), each solved to {@link #TOLERANCE}:
 * <ul>
 *   <li>the same number of cycles (the Java residual history crosses the tolerance at least a factor 2
 *       away from it on these fields, far more than rounding can move it);</li>
 *   <li>the same reduction in every cycle while the residual is above 10⁻⁹ of the right-hand side, to
 *       {@link #RATE_TOLERANCE} (absolute): the Java cycle runs in float and the device's in double, so
 *       they differ by float rounding, 2⁻²⁴ per operation over the ~10³ dependent operations one cycle
 *       applies to a value (16 fine Chebyshev steps of 7-term sums, 8-term transfers, the K-cycle's
 *       27-term passes on each level), carried on by the Krylov recurrence: ≈ 6·10⁻⁵. Below 10⁻⁹ the
 *       double residual's own rounding (2⁻⁵³ of Σ|terms| ≈ 10⁴ per voxel on a 1:1000 field, ≈ 10⁻¹²
 *       of ‖b‖ in all) is more than 10⁻³ of the residual and the two summation orders show;</li>
 *   <li>the same work units per cycle (the K-cycle takes or skips its second step in the same places);</li>
 *   <li>the solution per voxel within 2⁻²⁴ of the field's maximum (one float ulp at the maximum: the
 *       device and Java solutions round to the same float state), and its residual, computed here
 *       from the equations written out plainly, within the tolerance.</li>
 * </ul>
 * The levels: {@code maxHostCells} 0 runs every level but the dense LU on the device (the 27-point
 * kernels on two Galerkin levels at 32³); the geometric device cycle's split
 * ({@link MultigridHierarchy#HOST_CELLS}) leaves one Galerkin level on the device at 48×40×40.
 */
@EnabledIfOpenClOrCi
class DeviceOperatorDependentParityTest {

    static final double TOLERANCE = 1e-10;
    static final double RATE_TOLERANCE = 1e-4;

    @Test
    void voxelwiseContrast1000() {
        int n = 32;
        compare(n, n, n, voxelwise(n * n * n, 11), heldX(), 0);
    }

    @Test
    void vesselNetwork() {
        int n = 32;
        compare(n, n, n, vessels(n, n, n, 7), heldX(), 0);
    }

    /**
     * Odd x (33), periodic y (40: halved to 20, 10, then 5, where the odd periodic axis stops the
     * coarsening at a 5×5×4 dense level) and periodic z (32), voxel-wise 1:1000 with vessel holes.
     */
    @Test
    void oddNonCubicPeriodic() {
        Map<Face, FaceCondition> faces = heldX();
        for (Face face : new Face[] {Face.Y_MIN, Face.Y_MAX, Face.Z_MIN, Face.Z_MAX}) {
            faces.put(face, FaceCondition.PERIODIC);
        }
        int nx = 33;
        int ny = 40;
        int nz = 32;
        float[] k = voxelwise(nx * ny * nz, 5);
        float[] holes = vessels(nx, ny, nz, 3);
        for (int v = 0; v < k.length; v++) {
            k[v] = holes[v] == 0 ? 0f : k[v];
        }
        compare(nx, ny, nz, k, faces, 0);
    }

    @Test
    void defaultHostSplit() {
        compare(48, 40, 40, vessels(48, 40, 40, 9), heldX(), MultigridHierarchy.HOST_CELLS);
    }

    private static Map<Face, FaceCondition> heldX() {
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(1));
        faces.put(Face.X_MAX, FaceCondition.fixed(0));
        return faces;
    }

    static float[] voxelwise(int cells, long seed) {
        Random rnd = new Random(seed);
        float[] k = new float[cells];
        for (int v = 0; v < cells; v++) {
            k[v] = (float) Math.pow(1000, rnd.nextDouble());
        }
        return k;
    }

    /** K = 1 with straight 2×2-voxel tubes of K = 0 along random axes. */
    static float[] vessels(int nx, int ny, int nz, long seed) {
        Random rnd = new Random(seed);
        int[] n = {nx, ny, nz};
        float[] k = new float[nx * ny * nz];
        java.util.Arrays.fill(k, 1f);
        int tubes = Math.max(nx, Math.max(ny, nz)) / 4;
        for (int t = 0; t < tubes; t++) {
            int axis = rnd.nextInt(3);
            int a1 = (axis + 1) % 3;
            int a2 = (axis + 2) % 3;
            int c1 = rnd.nextInt(n[a1] - 1);
            int c2 = rnd.nextInt(n[a2] - 1);
            for (int s = 0; s < n[axis]; s++) {
                for (int d1 = 0; d1 < 2; d1++) {
                    for (int d2 = 0; d2 < 2; d2++) {
                        int[] c = new int[3];
                        c[axis] = s;
                        c[a1] = c1 + d1;
                        c[a2] = c2 + d2;
                        k[c[0] + nx * (c[1] + ny * c[2])] = 0f;
                    }
                }
            }
        }
        return k;
    }

    /** a = 1 in the K = 0 holes (0 elsewhere) and a random right-hand side, as MultigridSolverTest's fields. */
    static double[][] absorptionAndSource(float[] k) {
        double[] a = new double[k.length];
        double[] f = new double[k.length];
        Random rnd = new Random(3);
        for (int v = 0; v < k.length; v++) {
            a[v] = k[v] == 0 ? 1.0 : 0.0;
            f[v] = rnd.nextDouble() - 0.5;
        }
        return new double[][] {a, f};
    }

    private static void compare(int nx, int ny, int nz, float[] k, Map<Face, FaceCondition> faces, int maxHostCells) {
        double h = 2;
        int cells = nx * ny * nz;
        double[][] af = absorptionAndSource(k);
        double[] a = af[0];
        double[] f = af[1];
        MultigridSolver java = MultigridSolver.create(nx, ny, nz, h, k, faces, Coarsening.OPERATOR_DEPENDENT);
        java.setAbsorption(a);
        double[] javaU = new double[cells];
        double work0 = java.workUnits();
        MultigridSolver.SolveStats javaStats = java.solve(javaU, f, TOLERANCE, 60);
        double javaWork = java.workUnits() - work0;

        MultigridSolver hostSolver = MultigridSolver.create(nx, ny, nz, h, k, faces, Coarsening.OPERATOR_DEPENDENT);
        hostSolver.setAbsorption(a);
        OperatorDependentLevels levels = hostSolver.operatorDependentLevels();
        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        try (ClResources resources = new ClResources(context.context())) {
            cl_command_queue queue = resources.queue(OpenClTestDevice.get());
            MultigridKernels kernels = new MultigridKernels(resources, context, queue);
            GalerkinKernels galerkin = new GalerkinKernels(resources, context, queue);
            try (DeviceOperatorDependentMultigrid device = new DeviceOperatorDependentMultigrid(levels, maxHostCells,
                    kernels, galerkin, context, queue)) {
                assertTrue(device.hostLevel() >= (maxHostCells == 0 ? 2 : 1), "Galerkin levels on the device: "
                        + device.hostLevel());
                MultigridHierarchy.Level fine = levels.fine();
                double[] rhs = new double[fine.paddedSize()];
                for (int kk = 0; kk < nz; kk++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            int p = fine.index(i, j, kk);
                            rhs[p] = f[i + nx * (j + ny * kk)] * h * h + levels.boundarySource()[p];
                        }
                    }
                }
                cl_mem rhsBuffer = resources.buffer(CL.CL_MEM_READ_WRITE, (long) rhs.length * Sizeof.cl_double);
                cl_mem uBuffer = resources.buffer(CL.CL_MEM_READ_WRITE, (long) rhs.length * Sizeof.cl_double);
                write(queue, rhsBuffer, rhs);
                write(queue, uBuffer, new double[rhs.length]);
                double[] stats = device.solve(uBuffer, rhsBuffer, TOLERANCE, 60);
                double[] padded = new double[rhs.length];
                CL.clEnqueueReadBuffer(queue, uBuffer, CL.CL_TRUE, 0, (long) padded.length * Sizeof.cl_double,
                        Pointer.to(padded), 0, null, null);
                double[] u = new double[cells];
                for (int kk = 0; kk < nz; kk++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            u[i + nx * (j + ny * kk)] = padded[fine.index(i, j, kk)];
                        }
                    }
                }

                List<Double> javaHistory = javaStats.residualHistory();
                List<Double> deviceHistory = device.residualHistory();
                assertEquals(javaStats.iterations(), (int) stats[0], "cycles: Java " + javaHistory + ", device " + deviceHistory);
                double worstRate = 0;
                for (int it = 1; it <= javaStats.iterations() && javaHistory.get(it) > 1e-9 * javaHistory.get(0); it++) {
                    double javaRate = javaHistory.get(it) / javaHistory.get(it - 1);
                    double deviceRate = deviceHistory.get(it) / deviceHistory.get(it - 1);
                    worstRate = Math.max(worstRate, Math.abs(deviceRate - javaRate));
                    assertEquals(javaRate, deviceRate, RATE_TOLERANCE, "reduction in cycle " + it);
                }
                assertEquals(javaWork / javaStats.iterations(), device.workUnits() / stats[0], 1e-9, "work units per cycle");

                double max = 0;
                double worst = 0;
                for (int v = 0; v < cells; v++) {
                    max = Math.max(max, Math.abs(javaU[v]));
                    worst = Math.max(worst, Math.abs(u[v] - javaU[v]));
                }
                assertTrue(worst <= 0x1p-24 * max, "worst difference " + worst + " of max " + max);
                double plainResidual = ReferenceOperator.residualNorm(nx, ny, nz, h, k, a, faces, u, f);
                assertTrue(plainResidual <= TOLERANCE * stats[1], "residual " + plainResidual + " of " + stats[1]);
                System.out.printf("%dx%dx%d: %d Galerkin levels on the device, %d cycles (Java %d), worst reduction "
                        + "difference %.1e, solution difference %.1e of the maximum, %.2f work units per cycle, "
                        + "plain residual %.1e of the right-hand side%n", nx, ny, nz, device.hostLevel(), (int) stats[0],
                        javaStats.iterations(), worstRate, worst / max, device.workUnits() / stats[0],
                        plainResidual / stats[1]);
            }
        }
    }

    private static void write(cl_command_queue queue, cl_mem buffer, double[] values) {
        CL.clEnqueueWriteBuffer(queue, buffer, CL.CL_TRUE, 0, (long) values.length * Sizeof.cl_double,
                Pointer.to(values), 0, null, null);
    }
}
