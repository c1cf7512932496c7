package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dosing and endocrine keys at the command line: one located message, exit 2, nothing created. */
class DosingCliTest {

    @TempDir
    Path dir;

    private Path scenario(String plasma) throws Exception {
        String tiny = Files.readString(CliHarness.testScenario("tiny.yaml"));
        String bolus = "      plasma: {type: bolus, peak: 5, start_s: 0, half_lives_s: [300, 108000], fast_fraction: 0.9}\n";
        assertTrue(tiny.contains(bolus));
        Path file = dir.resolve("dosed.yaml");
        Files.writeString(file, tiny.replace(bolus, plasma));
        return file;
    }

    @Test
    void validateAcceptsADosingScheduleAndRunRefusesABadOneWithExitTwo() throws Exception {
        Path good = scenario("      plasma: {type: dosing, molar_mass_g_per_mol: 543.5, volume_l: 20,"
                + " half_lives_h: [30], regimens: [{route: oral, dose_mg: 50, interval_h: 24, count: 3,"
                + " absorption_half_life_h: 1}]}\n");
        CliHarness.Result ok = CliHarness.run("validate", good.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("dosing          drug: 3 doses, the last at 48.00 h"), ok.out());

        Path bad = scenario("      plasma: {type: dosing, molar_mass_g_per_mol: 543.5, volume_l: 20,"
                + " half_lives_h: [30], regimens: [{route: oral, dose_mg: 50, interval_h: 24, count: 3,"
                + " absorption_half_life_h: 30}]}\n");
        Path out = dir.resolve("run");
        CliHarness.Result refused = CliHarness.run("run", bad.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("dosed.yaml:") && refused.err().contains("species[drug].vessel.plasma")
                && refused.err().contains("distinct rates"), refused.err());
        assertFalse(Files.exists(out), "nothing created");
    }
}
