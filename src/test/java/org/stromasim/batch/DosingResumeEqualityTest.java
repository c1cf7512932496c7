package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.Snapshot;

/**
 * A dosed run stopped before a dose and resumed across it equals the uninterrupted run bitwise (Java
 * backend, same threads): the plasma level is a closed-form function of time, so nothing about the
 * schedule has to be stored in the snapshot.
 */
class DosingResumeEqualityTest {

    @TempDir
    Path dir;

    @Test
    void resumingBeforeADoseGivesTheUninterruptedRunBitwise() throws Exception {
        String tiny = Files.readString(BatchCli.tinyScenario(), StandardCharsets.UTF_8);
        String bolus = "      plasma: {type: bolus, peak: 5, start_s: 0, half_lives_s: [300, 108000], fast_fraction: 0.9}\n";
        assertTrue(tiny.contains(bolus));
        // doses every 12.6 s (0.0035 h): at 0, 12.6 and 25.2 s; the stop at 10 s falls before the second
        String dosed = tiny.replace(bolus, """
                      plasma:
                        type: dosing
                        molar_mass_g_per_mol: 543.5
                        volume_l: 20
                        half_lives_h: [0.01, 30]
                        fast_fraction: 0.9
                        regimens:
                          - {route: iv_bolus, dose_mg: 30, interval_h: 0.0035, count: 3}
                          - {route: oral, dose_mg: 100, start_h: 0.003, absorption_half_life_h: 0.002}
                          - {route: infusion, dose_mg: 50, start_h: 0.0035, duration_h: 0.002}
                """).replace("metrics:\n", """
                  - name: metabolite
                    unit: nM
                    d0_um2_per_s: 120
                    stokes_radius_nm: 0.6
                    boundaries: {default: zero_flux}
                    vessel:
                      permeability_um_per_s: 2.67
                      plasma: {type: metabolite, parent: drug, half_life_h: 0.004, steady_state_ratio: 0.5}
                metrics:
                """);
        Path scenario = dir.resolve("dosed.yaml");
        Files.writeString(scenario, dosed, StandardCharsets.UTF_8);
        Path whole = dir.resolve("whole");
        Path halves = dir.resolve("halves");
        BatchCli.runOk("run", scenario.toString(), "--out", whole.toString(), "--until", "30", "--threads", "2",
                "--backend", "java", "--no-progress");
        BatchCli.runOk("run", scenario.toString(), "--out", halves.toString(), "--until", "10", "--threads", "2",
                "--backend", "java", "--no-progress");
        assertEquals(10.0, BatchCli.latestSnapshot(halves).info().timeS());
        BatchCli.runOk("resume", halves.toString(), "--until", "30", "--threads", "2", "--backend", "java",
                "--no-progress");

        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(halves);
        assertEquals(30.0, actual.info().timeS());
        assertEquals(expected.info().step(), actual.info().step());
        BatchCli.assertStatesBitwiseEqual(expected.tissue(), actual.tissue());
        assertEquals(RestartEqualityTest.dataRows(whole), RestartEqualityTest.dataRows(halves), "metrics.csv rows");
        // the doses reached the tissue: the metabolite is nonzero somewhere
        float max = 0;
        for (float c : actual.tissue().concentration(2)) {
            max = Math.max(max, c);
        }
        assertTrue(max > 0, "metabolite entered the tissue");
    }
}
