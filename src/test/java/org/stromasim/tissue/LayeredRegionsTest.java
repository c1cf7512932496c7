package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.transport.TransportModel;

/**
 * A two-layer medium built from two half-space regions of different stiffness (so different
 * diffusivity under the scenario's law) on a full 3D grid, held at C = 1 on z_min and 0 on z_max:
 * the steady profile is the analytic two-layer one, linear in each layer with one flux
 * J = (C0 − C1)/(L1/D1 + L2/D2) through both. The scheme's face coefficient (harmonic mean of the two
 * voxel diffusivities, held faces half a voxel away) is the exact series resistance of the two half
 * voxels, so with the interface on a voxel face the discrete steady state is the analytic profile at
 * the voxel centres up to float round-off and the remaining transient (tolerance 1e-4).
 */
class LayeredRegionsTest {

    static final String YAML = """
            name: two-layer
            grid: {nx: 6, ny: 5, nz: 40, voxel_um: 5}
            run: {end_time_s: 1, snapshot_interval_s: 1, metrics_interval_s: 1, seed: 1}
            ecm:
              diffusivity_law: {law: ogston, fibre_radius_nm: 20, reference_stiffness_kpa: 3.04,
                                reference_fibre_fraction: 0.05, stiffness_exponent: 2.25}
              stiffness_kpa: {normal: 3.04, stroma: 18.2, tumour: 9.1}
            tissue:
              stroma_shell_um: 0
              regions:
                - {shape: half_space, point_um: [0, 0, 100], normal: [0, 0, -1], stiffness_kpa: 0.5}
                - {shape: half_space, point_um: [0, 0, 100], normal: [0, 0, 1], stiffness_kpa: 100.0}
            species:
              - name: drug
                unit: uM
                d0_um2_per_s: 100
                stokes_radius_nm: 20
                boundaries: {default: zero_flux, z_min: {fixed: 1.0}, z_max: {fixed: 0.0}}
            metrics: {drug_species: drug, exposure_threshold_unit_s: 1}
            """;

    @Test
    void steadyProfileIsTheAnalyticTwoLayerOne() {
        Scenario sc = ScenarioLoader.parse(YAML, "two-layer.yaml", List.of());
        Tissue t = TissueBuilder.build(sc);
        Grid3D g = t.grid();
        TransportModel model = TransportModel.compile(sc, t);
        float[] d = TransportFields.of(model).diffusivityUm2PerS(0);
        double d1 = d[g.index(0, 0, 0)];
        double d2 = d[g.index(0, 0, g.nz() - 1)];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    assertEquals(k < 20 ? d1 : d2, d[g.index(i, j, k)], 0.0, "layer diffusivity at " + i + "," + j + "," + k);
                }
            }
        }
        assertTrue(d1 > 1.5 * d2, "the stiff layer hinders: D1 = " + d1 + ", D2 = " + d2);

        double l1 = 100;
        double l2 = 100;
        double flux = 1.0 / (l1 / d1 + l2 / d2);
        double dt = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS();
        double settle = 12 * (l1 + l2) * (l1 + l2) / (Math.PI * Math.PI * d2); // 12 slowest e-folds, bound
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(t);
            backend.advance(0, dt, (int) Math.ceil(settle / dt));
            backend.download(t);
        }
        float[] c = t.concentration(0);
        for (int k = 0; k < g.nz(); k++) {
            double z = g.centreZ(k);
            double exact = z <= l1 ? 1 - flux * z / d1 : flux * (l1 + l2 - z) / d2;
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    assertEquals(exact, c[g.index(i, j, k)], 1e-4, "C at z = " + z + " µm");
                }
            }
        }
    }
}
