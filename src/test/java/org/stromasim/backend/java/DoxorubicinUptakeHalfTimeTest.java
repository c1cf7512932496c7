package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The shipped doxorubicin uptake acting on a well-mixed block of cancer voxels (every voxel alike, zero-flux
 * faces, no vessel: diffusion moves nothing), against the Michaelis–Menten decay worked out by hand on the
 * model's basis. From C₀ = 1 µM, dC/dt = −Vmax·C/(Km + C) integrates to Km·ln(C₀/C) + (C₀ − C) = Vmax·t, so C
 * halves at t½ = (Km·ln 2 + C₀/2)/Vmax = (0.403 × 0.693147 + 0.5)/0.0885 = 0.779338/0.0885 = 8.806 s.
 * (The tissue-basis pair it replaced, 0.0345 µM/s and 0.16 µM, halves at 17.7 s.)
 */
public class DoxorubicinUptakeHalfTimeTest {

    static final double HALF_TIME_S = 8.806;
    static final int STEPS = 440;

    /** A 4 × 4 × 4 block of cancer voxels holding 1 µM of the preset doxorubicin. */
    public static Scenario block() {
        return ScenarioLoader.parse("""
                name: block
                grid: {nx: 4, ny: 4, nz: 4, voxel_um: 20}
                run: {end_time_s: 10, snapshot_interval_s: 10, metrics_interval_s: 10, seed: 1}
                ecm:
                  diffusivity_law: {law: ogston, fibre_radius_nm: 20, reference_stiffness_kpa: 3.04,
                                    reference_fibre_fraction: 0.05, stiffness_exponent: 2.25}
                  stiffness_kpa: {normal: 9.1, stroma: 9.1, tumour: 9.1}
                tissue:
                  stroma_shell_um: 0
                  nests: []
                  vessels: []
                  regions:
                    - {shape: box, min_um: [0, 0, 0], max_um: [80, 80, 80], stiffness_kpa: 9.1, cell: cancer}
                species:
                  - name: drug
                    preset: doxorubicin
                    initial: 1.0
                    boundaries: {default: zero_flux}
                """, "block.yaml", List.of());
    }

    /**
     * Tolerance: the reaction sub-step freezes the Michaelis–Menten rate λ = Vmax/(Km + C) at its start, an error
     * in ln C of about (h/2)·(λ(t) − λ(0)) = (h/2)·(0.0885/0.903 − 0.0885/1.403) = h × 0.0175 /s over the decay, at
     * most 3.5e-4 with h ≤ 0.02 s; float round-off over 440 steps adds about 3e-5. 1e-3 of C is three times that.
     */
    @Test
    void blockHalvesAtTheHandComputedHalfTime() {
        Scenario scenario = block();
        Tissue tissue = TissueBuilder.build(scenario);
        TransportModel model = TransportModel.compile(scenario, tissue);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(tissue);
            backend.advance(0.0, HALF_TIME_S / STEPS, STEPS);
            backend.download(tissue);
        }
        for (float c : tissue.concentration("drug")) {
            assertEquals(0.5, c, 0.5e-3);
        }
    }
}
