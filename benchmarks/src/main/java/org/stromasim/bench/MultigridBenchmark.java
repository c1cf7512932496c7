package org.stromasim.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stromasim.grid.Face;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.solver.FaceCondition;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.TrBdf2;

/**
 * The multigrid solver on an n³ grid: cycles and residual reduction per solve, work units per solve
 * (7-point operator passes on all levels over the fine level's cells) and the fine level's operator
 * cell updates per second, to set against the STREAM triad of the same sitting. Not JMH: a solve at
 * 256³ takes tens of seconds; each case is solved {@code repeats} times after one warm-up solve.
 *
 * <pre>
 * java -Xmx8g -cp CP org.stromasim.bench.MultigridBenchmark n=64 field=default repeats=3
 * </pre>
 * field: {@code default} (the default scenario resampled to n³ over its 960 µm block: the drug's
 * voxel diffusivity with vessel holes, a = 1/c1 of a TR-BDF2 step of 60 s, zero-flux faces: the
 * implicit scheme's stage-1 solve), {@code smooth} (a smooth random 1:1000 field, a = 0, held x faces:
 * the hardest well-posed case), {@code poisson} (K = 1, a = 0, held x faces).
 */
public final class MultigridBenchmark {

    private MultigridBenchmark() {
    }

    public static void main(String[] args) {
        int n = 64;
        String field = "default";
        int repeats = 3;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "field" -> field = kv[1];
                case "repeats" -> repeats = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; allowed n=, field=, repeats=");
            }
        }
        int cells = n * n * n;
        float[] k;
        double[] absorption = new double[cells];
        double h;
        Map<Face, FaceCondition> faces = new EnumMap<>(Face.class);
        if (field.equals("default")) {
            Scenario scenario = ScenarioLoader.loadDefault(List.of("grid.nx=" + n, "grid.ny=" + n, "grid.nz=" + n,
                    "grid.voxel_um=" + (960.0 / n)));
            Tissue tissue = TissueBuilder.build(scenario);
            TransportModel model = TransportModel.compile(scenario, tissue);
            k = TransportFields.of(model).diffusivityUm2PerS(0);
            h = 960.0 / n;
            java.util.Arrays.fill(absorption, TrBdf2.stage1Absorption(60));
        } else {
            h = 1.0 / n;
            faces.put(Face.X_MIN, FaceCondition.fixed(1));
            faces.put(Face.X_MAX, FaceCondition.fixed(0));
            k = field.equals("smooth") ? smoothContrast1000(n, 7) : filled(cells);
        }
        long setupStart = System.nanoTime();
        MultigridSolver solver = MultigridSolver.create(n, n, n, h, k, faces);
        solver.setAbsorption(absorption);
        double setupS = (System.nanoTime() - setupStart) * 1e-9;
        double[] f = new double[cells];
        Random rnd = new Random(3);
        for (int v = 0; v < cells; v++) {
            f[v] = rnd.nextDouble();
        }
        double[] u = new double[cells];
        solver.solve(u, f, 1e-8, 60); // warm-up
        double wall = 0;
        double work = 0;
        long fineUpdates = 0;
        int iterations = 0;
        double reduction = 0;
        for (int r = 0; r < repeats; r++) {
            java.util.Arrays.fill(u, 0);
            double w0 = solver.workUnits();
            long f0 = solver.fineOperatorCellUpdates();
            long start = System.nanoTime();
            MultigridSolver.SolveStats stats = solver.solve(u, f, 1e-8, 60);
            wall += (System.nanoTime() - start) * 1e-9;
            work += solver.workUnits() - w0;
            fineUpdates += solver.fineOperatorCellUpdates() - f0;
            iterations += stats.iterations();
            reduction += stats.meanReduction();
        }
        System.out.printf("multigrid n=%d field=%s levels=%d setup %.3f s | per solve to 1e-8: %.1f cycles, "
                        + "reduction/cycle %.3f, %.1f work units, %.3f s wall | fine-level operator %.1f M cell-updates/s "
                        + "(%.1f WU/s)%n",
                n, field, solver.levelCount(), setupS, (double) iterations / repeats, reduction / repeats,
                work / repeats, wall / repeats, fineUpdates / wall * 1e-6, work / wall);
        // the implicit scheme reassembles its one shared solver for each species: that cost, warm
        double reassembleS = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            solver.reassemble(k, faces);
            solver.setAbsorption(absorption);
            reassembleS += (System.nanoTime() - start) * 1e-9;
        }
        System.out.printf("multigrid n=%d field=%s reassemble + absorption: %.3f s = %.2f solves%n", n, field,
                reassembleS / repeats, reassembleS / wall);
    }

    private static float[] filled(int cells) {
        float[] k = new float[cells];
        java.util.Arrays.fill(k, 1f);
        return k;
    }

    /** Box-filtered Gaussian noise (width 5, periodic) mapped in log10 onto [0, 3]: a smooth 1:1000 field. */
    private static float[] smoothContrast1000(int n, long seed) {
        int cells = n * n * n;
        double[] g = new double[cells];
        Random rnd = new Random(seed);
        for (int v = 0; v < cells; v++) {
            g[v] = rnd.nextGaussian();
        }
        for (int axis = 0; axis < 3; axis++) {
            double[] out = new double[cells];
            int stride = axis == 0 ? 1 : axis == 1 ? n : n * n;
            for (int v = 0; v < cells; v++) {
                int pos = (v / stride) % n;
                double s = 0;
                for (int d = -2; d <= 2; d++) {
                    int moved = Math.floorMod(pos + d, n);
                    s += g[v + (moved - pos) * stride];
                }
                out[v] = s;
            }
            g = out;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : g) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        float[] k = new float[cells];
        for (int v = 0; v < cells; v++) {
            k[v] = (float) Math.pow(1000, (g[v] - min) / (max - min));
        }
        return k;
    }
}
