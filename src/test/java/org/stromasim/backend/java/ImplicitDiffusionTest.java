package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * {@code run.diffusion.scheme: implicit} (TR-BDF2 by multigrid) against answers it did not compute:
 * a double-precision explicit reference written here (temporal order), the closed form of
 * first-order decay in a uniform field, and the conserved total of a closed box.
 */
class ImplicitDiffusionTest {

    static final DiffusionSpec IMPLICIT = new DiffusionSpec(DiffusionSpec.Scheme.IMPLICIT, DiffusionSpec.DEFAULT_MAX_STAGES);

    /**
     * Random stiffness spanning D0 to D0/1000 voxel by voxel (exponential law, 1 kPa scale), 12³ closed
     * box, smooth initial drug with first-order loss {@code decayPerS}.
     */
    static LargeStepProblems.Problem randomStiffness1000(long seed, double decayPerS) {
        int n = 12;
        double dx = 10;
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(700).decay(decayPerS);
        Scenario sc = scenario().grid(n, n, n, dx).with(drug).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(seed);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int v = i + n * (j + n * k);
                    t.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(1000));
                    t.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * i / n) * Math.cos(Math.PI * j / n));
                }
            }
        }
        return new LargeStepProblems.Problem("random-stiffness-1000", new ScenarioFixture.SpeciesFixture[] {drug},
                n, n, n, dx, t);
    }

    /**
     * Temporal order of the coupled scheme (TR-BDF2 + Strang-split exact reaction sub-steps) on
     * heterogeneous problems, after the initial transient: steps of 64, 32 and 16 explicit limits
     * against a double-precision explicit reference written in the test ({@link DoubleReference}, 0.005
     * limit per step; its own error ≈ 1e-6, below 1/50 of the smallest error measured here). Two layers
     * 1:10 with first-order loss and closed faces; 1:1000 random stiffness with loss; two layers with a
     * held inlet and no reaction. Claim: order ≥ 1.8 between each pair (measured 2.05–2.06).
     */
    @Test
    void secondOrderInTimeOnHeterogeneousProblemsWithReactions() {
        assertOrderAtLeast(LargeStepProblems.twoLayer(0.02, false), 0.02, 1.8);
        assertOrderAtLeast(randomStiffness1000(5, 0.05), 0.05, 1.8);
        assertOrderAtLeast(LargeStepProblems.twoLayer(0, true), 0, 1.8);
    }

    /**
     * A held face together with a reaction: splitting a reaction from a diffusion whose boundary holds a
     * value the reaction does not keep loses order near the face (Hundsdorfer &amp; Verwer 2003,
     * Numerical Solution of Time-Dependent Advection-Diffusion-Reaction Equations, §IV.1.4; remedied by
     * the boundary correction of Einkemmer &amp; Ostermann, SIAM J. Sci. Comput. 37, 2015, not built).
     * Measured 1.61, 1.65 (and 1.75 from 16 to 32 steps); claimed ≥ 1.55, so that a further loss shows.
     */
    @Test
    void heldFaceWithAReactionLosesOrderAsSplittingTheoryPredicts() {
        assertOrderAtLeast(LargeStepProblems.twoLayer(0.02, true), 0.02, 1.55);
    }

    private static void assertOrderAtLeast(LargeStepProblems.Problem raw, double decayPerS, double claimed) {
        LargeStepProblems.Problem p = raw.prepared(20);
        double endS = 256 * p.explicitLimitS();
        double[] reference = DoubleReference.run(p, decayPerS, endS, 51_200);
        int[] steps = {4, 8, 16};
        double[] err = new double[steps.length];
        for (int r = 0; r < steps.length; r++) {
            err[r] = DoubleReference.relativeL2(p.run(IMPLICIT, endS / steps[r], steps[r]).concentration(0), reference);
        }
        for (int r = 0; r + 1 < steps.length; r++) {
            double order = Math.log(err[r] / err[r + 1]) / Math.log(2);
            assertTrue(order >= claimed, p.name() + ": order " + order + " between " + steps[r] + " and "
                    + steps[r + 1] + " steps (errors " + err[0] + ", " + err[1] + ", " + err[2] + ")");
        }
    }

    /**
     * Uniform field C0 = 1 on 1:1000 random stiffness, closed faces, first-order decay k: diffusion must
     * leave a uniform field alone at any step and the reaction sub-steps are exact, so every voxel
     * must be within 1e-4 (relative) of e^(−kt) at k·dt = 0.1, 1, 10 and 100 (plus float's smallest
     * normal number, below which a float has no relative precision: e^(−100) is subnormal).
     */
    @Test
    void uniformDecayIsExactAtAnyStep() {
        double k = 0.05;
        for (double kdt : new double[] {0.1, 1, 10, 100}) {
            LargeStepProblems.Problem p = randomStiffness1000(9, k);
            Tissue initial = p.initial().copy();
            java.util.Arrays.fill(initial.concentration(0), 1f);
            LargeStepProblems.Problem uniform = new LargeStepProblems.Problem(p.name(), p.species(), p.nx(), p.ny(),
                    p.nz(), p.dxUm(), initial);
            double dt = kdt / k;
            int steps = kdt >= 100 ? 1 : kdt >= 10 ? 2 : 5;
            Tissue out = uniform.run(IMPLICIT, dt, steps);
            double exact = Math.exp(-k * dt * steps);
            for (float c : out.concentration(0)) {
                assertTrue(Math.abs(c - exact) <= 1e-4 * exact + Float.MIN_NORMAL,
                        "k·dt = " + kdt + ": " + c + " vs " + exact);
            }
        }
    }

    /**
     * A closed box (zero-flux faces; z periodic in the second run) with 1:1000 random stiffness and a
     * line of vessel voxels (D = 0), no reactions: the total must stay what it was, at steps of 10⁴
     * explicit limits, to float summation round-off (1e-6 relative).
     */
    @Test
    void conservesMassInAClosedBoxAtHugeSteps() {
        for (boolean periodicZ : new boolean[] {false, true}) {
            LargeStepProblems.Problem p = randomStiffness1000(13, 0);
            ScenarioFixture.SpeciesFixture drug = species("drug").d0(700);
            if (periodicZ) {
                drug.periodic(2);
            }
            Tissue initial = p.initial().copy();
            for (int k = 0; k < p.nz(); k++) {
                initial.cell()[5 + p.nx() * (5 + p.ny() * k)] = CellType.VESSEL.code();
            }
            LargeStepProblems.Problem q = new LargeStepProblems.Problem(p.name(),
                    new ScenarioFixture.SpeciesFixture[] {drug}, p.nx(), p.ny(), p.nz(), p.dxUm(), initial);
            double before = Runs.sum(initial.concentration(0));
            Tissue out = q.run(IMPLICIT, 1e4 * q.explicitLimitS(), 5);
            assertEquals(before, Runs.sum(out.concentration(0)), 1e-6 * before, "periodic z: " + periodicZ);
            // the vessel voxels (D = 0) keep their content exactly
            for (int k = 0; k < p.nz(); k++) {
                int v = 5 + p.nx() * (5 + p.ny() * k);
                assertEquals(initial.concentration(0)[v], out.concentration(0)[v], 0f);
            }
        }
    }

    /**
     * Cost per step does not grow with dt: as dt → ∞ a stage tends to the a = 0 problem, whose rate on
     * this voxel-wise 1:1000 field is ≈ 0.26 per cycle (MultigridSolverTest), so a 1e-8 solve needs at
     * most ≈ 14–17 cycles at any step. Claimed: ≤ 20 cycles per solve from 10 to 10⁷ explicit limits.
     */
    @Test
    void multigridCyclesPerSolveDoNotGrowWithTheStep() {
        LargeStepProblems.Problem p = randomStiffness1000(17, 0.05);
        for (double limits : new double[] {10, 1e3, 1e5, 1e7}) {
            Tissue state = p.initial().copy();
            TransportModel model = TransportModel.compile(p.scenarioWith(IMPLICIT), state);
            ImplicitDiffusion implicit = new ImplicitDiffusion(TransportFields.of(model));
            implicit.prepare();
            float[][] c = {state.concentration(0)};
            implicit.step(c, limits * p.explicitLimitS());
            assertTrue(implicit.meanCyclesPerSolve() <= 20, limits + " limits: " + implicit.meanCyclesPerSolve());
        }
    }
}
