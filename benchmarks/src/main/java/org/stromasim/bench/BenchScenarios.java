package org.stromasim.bench;

import java.util.List;
import org.stromasim.scenario.MetricsSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * The realistic heterogeneous tissue the step benchmarks run on: the embedded default scenario
 * (configs/default.yaml: one tumour nest in a CAF-rich stiff stroma shell, four vessels, stiffness
 * texture, all reactions on) resampled to an n³ grid over the same 960 µm block, so nests, stroma and
 * vessels keep their physical size and the share of voxels of each kind stays the same at every n.
 */
final class BenchScenarios {

    /** The default block is 960 µm across in x and y (48 voxels of 20 µm). */
    private static final double BLOCK_UM = 960.0;

    private BenchScenarios() {
    }

    /**
     * @param n       voxels per axis
     * @param species 4 = drug, lactate, IL-6, TGF-beta; 1 = the drug only (vessel exchange and uptake)
     */
    static Scenario cube(int n, int species) {
        return cube(n, species, List.of());
    }

    /** As {@link #cube(int, int)}, with further scenario overrides ("key.path=value"). */
    static Scenario cube(int n, int species, List<String> overrides) {
        if (species != 1 && species != 4) {
            throw new IllegalArgumentException("species must be 1 or 4, got " + species);
        }
        List<String> all = new java.util.ArrayList<>(List.of(
                "grid.nx=" + n, "grid.ny=" + n, "grid.nz=" + n,
                "grid.voxel_um=" + (BLOCK_UM / n)));
        all.addAll(overrides);
        Scenario full = ScenarioLoader.loadDefault(all);
        if (species == 4) {
            return full;
        }
        return new Scenario(full.name() + "-drug-only", full.description(), full.grid(), full.run(), full.ecm(),
                full.tissue(), full.species().subList(0, 1), new MetricsSpec("drug",
                        full.metrics().exposureThresholdUnitS()));
    }
}
