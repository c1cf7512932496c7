package org.stromasim.backend.opencl;

import java.util.EnumMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_mem;
import org.stromasim.grid.Face;
import org.stromasim.solver.Coarsening;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridHierarchy;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.solver.OperatorDependentLevels;

/**
 * The operator-dependent solve on the OpenCL device against the Java solver's, side by side (a
 * documented command, not a test): per field and size the cycles to 10⁻⁸, the mean reduction per cycle,
 * work units per cycle, the wall time and the process CPU time (JVM and OpenCL runtime threads) of each
 * solve, alternating Java and device {@code repeats} times; the device's set-up (the upload of the Java
 * solver's hierarchy) separately. Fields as CoarseningComparison's (held x faces, a = 0 in the tissue, 1 in K = 0 holes, random right-hand side).
 *
 * <pre>
 * mvn -q -o test-compile
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java -Xmx6g --add-modules jdk.incubator.vector \
 *     -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     org.stromasim.backend.opencl.OperatorDependentDeviceBenchmark sizes=64,128 fields=voxelwise,vessels repeats=2
 * </pre>
 */
public final class OperatorDependentDeviceBenchmark {

    private OperatorDependentDeviceBenchmark() {
    }

    /** CPU time of the whole process (the JVM's threads and the OpenCL runtime's), in ns. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int[] sizes = {64};
        String[] fields = {"voxelwise", "vessels"};
        long seed = 11;
        int repeats = 2;
        int hostCells = MultigridHierarchy.HOST_CELLS;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "sizes" -> sizes = java.util.Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "fields" -> fields = kv[1].split(",");
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "repeats" -> repeats = Integer.parseInt(kv[1]);
                case "hostCells" -> hostCells = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + "; allowed sizes=, fields=, seed=, repeats=, hostCells=");
            }
        }
        OpenClDevice openCl = OpenClTestDevice.get();
        System.out.println("device: " + openCl);
        System.out.println("field n run side cycles reduction workUnitsPerCycle solveS cpuS setupS");
        DeviceContext context = DeviceContext.of(openCl);
        for (int n : sizes) {
            for (String field : fields) {
                run(context, openCl, field, n, seed, repeats, hostCells);
            }
        }
    }

    private static void run(DeviceContext context, OpenClDevice openCl, String field, int n, long seed, int repeats,
                            int hostCells) {
        int cells = n * n * n;
        float[] k = switch (field) {
            case "voxelwise" -> DeviceOperatorDependentParityTest.voxelwise(cells, seed);
            case "vessels" -> DeviceOperatorDependentParityTest.vessels(n, n, n, seed);
            default -> throw new IllegalArgumentException("field " + field + "; allowed voxelwise, vessels");
        };
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(1));
        faces.put(Face.X_MAX, FaceCondition.fixed(0));
        double[][] af = DeviceOperatorDependentParityTest.absorptionAndSource(k);
        double[] a = af[0];
        double[] f = af[1];
        long t0 = System.nanoTime();
        MultigridSolver java = MultigridSolver.create(n, n, n, 1.0, k, faces, Coarsening.OPERATOR_DEPENDENT);
        java.setAbsorption(a);
        double javaSetup = (System.nanoTime() - t0) * 1e-9;
        try (ClResources resources = new ClResources(context.context())) {
            cl_command_queue queue = resources.queue(openCl);
            MultigridKernels kernels = new MultigridKernels(resources, context, queue);
            GalerkinKernels galerkin = new GalerkinKernels(resources, context, queue);
            long t1 = System.nanoTime();
            OperatorDependentLevels levels = java.operatorDependentLevels();
            try (DeviceOperatorDependentMultigrid device = new DeviceOperatorDependentMultigrid(levels, hostCells, kernels,
                    galerkin, context, queue)) {
                CL.clFinish(queue);
                double deviceSetup = (System.nanoTime() - t1) * 1e-9;
                System.out.printf("%s %d: device solver %.1f bytes per voxel, %d Galerkin levels on the device%n", field, n,
                        (double) device.deviceBytes() / cells, device.hostLevel());
                MultigridHierarchy.Level fine = levels.fine();
                double[] rhs = new double[fine.paddedSize()];
                for (int kk = 0; kk < n; kk++) {
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < n; i++) {
                            int p = fine.index(i, j, kk);
                            rhs[p] = f[i + n * (j + n * kk)] + levels.boundarySource()[p];
                        }
                    }
                }
                long bytes = (long) rhs.length * Sizeof.cl_double;
                cl_mem rhsBuffer = resources.buffer(CL.CL_MEM_READ_WRITE, bytes);
                cl_mem uBuffer = resources.buffer(CL.CL_MEM_READ_WRITE, bytes);
                CL.clEnqueueWriteBuffer(queue, rhsBuffer, CL.CL_TRUE, 0, bytes, Pointer.to(rhs), 0, null, null);
                double[] zero = new double[rhs.length];
                for (int run = 0; run < repeats; run++) {
                    double[] u = new double[cells];
                    double work0 = java.workUnits();
                    long c0 = processCpuNanos();
                    long s0 = System.nanoTime();
                    MultigridSolver.SolveStats stats = java.solve(u, f, 1e-8, 80);
                    double javaS = (System.nanoTime() - s0) * 1e-9;
                    double javaCpu = (processCpuNanos() - c0) * 1e-9;
                    System.out.printf("%s %d %d java %d %.3f %.1f %.2f %.2f %.2f%n", field, n, run, stats.iterations(),
                            stats.meanReduction(), (java.workUnits() - work0) / stats.iterations(), javaS, javaCpu,
                            javaSetup);
                    CL.clEnqueueWriteBuffer(queue, uBuffer, CL.CL_TRUE, 0, bytes, Pointer.to(zero), 0, null, null);
                    long c1 = processCpuNanos();
                    long s1 = System.nanoTime();
                    double[] d = device.solve(uBuffer, rhsBuffer, 1e-8, 80);
                    CL.clFinish(queue);
                    double deviceS = (System.nanoTime() - s1) * 1e-9;
                    double deviceCpu = (processCpuNanos() - c1) * 1e-9;
                    double reduction = Math.pow(d[2] / device.residualHistory().get(0), 1.0 / d[0]);
                    System.out.printf("%s %d %d opencl %.0f %.3f %.1f %.2f %.2f %.2f%n", field, n, run, d[0], reduction,
                            device.workUnits() / d[0], deviceS, deviceCpu, deviceSetup);
                }
            }
        }
    }
}
