package org.stromasim.reference;

import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.stromasim.grid.Face;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselWall;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.ScenarioFixture.SpeciesFixture;

/**
 * Every transport and reaction feature, each as the drug of a two-species scenario on a heterogeneous
 * tissue, for the backend-versus-reference tests. Plasma curves jump or bend only at multiples of
 * {@link #STEP_S}/4, so every product step size compared starts a sub-step on them.
 */
public final class ReferenceFeatures {

    /** The product's largest step in these comparisons, s (below half the explicit limit of every feature). */
    public static final double STEP_S = 0.1;
    public static final int STEPS = 40;

    private ReferenceFeatures() {
    }

    public static Stream<Arguments> features() {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(5.0, 1.0, List.of(0.5, 3.0), 0.7);
        PlasmaCurveSpec infusion = new PlasmaCurveSpec.Infusion(4.0, 0.5, 2.0, 1.0);
        PlasmaCurveSpec repeated = new PlasmaCurveSpec.RepeatedBolus(
                new PlasmaCurveSpec.Bolus(3.0, 0.0, List.of(0.8), null), 1.5, 3);
        return Stream.of(
                feature("diffusion, zero-flux faces", s -> s),
                feature("fixed (Dirichlet) faces", s -> s.fixed(Face.X_MIN, 2.0).fixed(Face.Z_MAX, 0.5)),
                feature("periodic x", s -> s.periodic(0)),
                feature("periodic y and z", s -> s.periodic(1).periodic(2)),
                feature("mixed faces", s -> s.periodic(2).fixed(Face.Y_MAX, 1.5).boundary(Face.X_MAX, BoundaryType.ZERO_FLUX)),
                feature("first-order decay", s -> s.decay(0.3)),
                feature("matrix binding by cell", s -> s.binding(CellType.ECM, 0.2).binding(CellType.CAF, 0.5)),
                feature("Michaelis-Menten uptake", s -> s.uptake(CellType.CANCER, 0.8, 0.3).uptake(CellType.CAF, 0.2, 1.0)),
                feature("secretion", s -> s.secretion(CellType.CAF, 0.4, null)),
                feature("saturating secretion", s -> s.secretion(CellType.CAF, 0.6, 2.0).secretion(CellType.FIBROBLAST, 0.1, 1.0)),
                feature("vessel exchange, constant plasma", s -> s.vessel(2.0, new PlasmaCurveSpec.Constant(3.0))),
                feature("vessel exchange, two-phase bolus at 1 s", s -> s.vessel(1.5, bolus)),
                feature("vessel exchange, infusion", s -> s.vessel(1.5, infusion)),
                feature("vessel exchange, repeated bolus", s -> s.vessel(1.5, repeated)),
                feature("everything at once", s -> s.decay(0.05).binding(CellType.ECM, 0.1).uptake(CellType.CANCER, 0.5, 0.5)
                        .secretion(CellType.CAF, 0.3, 3.0).vessel(1.0, bolus).fixed(Face.X_MIN, 1.0).periodic(2)));
    }

    private static Arguments feature(String name, UnaryOperator<SpeciesFixture> f) {
        return Arguments.of(name, f);
    }

    /**
     * The drug with the feature plus a plain diffusing, slowly decaying second species, on a 13×11×9
     * grid of 10 µm voxels, with the Ogston law (so the stiffness sets D through the solute size).
     */
    public static Scenario scenarioWith(UnaryOperator<SpeciesFixture> feature, RunSpec.Splitting splitting) {
        return scenario().grid(13, 11, 9, 10.0).splitting(splitting)
                .law(new DiffusivityLawSpec.Ogston(3.5, 1.0, 0.05, 2.0))
                .with(feature.apply(species("drug").d0(60).stokesRadius(1.2)))
                .with(species("other").d0(25).decay(0.01))
                .build();
    }

    /**
     * Random cells (about 4 % vessel), stiffness 0–2 kPa (D varies about 2× between neighbours), viability
     * 0.2–1, concentrations 0–2, exposure 0–1; with {@code wall}, a vessel wall of its own (random S/V up
     * to 0.3 /µm beside vessel voxels) instead of the voxel faces.
     */
    public static Tissue heterogeneousTissue(Scenario sc, long seed, boolean wall) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random r = new Random(seed);
        int n = t.cell().length;
        for (int v = 0; v < n; v++) {
            t.cell()[v] = r.nextDouble() < 0.04 ? CellType.VESSEL.code() : (byte) r.nextInt(CellType.COUNT);
            if (t.cell()[v] == CellType.VESSEL.code() && r.nextBoolean()) {
                t.cell()[v] = CellType.CANCER.code();
            }
            t.stiffnessKpa()[v] = (float) (2.0 * r.nextDouble());
            t.viability()[v] = (float) (0.2 + 0.8 * r.nextDouble());
            t.drugExposure()[v] = (float) r.nextDouble();
            for (int s = 0; s < t.speciesCount(); s++) {
                t.concentration(s)[v] = (float) (2.0 * r.nextDouble());
            }
        }
        if (wall) {
            float[] sv = new float[n];
            float[] fraction = new float[n];
            for (int v = 0; v < n; v++) {
                if (t.cell()[v] == CellType.VESSEL.code()) {
                    fraction[v] = 1f;
                } else if (r.nextDouble() < 0.3) {
                    sv[v] = (float) (0.3 * r.nextDouble());
                    fraction[v] = (float) (0.2 * r.nextDouble());
                }
            }
            t.setVesselWall(new VesselWall(sv, fraction));
        }
        return t;
    }
}
