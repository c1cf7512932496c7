package org.stromasim.solver;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.stromasim.bench.MachineInfo;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;
import org.stromasim.transport.TrBdf2;

/**
 * The Chebyshev–Jacobi smoother of the multigrid solver ({@link MultigridLevel#smooth}) on the fine
 * level alone, against the memory roofline: smoothing steps per process-CPU-second and per wall
 * second, and the bytes per cell update they imply. In this package (the benchmark jar puts it next
 * to the solver's package-private level class) so that it times the smoother and nothing else: no
 * restriction, no coarse levels, no CG.
 *
 * <p>The level is the implicit scheme's stage-1 operator of the default scenario resampled to n³ over
 * its 960 µm block (the drug's voxel diffusivity, vessel holes, a of a TR-BDF2 step of 60 s,
 * zero-flux faces), as {@code MultigridBenchmark field=default}. The passes run as the solver runs
 * them (planes shared among the common fork-join pool's threads); the rate is given per
 * process-CPU-second (all threads, what a loaded shared machine disturbs least) and per wall second.
 *
 * <pre>
 * java -Xmx8g -cp CP org.stromasim.solver.SmootherRoofline n=128 sweeps=20
 * </pre>
 * Bytes per smoothing step and cell, as the loops read and write float arrays (4 B), counting
 * write-allocate for an array only written: the residual pass reads u, rhs, mass, faceSum and the
 * three face arrays and writes r (7·4 + 2·4 = 36 B); the update pass reads r, invDiag, d and u and
 * writes d and u (4·4 + 2·4 = 24 B): {@value #BYTES_PER_STEP} B. Neighbour values (u at ±x, ±y, ±z; the faces at −x,
 * −y, −z) come from cache when three planes fit in it (128³: 3 × 133 KiB per array).
 */
public final class SmootherRoofline {

    /** Bytes moved per cell and smoothing step (see the class comment). */
    static final int BYTES_PER_STEP = 60;

    private SmootherRoofline() {
    }

    public static void main(String[] args) {
        int n = 128;
        int sweeps = 20;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "sweeps" -> sweeps = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a + "; allowed n=, sweeps=");
            }
        }
        Scenario scenario = ScenarioLoader.loadDefault(List.of("grid.nx=" + n, "grid.ny=" + n, "grid.nz=" + n,
                "grid.voxel_um=" + (960.0 / n)));
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        float[] k = TransportFields.of(model).diffusivityUm2PerS(0);
        double h = 960.0 / n;
        MultigridLevel level = new MultigridLevel(n, n, n, new boolean[3]);
        float[] boundary = new float[level.size];
        LevelBuilder.faces(level, HalfConductances.ofConductivity(k), new boolean[6], boundary);
        float mass = (float) (TrBdf2.stage1Absorption(60) * h * h);
        level.forInterior((p0, p1) -> java.util.Arrays.fill(level.mass, p0, p1, mass));
        level.refreshDiagonal(boundary);
        java.util.Random rnd = new java.util.Random(3);
        level.forInterior((p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                level.b[p] = rnd.nextFloat();
            }
        });
        int degree = MultigridSolver.SMOOTHING_DEGREE;
        double ratio = MultigridSolver.SMOOTHING_RATIO;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("# smoother: Chebyshev-Jacobi degree " + degree + ", fine level " + n + "^3, common pool "
                + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + " workers + caller; machine: "
                + MachineInfo.describe());
        double bestCpu = 0;
        double bestWall = 0;
        double cells = (double) n * n * n;
        for (int s = 0; s < sweeps; s++) {
            long c0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            level.smooth(level.x, level.b, degree, ratio);
            long w1 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            if (s >= 3) { // the first three compile the loops
                bestWall = Math.max(bestWall, cells * degree / ((w1 - w0) * 1e-9));
                bestCpu = Math.max(bestCpu, cells * degree / ((c1 - c0) * 1e-9));
            }
        }
        System.out.printf("smoothing steps: best %.1f M cell-updates per process-CPU-second (%.2f GB/s at %d B), "
                        + "best wall %.1f M/s (%.2f GB/s)%n", bestCpu * 1e-6, bestCpu * BYTES_PER_STEP * 1e-9,
                BYTES_PER_STEP, bestWall * 1e-6, bestWall * BYTES_PER_STEP * 1e-9);
    }
}
