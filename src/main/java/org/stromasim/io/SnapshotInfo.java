package org.stromasim.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a snapshot records besides the voxel fields: where in the run it was taken and what produced
 * it. The caller knows all of it (the simulation loop, the backend, the scenario); the writer only
 * stores it.
 *
 * @param step            transport step count at which the state was taken
 * @param timeS           simulated time, s
 * @param ordinal         snapshot number within the run (0 = initial state); names the file
 * @param backend         description of what computed the state, e.g. "java (2 threads)"
 * @param softwareVersion stromasim version that wrote the file
 * @param scenarioYaml    full text of the resolved scenario, so a snapshot alone can be re-run
 * @param scenarioName    short scenario identifier
 * @param speciesUnits    unit symbol of each species (e.g. drug → µM, il6 → nM), in field order
 * @param exposureUnit    unit of the drug exposure field, concentration unit times seconds (e.g. µM·s)
 */
public record SnapshotInfo(
        long step,
        double timeS,
        int ordinal,
        String backend,
        String softwareVersion,
        String scenarioYaml,
        String scenarioName,
        Map<String, String> speciesUnits,
        String exposureUnit) {

    public SnapshotInfo {
        if (step < 0) {
            throw new IllegalArgumentException("snapshot step must be >= 0, got " + step);
        }
        if (!Double.isFinite(timeS) || timeS < 0) {
            throw new IllegalArgumentException("snapshot time_s must be finite and >= 0, got " + timeS);
        }
        if (ordinal < 0) {
            throw new IllegalArgumentException("snapshot ordinal must be >= 0, got " + ordinal);
        }
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(scenarioYaml, "scenarioYaml");
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(exposureUnit, "exposureUnit");
        // Keep the caller's order (field order), but never share the caller's mutable map.
        speciesUnits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(speciesUnits));
    }

    /** The unit of one species; fails with the known species when it is not described. */
    public String unitOf(String species) {
        String unit = speciesUnits.get(species);
        if (unit == null) {
            throw new IllegalArgumentException("no unit given for species '" + species + "'; units are known for "
                    + speciesUnits.keySet());
        }
        return unit;
    }

    /** Checks that a unit is given for exactly the species of a state, so no field is written without one. */
    void requireUnitsFor(List<String> speciesNames) {
        if (!speciesUnits.keySet().equals(new java.util.HashSet<>(speciesNames))) {
            throw new IllegalArgumentException("snapshot info gives units for species " + speciesUnits.keySet()
                    + " but the tissue has species " + speciesNames);
        }
    }
}
