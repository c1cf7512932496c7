package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The implicit scheme on the device against a closed form: on a grid periodic along x with uniform D,
 * u = 1 + A·cos(2πm(i + ½)/nx) is a sum of two eigenvectors of the discrete diffusion operator, with
 * eigenvalues 0 and λ = −(4D/h²)·sin²(πm/nx). One TR-BDF2 step multiplies the mode by R(λ·dt), and
 * Strang-split first-order decay k multiplies everything by e^(−k·dt) (it commutes with uniform
 * diffusion), so after n steps u = e^(−k·n·dt)·(1 + A·R^n·cos(…)) at every voxel.
 *
 * <p>R is derived here, not taken from the product: stage 1 is the trapezoidal rule over γ·dt
 * (γ = 2 − √2), stage 2 sets the derivative at t + dt of the quadratic through (t, uⁿ), (t + γdt, u*),
 * (t + dt, uⁿ⁺¹) — written with Lagrange derivative weights — equal to λ·uⁿ⁺¹.
 *
 * <p>Tolerance 2e-6 absolute on values of order 1: per step the stored float state rounds by ½ ulp
 * (6e-8), the two decay sub-steps by 2 ulps (1.2e-7), and the two stage solves stop at a residual of
 * 1e-8 of their right-hand sides (error ≤ 1e-7 each at the PCG rate): ≤ 4e-7 per step, 1.2e-6 over
 * three steps. The mode's remaining amplitude is asserted to be ≥ 100 × the tolerance, so a wrong
 * amplification factor (backward Euler's 1/(1 − z) is 0.2 at z = −4, TR-BDF2's −0.139) cannot pass.
 */
@EnabledIfOpenClOrCi
class ImplicitFourierModeTest {

    static final int NX = 32;
    static final int NY = 4;
    static final int NZ = 3;
    static final double DX_UM = 10;
    static final double AMPLITUDE = 0.5;
    static final int STEPS = 3;
    static final double TOLERANCE = 2e-6;

    /** TR-BDF2's amplification factor for y' = λy at z = λ·dt, from the stage definitions. */
    static double amplification(double z) {
        double gamma = 2 - Math.sqrt(2);
        double star = (1 + gamma * z / 2) / (1 - gamma * z / 2);
        // d/dt at node 1 of the quadratic through nodes 0, γ, 1 (in units of dt)
        double w0 = (1 - gamma) / gamma;                 // ℓ0'(1) = (1 − γ)/((0 − γ)(0 − 1))
        double wStar = 1 / (gamma * (gamma - 1));        // ℓγ'(1) = (1 − 0)/((γ − 0)(γ − 1))
        double w1 = 1 + 1 / (1 - gamma);                 // ℓ1'(1) = 1/(1 − 0) + 1/(1 − γ)
        return -(w0 + wStar * star) / (w1 - z);
    }

    /** Each backend with each coarsening of run.multigrid.diffusion_coarsening (the mode is the same closed form). */
    @ParameterizedTest(name = "mode {0}, λ·dt = {1}, decay k·dt = {2}, {3}, {4}")
    @CsvSource({"1, -0.5, 0.0, opencl, GEOMETRIC", "3, -4, 0.2, opencl, GEOMETRIC", "5, -10, 0.5, opencl, GEOMETRIC",
        "2, -40, 0.1, opencl, GEOMETRIC", "3, -4, 0.2, java, GEOMETRIC",
        "3, -4, 0.2, java, OPERATOR_DEPENDENT", "2, -40, 0.1, java, OPERATOR_DEPENDENT",
        "3, -4, 0.2, opencl, OPERATOR_DEPENDENT", "5, -10, 0.5, opencl, OPERATOR_DEPENDENT"})
    void aCosineModeDecaysByTheTrBdf2Factor(int mode, double lambdaDt, double decayDt, String backend,
                                            org.stromasim.solver.Coarsening coarsening) {
        ScenarioFixture.SpeciesFixture lactate = species("lactate").d0(700).periodic(0);
        Scenario probe = scenario().grid(NX, NY, NZ, DX_UM).with(lactate).build();
        double d = TransportFields.of(TransportModel.compile(probe, ScenarioFixture.emptyTissue(probe))).diffusivityUm2PerS(0)[0];
        double lambda = -4 * d / (DX_UM * DX_UM) * Math.pow(Math.sin(Math.PI * mode / NX), 2);
        double dt = lambdaDt / lambda;
        double k = decayDt / dt;
        lactate.decay(k);
        Scenario sc = scenario().grid(NX, NY, NZ, DX_UM).with(lactate)
                .diffusion(new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES))
                .diffusionCoarsening(coarsening).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        for (int v = 0; v < initial.concentration(0).length; v++) {
            int i = v % NX;
            initial.concentration(0)[v] = (float) (1 + AMPLITUDE * Math.cos(2 * Math.PI * mode * (i + 0.5) / NX));
        }
        Tissue end = BothBackends.run(sc, initial, backend.equals("opencl"), dt, STEPS);
        double remaining = AMPLITUDE * Math.pow(amplification(lambdaDt), STEPS);
        double decay = Math.exp(-k * STEPS * dt);
        assertTrue(Math.abs(remaining * decay) >= 100 * TOLERANCE, "mode too small to test: " + remaining * decay);
        float[] c = end.concentration(0);
        for (int v = 0; v < c.length; v++) {
            int i = v % NX;
            double exact = decay * (1 + remaining * Math.cos(2 * Math.PI * mode * (i + 0.5) / NX));
            if (!(Math.abs(c[v] - exact) <= TOLERANCE)) {
                fail(backend + ": voxel " + v + " (i = " + i + ") is " + c[v] + ", the closed form gives " + exact
                        + " (R = " + amplification(lambdaDt) + ")");
            }
        }
    }
}
