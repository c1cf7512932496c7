package org.stromasim.solver;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.stromasim.grid.Face;

/**
 * Measures both coarsenings side by side (a documented command, not a test): PCG residual reduction
 * per cycle to 10⁻⁸, cycles, work units per cycle, setup and solve wall time, and the solver's heap
 * growth per voxel (stationary=true: the bare cycle as the iteration instead of PCG), on the fields of {@code MultigridSolverTest} (held x faces, a = 0 in the tissue,
 * a = 1 in holes).
 *
 * <pre>
 * mvn -q -o test-compile
 * java -Xmx6g -cp target/classes:target/test-classes org.stromasim.solver.CoarseningComparison \
 *     sizes=32,64,96,128 fields=voxelwise,smooth,vessels seeds=11
 * </pre>
 */
public final class CoarseningComparison {

    private CoarseningComparison() {
    }

    public static void main(String[] args) {
        int[] sizes = {32, 64};
        String[] fields = {"voxelwise", "smooth", "vessels"};
        long[] seeds = {11};
        String[] coarsenings = {"GEOMETRIC", "OPERATOR_DEPENDENT"};
        boolean stationary = false;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "sizes" -> sizes = java.util.Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "fields" -> fields = kv[1].split(",");
                case "seeds" -> seeds = java.util.Arrays.stream(kv[1].split(",")).mapToLong(Long::parseLong).toArray();
                case "coarsenings" -> coarsenings = kv[1].split(",");
                case "stationary" -> stationary = Boolean.parseBoolean(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + "; allowed sizes=, fields=, seeds=, coarsenings=, stationary=");
            }
        }
        System.out.println("field n seed coarsening levels cycles reduction workUnitsPerCycle setupS solveS bytesPerVoxel");
        for (int n : sizes) {
            for (String field : fields) {
                for (long seed : seeds) {
                    for (String c : coarsenings) {
                        run(field, n, seed, Coarsening.valueOf(c), stationary);
                    }
                }
            }
        }
    }

    private static void run(String field, int n, long seed, Coarsening coarsening, boolean stationary) {
        float[] k = switch (field) {
            case "voxelwise" -> TestFields.voxelwiseContrast1000(n, seed);
            case "smooth" -> TestFields.smoothContrast1000(n, seed, 2);
            case "vessels" -> TestFields.vesselNetwork(n, seed);
            default -> throw new IllegalArgumentException("field " + field + "; allowed voxelwise, smooth, vessels");
        };
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        faces.put(Face.X_MIN, FaceCondition.fixed(1));
        faces.put(Face.X_MAX, FaceCondition.fixed(0));
        double[] a = new double[k.length];
        for (int v = 0; v < a.length; v++) {
            a[v] = k[v] == 0 ? 1.0 : 0.0;
        }
        double[] f = new double[k.length];
        Random rnd = new Random(3);
        for (int v = 0; v < f.length; v++) {
            f[v] = rnd.nextDouble() - 0.5;
        }
        System.gc();
        long before = usedHeap();
        long t0 = System.nanoTime();
        MultigridSolver solver = MultigridSolver.create(n, n, n, 1.0, k, faces, coarsening);
        solver.setAbsorption(a);
        double setupS = (System.nanoTime() - t0) * 1e-9;
        System.gc();
        double bytesPerVoxel = (double) (usedHeap() - before) / k.length;
        double[] u = new double[k.length];
        double work0 = solver.workUnits();
        long t1 = System.nanoTime();
        MultigridSolver.SolveStats stats = stationary ? solver.solveWithVCycles(u, f, 1e-8, 80) : solver.solve(u, f, 1e-8, 80);
        double solveS = (System.nanoTime() - t1) * 1e-9;
        double workPerCycle = (solver.workUnits() - work0) / Math.max(1, stats.iterations());
        System.out.printf("%s %d %d %s %d %d %.3f %.1f %.2f %.2f %.0f%n", field, n, seed, coarsening,
                solver.levelCount(), stats.iterations(), stats.meanReduction(), workPerCycle, setupS, solveS,
                bytesPerVoxel);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
