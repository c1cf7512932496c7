package org.stromasim.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A complete, typed simulation scenario as read from a YAML file. Immutable; every optional value
 * has been replaced by its documented default by the time a {@code Scenario} exists.
 *
 * @param name        short identifier, used in run-directory names
 * @param description free text (what the scenario models, where its numbers come from)
 * @param grid        voxel grid
 * @param run         time controls
 * @param ecm         matrix stiffness and the stiffness→diffusivity law
 * @param tissue      procedural tissue geometry
 * @param species     diffusing species, in field order
 * @param metrics     what the metrics file measures
 * @param biology     the slow biological processes and interventions, or {@code null} for pure transport
 */
public record Scenario(
        String name,
        String description,
        GridSpec grid,
        RunSpec run,
        EcmSpec ecm,
        TissueSpec tissue,
        List<SpeciesSpec> species,
        MetricsSpec metrics,
        BiologySpec biology) {

    /** A pure-transport scenario (no {@code biology} section). */
    public Scenario(String name, String description, GridSpec grid, RunSpec run, EcmSpec ecm, TissueSpec tissue,
                    List<SpeciesSpec> species, MetricsSpec metrics) {
        this(name, description, grid, run, ecm, tissue, species, metrics, null);
    }

    public Scenario {
        description = description == null ? "" : description;
        species = List.copyOf(species);
        metrics = metrics == null ? MetricsSpec.DEFAULT : metrics;
    }

    public Optional<SpeciesSpec> findSpecies(String speciesName) {
        return species.stream().filter(s -> s.name().equals(speciesName)).findFirst();
    }

    public int speciesIndex(String speciesName) {
        for (int s = 0; s < species.size(); s++) {
            if (species.get(s).name().equals(speciesName)) {
                return s;
            }
        }
        return -1;
    }
}
