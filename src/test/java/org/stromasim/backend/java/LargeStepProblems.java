package org.stromasim.backend.java;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Heterogeneous test problems for the large-step diffusion schemes (exponential law with a 1 kPa
 * scale, so a stiffness of ln(r) kPa divides D0 by r).
 */
public final class LargeStepProblems {

    /** RKL2 (plain Strang coupling, the only one it has) with a stage cap that never binds here. */
    public static final DiffusionSpec RKL2 = new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 5000,
            DiffusionSpec.Coupling.PLAIN);

    private LargeStepProblems() {
    }

    /** A problem: scenario builder inputs plus the initial tissue (stiffness and concentrations). */
    public record Problem(String name, ScenarioFixture.SpeciesFixture[] species, int nx, int ny, int nz, double dxUm,
                   Tissue initial) {

        public Scenario scenarioWith(DiffusionSpec scheme) {
            ScenarioFixture f = scenario().grid(nx, ny, nz, dxUm).law(new DiffusivityLawSpec.Exponential(1.0))
                    .diffusion(scheme);
            for (ScenarioFixture.SpeciesFixture s : species) {
                f.with(s);
            }
            return f.build();
        }

        /** The explicit stability limit of the compiled problem, s. */
        public double explicitLimitS() {
            Scenario sc = scenarioWith(DiffusionSpec.EXPLICIT);
            return TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        }

        Tissue run(DiffusionSpec scheme, double dtS, int steps) {
            return Runs.run(scenarioWith(scheme), initial, 2, dtS, steps);
        }

        /**
         * The same problem started from its explicit solution after {@code limits} explicit limits
         * (0.9 of the limit per step): the fast transients of the non-equilibrium initial data (the
         * held inlet against zero, smooth data across a jump in D) have decayed, as they have in any
         * run after its first seconds. Temporal order is a statement about such smooth solutions;
         * from raw data the stiff transient, which RKL2 damps only partly, lowers the observed order.
         */
        Problem prepared(int limits) {
            int steps = (int) Math.ceil(limits / 0.9);
            Tissue t = run(DiffusionSpec.EXPLICIT, limits * explicitLimitS() / steps, steps);
            return new Problem(name, species, nx, ny, nz, dxUm, t);
        }
    }

    /**
     * Two layers along x (D0 = 700 µm²/s, lactate-like, then ten times slower), a Gaussian bump of
     * drug, a held value 1 on x_min, zero flux elsewhere, first-order decay 0.02/s.
     */
    public static Problem twoLayer(double decayPerS, boolean fixedInlet) {
        int nx = 32;
        int ny = 6;
        int nz = 4;
        double dx = 10;
        ScenarioFixture.SpeciesFixture drug = species("drug").d0(700).decay(decayPerS);
        if (fixedInlet) {
            drug.fixed(Face.X_MIN, 1.0);
        }
        Scenario sc = scenario().grid(nx, ny, nz, dx).with(drug).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        float[] c = t.concentration(0);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = i + nx * (j + ny * k);
                    t.stiffnessKpa()[v] = i >= nx / 2 ? (float) Math.log(10) : 0f;
                    double x = i - 12.0;
                    double y = j - 2.5;
                    c[v] = (float) (2 * Math.exp(-(x * x + y * y) / 18.0));
                }
            }
        }
        return new Problem("two-layer", new ScenarioFixture.SpeciesFixture[] {drug}, nx, ny, nz, dx, t);
    }

    /**
     * Random stiffness (independent per voxel, D from D0 down to D0/30) on a closed 10³ box, smooth
     * initial drug, plus a second, slow species (antibody-like, D0 = 25 µm²/s) so the multirate path runs.
     */
    public static Problem randomStiffness(long seed) {
        return randomStiffness(seed, false);
    }

    /** As {@link #randomStiffness(long)}, with the z faces periodic when {@code periodicZ}. */
    static Problem randomStiffness(long seed, boolean periodicZ) {
        int n = 10;
        double dx = 10;
        ScenarioFixture.SpeciesFixture lactate = species("drug").d0(700);
        ScenarioFixture.SpeciesFixture antibody = species("antibody").d0(25);
        if (periodicZ) {
            lactate.periodic(2);
            antibody.periodic(2);
        }
        Scenario sc = scenario().grid(n, n, n, dx).with(lactate).with(antibody).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(seed);
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int v = i + n * (j + n * k);
                    t.stiffnessKpa()[v] = (float) (random.nextDouble() * Math.log(30));
                    t.concentration(0)[v] = (float) (1 + Math.cos(Math.PI * i / n) * Math.cos(Math.PI * j / n));
                    t.concentration(1)[v] = (float) (1 + Math.sin(Math.PI * (k + 0.5) / n));
                }
            }
        }
        return new Problem("random-stiffness", new ScenarioFixture.SpeciesFixture[] {lactate, antibody}, n, n, n, dx, t);
    }

    /** Relative L2 difference ||a − b|| / ||b|| over all species. */
    static double relativeL2(Tissue a, Tissue b) {
        double num = 0;
        double den = 0;
        for (int s = 0; s < a.speciesCount(); s++) {
            float[] x = a.concentration(s);
            float[] y = b.concentration(s);
            for (int v = 0; v < x.length; v++) {
                num += (x[v] - (double) y[v]) * (x[v] - (double) y[v]);
                den += (double) y[v] * y[v];
            }
        }
        return Math.sqrt(num / den);
    }

    /**
     * The exact semi-discrete solution after {@code endS}: the plain reference stepper
     * ({@link org.stromasim.reference.ReferenceStepper}, RK4 in double, unsplit) at a quarter of the
     * explicit limit per step, whose time error is below 1e-9 of the solution here.
     */
    static double[][] reference(Problem p, double endS) {
        Scenario sc = p.scenarioWith(DiffusionSpec.EXPLICIT);
        org.stromasim.reference.ReferenceStepper r = org.stromasim.reference.ReferenceStepper.of(sc, p.initial());
        int steps = (int) Math.ceil(endS / (0.25 * r.explicitLimitS()));
        r.advance(0, endS, steps);
        double[][] out = new double[p.initial().speciesCount()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = r.concentration(s);
        }
        return out;
    }

    /** ‖a − reference‖₂ / ‖reference‖₂ over every species. */
    static double relativeL2(Tissue a, double[][] reference) {
        double num = 0;
        double den = 0;
        for (int s = 0; s < a.speciesCount(); s++) {
            float[] x = a.concentration(s);
            for (int v = 0; v < x.length; v++) {
                num += (x[v] - reference[s][v]) * (x[v] - reference[s][v]);
                den += reference[s][v] * reference[s][v];
            }
        }
        return Math.sqrt(num / den);
    }
}
