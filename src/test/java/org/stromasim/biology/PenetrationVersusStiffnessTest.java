package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * A drug held at 1 on the x_min face of a 1D column of matrix with first-order binding k: the steady
 * profile is C₀·exp(−x/λ), λ = sqrt(D/k), so its half-distance grows with D and falls as the matrix
 * stiffens. Drugs from the presets, the Ogston law of the shipped configs.
 */
class PenetrationVersusStiffnessTest {

    private static final double BINDING_PER_S = 0.05;

    private static String text(String preset, double stiffnessKpa) {
        return """
                name: column
                grid: {nx: 60, ny: 1, nz: 1, voxel_um: 5}
                run: {end_time_s: 1, snapshot_interval_s: 1, metrics_interval_s: 1, seed: 1}
                ecm:
                  diffusivity_law: {law: ogston, fibre_radius_nm: 20, reference_stiffness_kpa: 3.04,
                                    reference_fibre_fraction: 0.05, stiffness_exponent: 2.25}
                  stiffness_kpa: {normal: %s, stroma: %s, tumour: %s}
                tissue:
                  stroma_shell_um: 0
                  nests: []
                  vessels: []
                species:
                  - name: drug
                    preset: %s
                    boundaries: {default: zero_flux, x_min: {fixed: 1.0}}
                    binding_per_s: {ecm: %s}
                """.formatted(stiffnessKpa, stiffnessKpa, stiffnessKpa, preset, BINDING_PER_S);
    }

    /** Half-distance of the steady profile, µm from the fixed face. */
    static double halfDistanceUm(String preset, double stiffnessKpa) {
        Scenario scenario = ScenarioLoader.parse(text(preset, stiffnessKpa), "column.yaml", List.of());
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        double dt = model.timeStepS(scenario.run());
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(tissue);
            backend.advance(0.0, dt, (int) Math.ceil(400.0 / dt)); // 20 binding time constants: steady
            backend.download(tissue);
        }
        float[] c = tissue.concentration("drug");
        double dx = scenario.grid().voxelUm();
        for (int i = 1; i < c.length; i++) {
            if (c[i] < 0.5) {
                double x0 = (i - 0.5) * dx;
                return x0 + dx * (c[i - 1] - 0.5) / (c[i - 1] - c[i]);
            }
        }
        throw new AssertionError("no half-distance in the column");
    }

    @Test
    void stifferMatrixGivesLowerPenetrationMonotonically() {
        double previous = Double.POSITIVE_INFINITY;
        for (double e : new double[] {3.04, 9.1, 18.2, 39.5}) {
            double depth = halfDistanceUm("doxorubicin", e);
            assertTrue(depth < previous, "depth " + depth + " µm at " + e + " kPa, after " + previous + " µm");
            previous = depth;
        }
        // against the analytic λ·ln2 with the Ogston D at normal stiffness (phi = 0.05): within a voxel
        double d = 117 * Math.exp(-Math.sqrt(0.05) * (1 + 0.6 / 20));
        assertEquals(Math.sqrt(d / BINDING_PER_S) * Math.log(2), halfDistanceUm("doxorubicin", 3.04), 2.5);
    }

    @Test
    void antibodyIsSlowedMoreThanTheSmallMoleculeByTheSameMatrix() {
        double doxRatio = halfDistanceUm("doxorubicin", 18.2) / halfDistanceUm("doxorubicin", 3.04);
        double iggRatio = halfDistanceUm("igg", 18.2) / halfDistanceUm("igg", 3.04);
        assertTrue(iggRatio < doxRatio, "fibrotic/normal depth: IgG " + iggRatio + ", doxorubicin " + doxRatio);
        // Ogston: λ ratio = exp(−(sqrt φ_f − sqrt φ_n)(1 + r_s/r_f)/2), φ = 0.05·(E/3.04)^(1/2.25)
        double dPhi = Math.sqrt(0.05 * Math.pow(18.2 / 3.04, 1 / 2.25)) - Math.sqrt(0.05);
        assertEquals(Math.exp(-dPhi * (1 + 5.34 / 20) / 2), iggRatio, 0.02);
        assertEquals(Math.exp(-dPhi * (1 + 0.6 / 20) / 2), doxRatio, 0.02);
    }
}
