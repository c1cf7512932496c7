package org.stromasim.scenario;

/** Small scenario texts for the loader tests. */
final class ScenarioTexts {

    private ScenarioTexts() {
    }

    /** A minimal valid scenario: one species, one nest, one vessel. */
    static final String MINIMAL = """
            name: t
            grid:
              nx: 10
              ny: 10
              nz: 10
              voxel_um: 20
            run:
              end_time_s: 60
              snapshot_interval_s: 30
              metrics_interval_s: 10
              seed: 1
            ecm:
              diffusivity_law:
                law: ogston
                fibre_radius_nm: 20
                reference_stiffness_kpa: 3
                reference_fibre_fraction: 0.05
                stiffness_exponent: 2.25
              stiffness_kpa: {normal: 3, stroma: 18, tumour: 9}
            tissue:
              stroma_shell_um: 40
              nests:
                - {centre_um: [100, 100, 100], radii_um: [50, 50, 50]}
              vessels:
                - {shape: straight, from_um: [20, 20, 0], to_um: [20, 20, 200], radius_um: 10}
            species:
              - name: drug
                d0_um2_per_s: 117
                stokes_radius_nm: 0.6
                boundaries: {z_min: periodic, z_max: periodic}
                vessel:
                  permeability_um_per_s: 2.67
                  plasma: {type: bolus, peak: 5, half_lives_s: [300, 108000], fast_fraction: 0.9}
                uptake:
                  cancer: {vmax_per_s: 0.0345, km: 0.16}
            """;

    /** Exercises every optional feature and every variant, for the round trip. */
    static final String RICH = """
            name: rich-1.0
            description: "quotes \\" colons: and a\\nnew line, µm"
            grid: {nx: 30, ny: 20, nz: 10, voxel_um: 15.5}
            run:
              end_time_s: 1.0e5
              snapshot_interval_s: 300
              metrics_interval_s: 1.0e-3
              seed: -9007199254740993
              dt_s: 0.01
              stability_safety: 0.5
              splitting: lie
            ecm:
              diffusivity_law: {law: exponential, stiffness_scale_kpa: 25}
              stiffness_kpa: {normal: 3.04, stroma: 18.2, tumour: 9.1}
              noise: {relative_sd: 0.3, correlation_um: 40, fibre_direction: [1, 0.5, 0], fibre_elongation: 3}
            tissue:
              stroma_shell_um: 0
              fibroblasts: {stroma_fraction: 0.3, normal_fraction: 0.05, caf_fraction_stroma: 0.7, caf_fraction_normal: 0}
              vessels:
                - {shape: random_walk, start_um: [0, 0, 0], direction: [0, 0, 1], length_um: 100, step_um: 20,
                   turn_sd_deg: 15, radius_um: 8}
            species:
              - name: yes
                unit: nM
                d0_um2_per_s: 150
                stokes_radius_nm: 2.2
                decay_per_s: 5.07e-4
                initial: 1
                boundaries: {default: {fixed: 2.5}, x_min: zero_flux, y_min: periodic, y_max: periodic}
                secretion: {caf: {rate_per_s: 1.0e-4}, fibroblast: {rate_per_s: 2.0e-5, saturation: 3}}
                binding_per_s: {ecm: 0.01, dead: 0}
              - name: a
                d0_um2_per_s: 800
                stokes_radius_nm: 0
                vessel: {permeability_um_per_s: 1, plasma: {type: constant, level: 1000}}
              - name: b
                d0_um2_per_s: 800
                stokes_radius_nm: 0
                vessel: {permeability_um_per_s: 1, plasma: {type: infusion, level: 2, duration_s: 600, half_life_s: 60}}
              - name: c
                d0_um2_per_s: 800
                stokes_radius_nm: 0
                vessel:
                  permeability_um_per_s: 1
                  plasma:
                    type: repeated_bolus
                    dose: {peak: 3, start_s: 10, half_lives_s: [60]}
                    interval_s: 3600
                    count: 3
            metrics: {drug_species: c, exposure_threshold_unit_s: 1.0e10}
            """;
}
