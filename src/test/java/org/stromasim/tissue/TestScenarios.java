package org.stromasim.tissue;

import java.util.List;
import java.util.Map;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.RunSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.scenario.Vec3;

/** Scenarios built in code for tissue tests (the YAML loader is tested elsewhere). */
final class TestScenarios {

    /** Region baselines used throughout, kPa (arbitrary test values, distinct so regions can be told apart). */
    static final EcmSpec.RegionStiffness STIFFNESS = new EcmSpec.RegionStiffness(2.0, 12.0, 6.0);

    private TestScenarios() {
    }

    static Scenario scenario(GridSpec grid, long seed, EcmSpec.StiffnessNoise noise, TissueSpec tissue,
                             List<SpeciesSpec> species) {
        EcmSpec ecm = new EcmSpec(new DiffusivityLawSpec.Exponential(10.0), STIFFNESS, noise);
        RunSpec run = new RunSpec(10.0, 1.0, 1.0, seed, null, null, null);
        return new Scenario("test", "", grid, run, ecm, tissue, species, null);
    }

    static Scenario scenario(GridSpec grid, long seed, EcmSpec.StiffnessNoise noise, TissueSpec tissue) {
        return scenario(grid, seed, noise, tissue, List.of(species("drug", 0.0)));
    }

    static SpeciesSpec species(String name, double initial) {
        return new SpeciesSpec(name, null, 100.0, 0.5, 0.0, initial, Map.of(), null, null, null, null);
    }

    static TissueSpec tissue(List<TissueSpec.Nest> nests, double shellUm, TissueSpec.Fibroblasts fibroblasts,
                             List<TissueSpec.VesselSpec> vessels) {
        return new TissueSpec(nests, shellUm, fibroblasts, vessels);
    }

    static TissueSpec.Nest sphere(double cx, double cy, double cz, double r) {
        return new TissueSpec.Nest(new Vec3(cx, cy, cz), new Vec3(r, r, r));
    }

    static Vec3 v(double x, double y, double z) {
        return new Vec3(x, y, z);
    }
}
