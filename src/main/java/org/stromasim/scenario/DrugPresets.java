package org.stromasim.scenario;

import java.util.Optional;

/** Public questions about the drug presets (the preset values themselves stay inside this package). */
public final class DrugPresets {

    private DrugPresets() {
    }

    /** The name of the preset whose every value {@code species} has, or empty (see {@code DrugPreset.matching}). */
    public static Optional<String> matching(SpeciesSpec species) {
        return DrugPreset.matching(species);
    }
}
