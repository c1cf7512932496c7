package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;

/**
 * The device multigrid with a per-voxel a ({@link DeviceMultigrid#setAbsorptionField}) against the
 * Java {@link MultigridSolver} given the same a ({@link MultigridSolver#setAbsorption}): a 1:1000
 * voxel-wise random conductivity with holes (K = 0), a held x_min face, periodic z, and a spanning
 * six decades between neighbours, on a 48×40×24 grid (two device levels above the host ones).
 * <ul>
 *   <li>each device level's Chebyshev upper bound equals the Java level's, so the masses were
 *       restricted and the bound measured on them: the same Gershgorin maximum 1 + c/(m + s) over the
 *       same restricted masses, but the Java levels store m and s in float (each rounded by at most
 *       2^-24 relative, c likewise), so λ − 1 may differ by 3·2^-24 of itself: 2e-7 relative;</li>
 *   <li>one solve to 1e-10 of the right-hand side from zero takes the Java solver's PCG iterations
 *       (±1 for a residual that lands at the tolerance within rounding) and gives its solution per
 *       voxel within 1e-8 of the field's maximum (both solutions are within ≈ 10·1e-10 of the exact one
 *       in the preconditioned norm; 1e-8 leaves a factor 10 for the conditioning of a voxel's error).</li>
 * </ul>
 */
@EnabledIfOpenClOrCi
class DeviceMultigridPerVoxelTest {

    @Test
    void boundsIterationsAndSolutionAreTheJavaSolversOnes() {
        int nx = 48;
        int ny = 40;
        int nz = 24;
        double h = 10;
        int n = nx * ny * nz;
        Random random = new Random(8);
        float[] k = new float[n];
        double[] a = new double[n];
        double[] f = new double[n];
        for (int v = 0; v < n; v++) {
            k[v] = random.nextInt(40) == 0 ? 0f : (float) (700 * Math.pow(1000, -random.nextDouble()));
            a[v] = Math.pow(10, -3 + 6 * random.nextDouble());
            f[v] = random.nextDouble();
        }
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(0.5));
        faces.put(Face.Z_MIN, FaceCondition.PERIODIC);
        faces.put(Face.Z_MAX, FaceCondition.PERIODIC);
        MultigridSolver java = MultigridSolver.create(nx, ny, nz, h, k, faces);
        MultigridHierarchy hierarchy = MultigridSolver.create(nx, ny, nz, h, k, faces).hierarchy();
        java.setAbsorption(a);
        double[] javaU = new double[n];
        int javaIterations = java.solve(javaU, f, 1e-10, 60).iterations();

        DeviceContext context = DeviceContext.of(OpenClTestDevice.get());
        try (ClResources resources = new ClResources(context.context())) {
            cl_command_queue queue = resources.queue(OpenClTestDevice.get());
            MultigridKernels kernels = new MultigridKernels(resources, context, queue);
            MultigridWorkspace work = new MultigridWorkspace(resources, queue, nx, ny, nz, true);
            try (DeviceMultigrid device = new DeviceMultigrid(hierarchy, kernels, work, context, queue)) {
                MultigridHierarchy.Level fine = hierarchy.levels().get(0);
                double[] mass = new double[fine.paddedSize()];
                double[] rhs = new double[fine.paddedSize()];
                for (int kk = 0; kk < nz; kk++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            int v = i + nx * (j + ny * kk);
                            int p = fine.index(i, j, kk);
                            mass[p] = a[v] * h * h;
                            rhs[p] = f[v] * h * h + hierarchy.boundarySource()[p];
                        }
                    }
                }
                write(queue, work.mass(0), mass);
                write(queue, work.rhs, rhs);
                write(queue, work.solution, new double[fine.paddedSize()]);
                device.setAbsorptionField();
                assertTrue(device.hostLevel() >= 2, "levels on the device: " + device.hostLevel());
                for (int l = 0; l < device.hostLevel(); l++) {
                    double expected = java.smootherUpperBound(l);
                    assertEquals(expected, device.smootherUpperBound(l), 3 * 0x1p-24 * (expected - 1) + 1e-12 * expected,
                            "level " + l);
                }
                double[] stats = device.solve(work.solution, work.rhs, 1e-10, 60);
                assertTrue(Math.abs(stats[0] - javaIterations) <= 1,
                        stats[0] + " iterations on the device, " + javaIterations + " in Java");
                double[] u = new double[fine.paddedSize()];
                CL.clEnqueueReadBuffer(queue, work.solution, CL.CL_TRUE, 0, (long) u.length * Sizeof.cl_double,
                        Pointer.to(u), 0, null, null);
                double max = 0;
                for (double value : javaU) {
                    max = Math.max(max, Math.abs(value));
                }
                double worst = 0;
                for (int kk = 0; kk < nz; kk++) {
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            int v = i + nx * (j + ny * kk);
                            worst = Math.max(worst, Math.abs(u[fine.index(i, j, kk)] - javaU[v]));
                        }
                    }
                }
                assertTrue(worst <= 1e-8 * max, "worst difference " + worst + " of max " + max);
                System.out.printf("per-voxel a: %d PCG iterations in Java, %.0f on the device, worst difference %.2e"
                        + " of the maximum%n", javaIterations, stats[0], worst / max);
            }
        }
    }

    private static void write(cl_command_queue queue, cl_mem buffer, double[] values) {
        CL.clEnqueueWriteBuffer(queue, buffer, CL.CL_TRUE, 0, (long) values.length * Sizeof.cl_double,
                Pointer.to(values), 0, null, null);
    }
}
