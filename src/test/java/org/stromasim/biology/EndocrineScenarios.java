package org.stromasim.biology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/** Test scenarios: the shipped fibrotic stroma with oestradiol and ER pharmacodynamics added. */
public final class EndocrineScenarios {

    /** 24×24×20 voxels of 40 µm. */
    public static final List<String> REDUCED = List.of("grid.voxel_um=40", "grid.nx=24", "grid.ny=24", "grid.nz=20");

    private EndocrineScenarios() {
    }

    /**
     * configs/fibrotic-stroma.yaml plus an oestradiol species (plasma 0.1 nM), the drug as an ER
     * antagonist (Ki 2 nM, {@code response}), an IL-6 bypass and an aromatase inhibitor of strength 0.9
     * over [100 s, 200 s).
     */
    public static Scenario fibrotic(String response, String... overrides) {
        return ScenarioLoader.parse(text(response, ""), "fibrotic-endocrine.yaml", withReduced(overrides));
    }

    /**
     * As {@link #fibrotic}, with a second antagonist species {@code endoxifen} (no vessel exchange;
     * Ki 0.5 nM) whose response is {@code secondResponse}.
     */
    public static Scenario twoAntagonists(String response, String secondResponse) {
        String text = text(response, "      - {species: endoxifen, ki_nm: 0.5, response: " + secondResponse + "}\n")
                .replace("\nmetrics:\n", """

                  - name: endoxifen
                    unit: nM
                    d0_um2_per_s: 130
                    stokes_radius_nm: 0.5
                    boundaries: {default: zero_flux, z_min: periodic, z_max: periodic}

                metrics:
                """);
        return ScenarioLoader.parse(text, "fibrotic-endocrine.yaml", withReduced());
    }

    private static List<String> withReduced(String... overrides) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(REDUCED);
        all.addAll(List.of(overrides));
        return all;
    }

    private static String text(String response, String moreLigands) {
        String text;
        try {
            text = Files.readString(Path.of("configs/fibrotic-stroma.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("\nmetrics:\n", """

                  - name: estradiol
                    unit: nM
                    d0_um2_per_s: 300
                    stokes_radius_nm: 0.4
                    boundaries: {default: zero_flux, z_min: periodic, z_max: periodic}
                    vessel:
                      permeability_um_per_s: 2.0
                      plasma: {type: constant, level: 0.1}

                metrics:
                """) + """
                  interventions:
                    - {type: aromatase_inhibitor, start_s: 100, duration_s: 100, strength: 0.9}
                  endocrine:
                    estradiol_species: estradiol
                    estradiol_kd_nm: 0.2
                    ligands:
                      - {species: drug, ki_nm: 2.0, response: %s}
                %s    il6_bypass: {max_fraction: 0.6, ec50: 0.002, hill_n: 1}
                    max_kill_per_s: 1.0e-3
                    under_suppressed_below: 0.5
                """.formatted(response, moreLigands);
        return text;
    }
}
