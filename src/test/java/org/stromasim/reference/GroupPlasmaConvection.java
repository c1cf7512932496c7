package org.stromasim.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three-vessel network of {@link VesselGroupPlasma} with interstitial flow and convection
 * ({@code ecm.flow.convection}, the fibre-matrix law and flow parameters of configs/carcinoma-rim-flow.yaml):
 * the drug's own plasma level is a constant (1 unless given), and a second species without vessel
 * exchange moves with the flow only; {@code groups} replaces the groups map.
 */
public final class GroupPlasmaConvection {

    private GroupPlasmaConvection() {
    }

    public static Path write(Path folder, String groups) throws IOException {
        return write(folder, groups, 1.0);
    }

    /** The same with the drug's own constant plasma level {@code ownLevel}. */
    public static Path write(Path folder, String groups, double ownLevel) throws IOException {
        Files.writeString(folder.resolve("net.csv"), VesselGroupPlasma.NETWORK);
        String scenario = """
                name: group-plasma-convection
                grid: {nx: 16, ny: 12, nz: 6, voxel_um: 10}
                run: {end_time_s: 4, snapshot_interval_s: 4, metrics_interval_s: 4, seed: 3}
                ecm:
                  diffusivity_law:
                    law: fibre_matrix
                    collagen_fibre_radius_nm: 20
                    gag_fibre_radius_nm: 0.5
                    composition:
                      reference_stiffness_kpa: 3.04
                      reference_collagen_fraction: 0.05
                      stiffness_exponent: 2.25
                      max_collagen_fraction: 0.3
                      gag_fraction: {ecm: 3.0e-4, cancer: 3.0e-4, fibroblast: 3.0e-4, caf: 3.0e-4, dead: 3.0e-4}
                      cell_fraction: {ecm: 0.1, cancer: 0.6, fibroblast: 0.3, caf: 0.3, dead: 0.3}
                  flow:
                    viscosity_pa_s: 6.9e-4
                    vessel_lp_cm_per_mmhg_s: 2.8e-7
                    vessel_pressure_mmhg: 15.6
                    reflection_coefficient: 0.82
                    plasma_oncotic_mmhg: 20
                    interstitial_oncotic_mmhg: 15
                    lymphatic_per_mmhg_s: 1.0e-5
                    lymph_pressure_mmhg: 0
                    boundary_pressure_mmhg: 0
                    zero_flux_faces: [x_min, x_max, y_min, y_max, z_min]
                    convection:
                      interval_s: 0.5
                      solute_reflection: {drug: 0.1}
                  stiffness_kpa: {normal: 3.04, stroma: 18.2, tumour: 9.1}
                tissue:
                  nests: []
                  stroma_shell_um: 0
                  vessels:
                    - {shape: network, file: net.csv, groups: GROUPS}
                species:
                  - name: drug
                    d0_um2_per_s: 60
                    stokes_radius_nm: 0.6
                    boundaries: {default: zero_flux}
                    vessel:
                      permeability_um_per_s: 1.5
                      plasma: {type: constant, level: OWN}
                  - name: other
                    d0_um2_per_s: 25
                    stokes_radius_nm: 1
                    initial: 0.5
                    boundaries: {default: zero_flux}
                metrics: {drug_species: drug, exposure_threshold_unit_s: 1}
                """.replace("GROUPS", groups).replace("OWN", Double.toString(ownLevel));
        Path file = folder.resolve("scenario.yaml");
        Files.writeString(file, scenario);
        return file;
    }
}
