package org.stromasim.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tissue with three parallel vessels from a node–segment network, each carrying its own drug plasma
 * curve: {@code early} (a bolus at 0.5 s), {@code late} (a bolus at 2.0 s) and one in no group (the
 * species' own constant level 1), on a 16 × 12 × 6 grid of 10 µm voxels; for the per-group plasma tests
 * of both backends. The bolus starts lie on multiples of {@link ReferenceFeatures#STEP_S}/4, so every
 * compared step size starts a sub-step on them.
 */
public final class VesselGroupPlasma {

    /** Start of the late group's bolus, s: before it, no plasma level of that group is above 0. */
    public static final double LATE_START_S = 2.0;

    public static final String NETWORK = """
            node,1,0,30,30
            node,2,160,30,30
            node,3,0,90,30
            node,4,160,90,30
            node,5,80,0,30
            node,6,80,120,30
            segment,a,1,2,6,1,early
            segment,b,3,4,6,1,late
            segment,c,5,6,3
            """;

    private VesselGroupPlasma() {
    }

    /** Writes the network and the scenario into {@code folder}; {@code groups} replaces the groups map. */
    public static Path write(Path folder, String groups) throws IOException {
        Files.writeString(folder.resolve("net.csv"), NETWORK);
        String scenario = """
                name: group-plasma
                grid: {nx: 16, ny: 12, nz: 6, voxel_um: 10}
                run: {end_time_s: 4, snapshot_interval_s: 4, metrics_interval_s: 4, seed: 3}
                ecm:
                  diffusivity_law: {law: ogston, fibre_radius_nm: 3.5, reference_stiffness_kpa: 1, reference_fibre_fraction: 0.05, stiffness_exponent: 2}
                  stiffness_kpa: {normal: 1, stroma: 1, tumour: 1}
                tissue:
                  nests: []
                  stroma_shell_um: 0
                  vessels:
                    - {shape: network, file: net.csv, groups: GROUPS}
                species:
                  - name: drug
                    d0_um2_per_s: 60
                    stokes_radius_nm: 1.2
                    boundaries: {default: zero_flux}
                    vessel:
                      permeability_um_per_s: 1.5
                      plasma: {type: constant, level: 1}
                  - name: other
                    d0_um2_per_s: 25
                    stokes_radius_nm: 1
                    decay_per_s: 0.01
                    boundaries: {default: zero_flux}
                metrics: {drug_species: drug, exposure_threshold_unit_s: 1}
                """.replace("GROUPS", groups);
        Path file = folder.resolve("scenario.yaml");
        Files.writeString(file, scenario);
        return file;
    }

    /** The two groups with their boluses (peaks 5 and 3). */
    public static final String GROUPS = "{early: {plasma: {drug: {type: bolus, peak: 5, start_s: 0.5, half_lives_s: [1.0]}}},"
            + " late: {permeability_scale: 1, plasma: {drug: {type: bolus, peak: 3, start_s: 2.0, half_lives_s: [0.8]}}}}";
}
