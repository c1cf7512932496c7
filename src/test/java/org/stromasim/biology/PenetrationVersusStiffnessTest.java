package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
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

    /** The steady profile of the column and the step it ran at. */
    private record Steady(float[] c, double dxUm, double dtS) {
    }

    private static Steady steady(String preset, double stiffnessKpa) {
        Scenario scenario = ScenarioLoader.parse(text(preset, stiffnessKpa), "column.yaml", List.of());
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        double dt = TransportFields.of(model).timeStepS(scenario.run());
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(tissue);
            backend.advance(0.0, dt, (int) Math.ceil(400.0 / dt)); // 20 binding time constants: steady
            backend.download(tissue);
        }
        return new Steady(tissue.concentration("drug"), scenario.grid().voxelUm(), dt);
    }

    /** Half-distance of the steady profile, µm from the fixed face. */
    static double halfDistanceUm(String preset, double stiffnessKpa) {
        Steady st = steady(preset, stiffnessKpa);
        float[] c = st.c();
        double dx = st.dxUm();
        for (int i = 1; i < c.length; i++) {
            if (c[i] < 0.5) {
                double x0 = (i - 0.5) * dx;
                return x0 + dx * (c[i - 1] - 0.5) / (c[i - 1] - c[i]);
            }
        }
        throw new AssertionError("no half-distance in the column");
    }

    /**
     * The diffusivity the steady profile shows, µm²/s. Away from both ends the steady state of the split
     * explicit step (R(dt/2) D R(dt/2), exact binding) solves D(C[i−1] − 2C[i] + C[i+1])/dx² = k_eff·C[i]
     * with k_eff = (e^(k·dt) − 1)/dt, so neighbours fall by a ratio r with r + 1/r − 2 = k_eff·dx²/D:
     * D = k_eff·dx²/(r + 1/r − 2). Read at voxels 8–9 (C ≈ 0.4, far from the closed end): float
     * round-off of r (1e-7) moves D by about 4e-6 of itself.
     */
    static double profileDiffusivityUm2PerS(String preset, double stiffnessKpa) {
        Steady st = steady(preset, stiffnessKpa);
        double r = (double) st.c()[9] / st.c()[8];
        double kEffective = Math.expm1(BINDING_PER_S * st.dtS()) / st.dtS();
        return kEffective * st.dxUm() * st.dxUm() / (r + 1 / r - 2);
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

    /**
     * Ogston's law in the shipped configs: the fibrotic/normal diffusivity ratio is
     * exp(−(√φ_f − √φ_n)(1 + r_s/r_f)), φ = 0.05·(E/3.04)^(1/2.25), so IgG (5.34 nm) is slowed more than
     * doxorubicin (0.6 nm). Read from the transported profile (not the compiled D), within 1e-4: the
     * solute-size term alone moves doxorubicin's ratio by 3e-3 and IgG's by 2.8e-2.
     */
    @Test
    void antibodyIsSlowedMoreThanTheSmallMoleculeByTheSameMatrix() {
        double doxRatio = profileDiffusivityUm2PerS("doxorubicin", 18.2) / profileDiffusivityUm2PerS("doxorubicin", 3.04);
        double iggRatio = profileDiffusivityUm2PerS("igg", 18.2) / profileDiffusivityUm2PerS("igg", 3.04);
        assertTrue(iggRatio < doxRatio, "fibrotic/normal diffusivity: IgG " + iggRatio + ", doxorubicin " + doxRatio);
        double dPhi = Math.sqrt(0.05 * Math.pow(18.2 / 3.04, 1 / 2.25)) - Math.sqrt(0.05);
        assertEquals(Math.exp(-dPhi * (1 + 5.34 / 20)), iggRatio, 1e-4);
        assertEquals(Math.exp(-dPhi * (1 + 0.6 / 20)), doxRatio, 1e-4);
        // and the penetration depth follows: the half-distance ratio is about √ of the diffusivity ratio
        double depthRatio = halfDistanceUm("igg", 18.2) / halfDistanceUm("igg", 3.04);
        assertEquals(Math.sqrt(iggRatio), depthRatio, 5e-3);
    }
}
