package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.solver.MultigridSolver;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.SolverFaces;
import org.stromasim.transport.TrBdf2;
import org.stromasim.transport.TransportModel;

/**
 * {@code scheme: implicit} on the OpenCL backend (kernels/multigrid.cl: TR-BDF2 with the device's
 * multigrid-preconditioned CG) against the Java backend's implicit scheme, on the hard regime: a
 * 1:1000 stiffness contrast (a slab of D0/1000 across the middle plus voxel-wise random stiffness),
 * the doxorubicin preset's fast uptake (Vmax/Km ≈ 0.22 /s) in every cancer voxel at dt = 30 s
 * (k·dt ≈ 6.5), vessel voxels (D = 0 holes) with a bolus, a held x_min face and periodic z faces, on
 * an odd-sized grid (coarse levels with a last block one cell thick).
 *
 * <p><b>Tolerance</b>, per voxel: |OpenCL − Java| ≤ {@link #RELATIVE}·|Java| + {@link #FLOOR}·max|Java|.
 * Both backends read the float state into double, solve each TR-BDF2 stage to a residual of 1e-8 of
 * its right-hand side, round to float and run the same float reaction sub-steps. Per step and voxel
 * the differences are: the float rounding of the stored result (½ ulp, 6e-8 relative) and of up to
 * four float reaction operations composed differently by the two (the Java backend composes the
 * closing and opening affine maps; ≤ 4 ulps, 2.4e-7), plus the two stage solves stopping at a
 * residual of 1e-8 (their error ≈ 1e-8 × the preconditioned system's error-to-residual ratio, ≤ 10
 * at the measured PCG rate ≤ 0.3 per cycle: ≤ 1e-7 each). That is ≤ 5e-7 per step: RELATIVE = 3e-6 over
 * the {@link #STEPS} steps (measured: ≤ 3e-7). The floor: a stage's residual bound is a
 * 2-norm over the whole field, so a voxel far below the field's maximum carries an absolute solve
 * error of order 1e-8·max per stage rather than one relative to itself (2 × 6 stages × 1e-8 ≈ 1e-7;
 * FLOOR = 1e-6 × the maximum, with the same factor of ~10 as above).
 */
@EnabledIfOpenClOrCi
class ImplicitParityTest {

    static final double RELATIVE = 3e-6;
    static final double FLOOR = 1e-6;
    static final int STEPS = 6;
    static final double DT_S = 30;
    static final DiffusionSpec IMPLICIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES);

    /**
     * Both coarsenings of run.multigrid.diffusion_coarsening; with operator_dependent both backends run the
     * Galerkin hierarchy (the device its cycle from the Java solver's levels, rebuilt per stage), whose
     * solves reach the same residual bound, so the same tolerance holds.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(org.stromasim.solver.Coarsening.class)
    void sharpContrastAndFastUptakeAgreeWithTheJavaBackend(org.stromasim.solver.Coarsening coarsening) {
        int nx = 27;
        int ny = 18;
        int nz = 10;
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 0.0, List.of(600.0), null);
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(117).stokesRadius(0.6).vessel(2.67, bolus)
                .uptake(CellType.CANCER, 0.0345, 0.16).fixed(Face.X_MIN, 0.5).periodic(2);
        ScenarioFixture.SpeciesFixture slow = species("antibody").d0(25).decay(0.01).periodic(2);
        Scenario sc = scenario().grid(nx, ny, nz, 10.0).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(IMPLICIT)
                .diffusionCoarsening(coarsening).with(drug).with(slow).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(12);
        java.util.Arrays.fill(initial.cell(), CellType.CANCER.code());
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    boolean slab = i >= 12 && i < 15;
                    // exponential law with a 1 kPa scale: ln(1000) kPa divides D0 by 1000
                    initial.stiffnessKpa()[v] = (float) (slab ? Math.log(1000) : random.nextDouble() * Math.log(30));
                    initial.concentration(0)[v] = (float) (0.2 + 0.2 * Math.cos(Math.PI * i / nx));
                    initial.concentration(1)[v] = (float) (1 + Math.sin(2 * Math.PI * (k + 0.5) / nz));
                    if ((i == 6 || i == 20) && j == 9) {
                        initial.cell()[v] = CellType.VESSEL.code();
                    }
                }
            }
        }
        Tissue java = BothBackends.run(sc, initial, false, DT_S, STEPS);
        Tissue opencl = BothBackends.run(sc, initial, true, DT_S, STEPS);
        for (int s = 0; s < 2; s++) {
            assertClosePerVoxel(sc.species().get(s).name(), java.concentration(s), opencl.concentration(s));
        }
        assertClosePerVoxel("drug exposure", java.drugExposure(), opencl.drugExposure());
        // the run must have done something the tolerance can see: uptake took most of the drug away from the vessels
        double change = 0;
        for (int v = 0; v < initial.concentration(0).length; v++) {
            change = Math.max(change, Math.abs(java.concentration(0)[v] - initial.concentration(0)[v]));
        }
        assertTrue(change > 0.05, "the drug field barely changed: " + change);
    }

    /**
     * The device runs the Java solver's cycle: on a voxel-wise random 1:1000 field (the roughest the
     * solver sees; PCG rate ≈ 0.26 per cycle), with and without vessel tubes (D = 0), the two stage solves of a step take as many cycles as the
     * Java {@link MultigridSolver} does on the same stages (±1 each for residuals that land at the
     * tolerance within rounding), and at most 20 from 10 to 10⁷ explicit limits per step: the cost of a
     * step does not grow with dt (the claim ImplicitDiffusionTest makes for the Java backend).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "vessel tubes (D = 0 holes): {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void cyclesPerSolveMatchTheJavaSolverAndDoNotGrowWithTheStep(boolean tubes) {
        int n = 20;
        Scenario sc = scenario().grid(n, n, n, 10.0).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(IMPLICIT)
                .with(species("lactate").d0(700)).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(3);
        for (int v = 0; v < n * n * n; v++) {
            initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
            initial.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * (v % n) / n));
            // tubes along z, two voxels wide, every 5 voxels: holes the transfers must leave out
            if (tubes && (v % n) % 5 < 2 && (v / n % n) % 5 < 2) {
                initial.cell()[v] = CellType.VESSEL.code();
            }
        }
        for (double dtS : new double[] {0.1, 10, 1e3, 1e5}) {
            Tissue state = initial.copy();
            TransportModel model = TransportModel.compile(sc, state);
            double device;
            try (OpenClBackend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
                backend.upload(state);
                backend.advance(0, dtS, 1);
                device = backend.implicitCyclesPerSolve();
            }
            double java = javaCyclesPerSolve(model, initial.concentration(0), dtS);
            double limits = dtS / TransportFields.of(model).stabilityLimit().dtMaxS();
            assertTrue(device <= 20, limits + " explicit limits: " + device + " cycles per solve");
            assertTrue(Math.abs(device - java) <= 1, limits + " explicit limits: " + device + " cycles per solve on the"
                    + " device, " + java + " in Java");
        }
    }

    /**
     * run.multigrid.diffusion_coarsening reaches the solver on both backends: on a voxel-wise random 1:1000
     * field, operator_dependent takes fewer cycles per solve than geometric (its rate ≤ 0.1 against ≈ 0.26 per
     * cycle), the device as many as the Java backend (±1) for each coarsening, and the device builds one
     * operator-dependent hierarchy per stage solve (two per step and species), none when geometric. The Java
     * backend's states after the two coarsenings agree within this class's tolerance: both solve every stage to
     * the same residual, so the argument above holds with "the other coarsening" for "the other backend".
     */
    @Test
    void theCoarseningKeyReachesBothBackends() {
        int n = 20;
        double dtS = 1e3;
        int steps = 2;
        double[][] cycles = new double[2][2];
        float[][] javaStates = new float[2][];
        for (org.stromasim.solver.Coarsening c : org.stromasim.solver.Coarsening.values()) {
            Scenario sc = scenario().grid(n, n, n, 10.0).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(IMPLICIT)
                    .diffusionCoarsening(c).with(species("lactate").d0(700)).build();
            Tissue initial = ScenarioFixture.emptyTissue(sc);
            Random random = new Random(3);
            for (int v = 0; v < n * n * n; v++) {
                initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
                initial.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * (v % n) / n));
            }
            TransportModel model = TransportModel.compile(sc, initial.copy());
            try (OpenClBackend device = new OpenClBackend(model, OpenClTestDevice.get());
                 org.stromasim.backend.java.JavaBackend java = new org.stromasim.backend.java.JavaBackend(model, 2)) {
                device.upload(initial.copy());
                device.advance(0, dtS, steps);
                Tissue javaState = initial.copy();
                java.upload(javaState);
                java.advance(0, dtS, steps);
                java.download(javaState);
                javaStates[c.ordinal()] = javaState.concentration(0);
                cycles[c.ordinal()] = new double[] {java.multigridCyclesPerSolve(), device.implicitCyclesPerSolve()};
                double rebuilds = device.implicitOperatorDependentRebuilds()[0];
                assertTrue(rebuilds == (c == org.stromasim.solver.Coarsening.OPERATOR_DEPENDENT ? 2 * steps : 0),
                        c + ": " + rebuilds + " hierarchies built on the device");
            }
            System.out.printf("%s: cycles per solve Java %.1f, OpenCL %.1f%n", c, cycles[c.ordinal()][0],
                    cycles[c.ordinal()][1]);
            assertTrue(Math.abs(cycles[c.ordinal()][0] - cycles[c.ordinal()][1]) <= 1, c + ": " + cycles[c.ordinal()][0]
                    + " cycles per solve in Java, " + cycles[c.ordinal()][1] + " on the device");
        }
        assertClosePerVoxel("Java, operator-dependent against geometric", javaStates[0], javaStates[1]);
        for (int backend = 0; backend < 2; backend++) {
            assertTrue(cycles[1][backend] < cycles[0][backend], (backend == 0 ? "Java" : "OpenCL")
                    + ": operator-dependent " + cycles[1][backend] + " cycles per solve, geometric " + cycles[0][backend]);
        }
    }

    /** The two TR-BDF2 stage solves of one step by the Java solver, as the Java backend sets them up. */
    private static double javaCyclesPerSolve(TransportModel model, float[] c, double dtS) {
        var g = model.grid();
        MultigridSolver solver = MultigridSolver.create(g.nx(), g.ny(), g.nz(), g.voxelUm(), TransportFields.of(model).diffusivityUm2PerS(0),
                SolverFaces.of(model.boundaries(0)));
        int cells = c.length;
        double[] start = new double[cells];
        double[] star = new double[cells];
        double[] rhs = new double[cells];
        double[] div = new double[cells];
        for (int v = 0; v < cells; v++) {
            start[v] = c[v];
            star[v] = c[v];
        }
        double a1 = TrBdf2.stage1Absorption(dtS);
        solver.divergenceOfFlux(start, div);
        for (int v = 0; v < cells; v++) {
            rhs[v] = a1 * start[v] + div[v];
        }
        solver.setUniformAbsorption(a1);
        int first = solver.solve(star, rhs, 1e-8, 60).iterations();
        double a2 = TrBdf2.stage2Absorption(dtS);
        double[] end = star.clone();
        for (int v = 0; v < cells; v++) {
            rhs[v] = a2 * (TrBdf2.STAR_WEIGHT * star[v] - TrBdf2.START_WEIGHT * start[v]);
        }
        solver.setUniformAbsorption(a2);
        int second = solver.solve(end, rhs, 1e-8, 60).iterations();
        return (first + second) / 2.0;
    }

    static void assertClosePerVoxel(String what, float[] expected, float[] actual) {
        assertClosePerVoxel(what, expected, actual, RELATIVE, FLOOR);
    }

    /** |actual − expected| ≤ relative·|expected| + floor·max|expected| in every voxel. */
    static void assertClosePerVoxel(String what, float[] expected, float[] actual, double relative, double floor) {
        double max = 0;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        double worstExcess = 0;
        int worst = -1;
        double worstRelative = 0;
        for (int v = 0; v < expected.length; v++) {
            double diff = Math.abs((double) actual[v] - expected[v]);
            double allowed = relative * Math.abs(expected[v]) + floor * max;
            if (!(diff <= allowed) && (worst < 0 || diff / allowed > worstExcess)) {
                worst = v;
                worstExcess = diff / allowed;
            }
            if (Math.abs(expected[v]) > floor * max / relative) {
                worstRelative = Math.max(worstRelative, diff / Math.abs(expected[v]));
            }
        }
        if (worst >= 0) {
            fail(what + ": voxel " + worst + " Java " + expected[worst] + ", OpenCL " + actual[worst] + " (" + worstExcess
                    + " × the allowed " + relative + " relative + " + floor + " × max " + max + ")");
        }
        System.out.println("parity " + what + ": worst relative difference above the floor " + worstRelative);
    }
}
