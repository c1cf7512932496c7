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

    @Test
    void sharpContrastFastUptakeAndLumenAgreeWithTheJavaBackend() {
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
                .with(drug).with(slow).with(bound).build();
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
}
