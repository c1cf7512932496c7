package org.stromasim.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three-vessel network of {@link VesselGroupPlasma} with a dosed drug and its metabolite as a
 * species of its own: the drug's own dosing is an IV bolus of 10 mg at t = 0 into 10 L (molar mass
 * 500 g/mol: C0 = 2 µM, half-life 7.2 s); the vessels of group {@code early} carry a bolus of 20 mg
 * instead (C0 = 4 µM); the metabolite (half-life 3.6 s, steady-state ratio 0.5) has no group curve.
 * Short half-lives so that a few seconds of simulation see the levels change.
 */
public final class GroupMetabolite {

    public static final double C0_UM = 2.0;
    public static final double PARENT_HALF_LIFE_S = 7.2;
    public static final double METABOLITE_HALF_LIFE_S = 3.6;
    public static final double RATIO = 0.5;

    private GroupMetabolite() {
    }

    public static Path write(Path folder, String groups) throws IOException {
        Files.writeString(folder.resolve("net.csv"), VesselGroupPlasma.NETWORK);
        String scenario = """
                name: group-metabolite
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
                      plasma: DOSING_10
                  - name: metab
                    d0_um2_per_s: 40
                    stokes_radius_nm: 1
                    boundaries: {default: zero_flux}
                    vessel:
                      permeability_um_per_s: 1.0
                      plasma: {type: metabolite, parent: drug, half_life_h: 0.001, steady_state_ratio: 0.5}
                metrics: {drug_species: drug, exposure_threshold_unit_s: 1}
                """.replace("GROUPS", groups).replace("DOSING_10", dosing(10));
        Path file = folder.resolve("scenario.yaml");
        Files.writeString(file, scenario);
        return file;
    }

    /** An IV bolus of {@code doseMg} at t = 0 into 10 L, 500 g/mol, half-life 0.002 h. */
    public static String dosing(double doseMg) {
        return "{type: dosing, molar_mass_g_per_mol: 500, volume_l: 10, half_lives_h: [0.002], regimens: [{route: iv_bolus,"
                + " dose_mg: " + doseMg + "}]}";
    }

    /** Group {@code early} doses the drug twice as high; {@code late} carries no curve of its own. */
    public static final String GROUPS = "{early: {plasma: {drug: " + dosing(20) + "}}, late: {}}";

    /**
     * The metabolite level for a parent bolus of initial level c0: dM/dt = R·k_m·C_p − k_m·M with
     * C_p = c0·e^(−k_p t), M(0) = 0, solved in closed form.
     */
    public static double metabolite(double c0, double tS) {
        double kp = Math.log(2) / PARENT_HALF_LIFE_S;
        double km = Math.log(2) / METABOLITE_HALF_LIFE_S;
        return RATIO * km * c0 * (Math.exp(-kp * tS) - Math.exp(-km * tS)) / (km - kp);
    }
}
