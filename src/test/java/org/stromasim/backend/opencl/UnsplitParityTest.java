package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * {@code coupling: unsplit} on the OpenCL backend (kernels/multigrid.cl: the per-voxel a assembled in
 * double, restricted to every level, the device's multigrid-preconditioned CG) against the Java
 * backend's unsplit step, per voxel, on the hard regime: a 1:1000 stiffness contrast (a slab of D0/1000
 * across the middle and voxel-wise random stiffness), doxorubicin-like uptake in every cancer voxel at
 * dt = 30 s (λh up to ≈ 6.5, Michaelis–Menten at the step-start level), random viability, vessel
 * lumen (D = 0 holes of the solver) with a bolus crossing the walls, a held x_min face, periodic z
 * faces, saturating secretion, and a species that does not diffuse (no solve: its exact relaxation).
 * The grid (48×40×24) has two device levels above the host levels, so the device's restriction of the
 * masses, its Chebyshev bounds and the host levels' rebuilt LU all take part.
 *
 * <p><b>Tolerance</b>, per voxel: |OpenCL − Java| ≤ {@link #RELATIVE}·|Java| + {@link #FLOOR}·max|Java|.
 * Both backends read the float state into double, assemble a and f in double and solve to a residual
 * of 1e-8 of the right-hand side. Per step and voxel the differences are: the device's species constants
 * are floats (Vmax, Km, P, decay each rounded by ≤ 6e-8 relative, so λ by ≤ 1.2e-7), which moves
 * e^(−λh) by λh·1.2e-7 ≤ 8e-7 at λh = 6.5; the two solves stop at a residual of 1e-8 (error ≤ 10 × that
 * at the measured PCG rates, 1e-7); the float rounding of the stored result (6e-8). That is ≤ 1e-6 per
 * step, and the errors of earlier steps are damped, not amplified (a·e^(−λh)/(a + μ) ≤ 1): over
 * {@link #STEPS} steps ≤ 6e-6, RELATIVE = 6e-6. The floor: a solve's residual bound is a 2-norm over
 * the whole field, so a voxel far below the field's maximum carries an absolute error of order
 * 1e-8·max per solve (× 10, × 6 steps: 6e-7), FLOOR = 1e-6 × the maximum.
 */
@EnabledIfOpenClOrCi
class UnsplitParityTest {

    static final double RELATIVE = 6e-6;
    static final double FLOOR = 1e-6;
    static final int STEPS = 6;
    static final double DT_S = 30;

    /** Both coarsenings of run.multigrid.diffusion_coarsening (operator_dependent: the hierarchy rebuilt from each step's a). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(org.stromasim.solver.Coarsening.class)
    void sharpContrastFastUptakeAndLumenAgreeWithTheJavaBackend(org.stromasim.solver.Coarsening coarsening) {
        int nx = 48;
        int ny = 40;
        int nz = 24;
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT);
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 0.0, List.of(600.0), null);
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(117).stokesRadius(0.6).vessel(2.67, bolus)
                .uptake(CellType.CANCER, 0.0345, 0.16).fixed(Face.X_MIN, 0.5).periodic(2);
        ScenarioFixture.SpeciesFixture slow = species("antibody").d0(25).decay(0.01).periodic(2)
                .secretion(CellType.FIBROBLAST, 0.002, 0.5);
        ScenarioFixture.SpeciesFixture bound = species("bound").d0(0).decay(0.02).secretion(CellType.CANCER, 0.001, null);
        Scenario sc = scenario().grid(nx, ny, nz, 10.0).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(unsplit)
                .diffusionCoarsening(coarsening).with(drug).with(slow).with(bound).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(21);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    boolean slab = i >= 22 && i < 26;
                    // exponential law with a 1 kPa scale: ln(1000) kPa divides D0 by 1000
                    initial.stiffnessKpa()[v] = (float) (slab ? Math.log(1000) : random.nextDouble() * Math.log(30));
                    initial.cell()[v] = (i + j) % 7 == 0 ? CellType.FIBROBLAST.code() : CellType.CANCER.code();
                    initial.viability()[v] = (float) (0.5 + 0.5 * random.nextDouble());
                    initial.concentration(0)[v] = (float) (0.2 + 0.2 * Math.cos(Math.PI * i / nx));
                    initial.concentration(1)[v] = (float) (1 + Math.sin(2 * Math.PI * (k + 0.5) / nz));
                    initial.concentration(2)[v] = (float) (0.5 + 0.3 * Math.cos(Math.PI * j / ny));
                    if ((i == 10 || i == 37) && j % 20 == 9) {
                        initial.cell()[v] = CellType.VESSEL.code();
                    }
                }
            }
        }
        Tissue java = BothBackends.run(sc, initial, false, DT_S, STEPS);
        Tissue opencl = BothBackends.run(sc, initial, true, DT_S, STEPS);
        for (int s = 0; s < 3; s++) {
            ImplicitParityTest.assertClosePerVoxel("unsplit " + sc.species().get(s).name(), java.concentration(s),
                    opencl.concentration(s), RELATIVE, FLOOR);
        }
        ImplicitParityTest.assertClosePerVoxel("unsplit drug exposure", java.drugExposure(), opencl.drugExposure(),
                RELATIVE, FLOOR);
        // the run must have done something the tolerance can see in every species
        for (int s = 0; s < 3; s++) {
            double change = 0;
            for (int v = 0; v < initial.concentration(s).length; v++) {
                change = Math.max(change, Math.abs(java.concentration(s)[v] - initial.concentration(s)[v]));
            }
            assertTrue(change > 0.05, sc.species().get(s).name() + " barely changed: " + change);
        }
    }

    /**
     * The device runs the Java solver's cycle with the per-voxel a: on a voxel-wise random 1:1000 field
     * with fast uptake in a block of cancer cells (λ from 0 to ≈ 2/s beside each other, so a jumps by
     * up to 10⁵ between neighbours at the largest step), vessel tubes (holes), and two device levels
     * above the host ones, each step's solve takes as many PCG cycles as the Java backend's (±1 for a
     * residual that lands at the tolerance within rounding) from 0.1 s to 10⁵ s steps (measured: 2, 11,
     * 19.5 and 22.5 on both): the masses are restricted, the coarse LU rebuilt and the smoother's bounds
     * measured on every level as the Java solver does, or the preconditioner would lose its rate.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "dt = {0} s")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {0.1, 10, 1e3, 1e5})
    void cyclesPerSolveMatchTheJavaBackend(double dtS) {
        int nx = 48;
        int ny = 40;
        int nz = 24;
        DiffusionSpec unsplit = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.UNSPLIT);
        Scenario sc = scenario().grid(nx, ny, nz, 10.0).law(new DiffusivityLawSpec.Exponential(1.0)).diffusion(unsplit)
                .with(species("drug").d0(700).uptake(CellType.CANCER, 2.0, 1.0)).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(5);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    initial.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
                    initial.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * i / nx));
                    if (i >= 12 && i < 30 && j >= 8 && j < 30) {
                        initial.cell()[v] = CellType.CANCER.code();
                    }
                    if (i % 7 < 2 && j % 9 < 2) {
                        initial.cell()[v] = CellType.VESSEL.code();
                    }
                }
            }
        }
        double device;
        double java;
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(sc, state);
        try (OpenClBackend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
            backend.upload(state);
            backend.advance(0, dtS, 2);
            device = backend.implicitCyclesPerSolve();
        }
        state = initial.copy();
        model = TransportModel.compile(sc, state);
        try (org.stromasim.backend.java.JavaBackend backend = new org.stromasim.backend.java.JavaBackend(model, 2)) {
            backend.upload(state);
            backend.advance(0, dtS, 2);
            java = backend.multigridCyclesPerSolve();
        }
        assertTrue(Math.abs(device - java) <= 1, "dt " + dtS + " s: " + device + " cycles per solve on the device, "
                + java + " in Java");
        System.out.printf("unsplit dt = %s s: %.1f cycles per solve on the device, %.1f in Java%n", dtS, device, java);
    }
}
