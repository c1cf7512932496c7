package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {

    @Test
    void printsGridStableStepAndPenetrationLengths() {
        CliHarness.Result r = CliHarness.run("validate", CliHarness.testScenario("tiny.yaml").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("16 × 16 × 12 voxels"), r.out());
        // Fastest species is il6 with D0 = 150 µm²/s, hindered below D0, so the limit exceeds 20²/(6·150).
        Matcher m = Pattern.compile("stability limit ([0-9.]+) s set by species (\\w+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 400.0 / (6 * 150), m.group(1));
        // Drug in the linear regime: k = vmax/km = 0.0345/0.16 /s; λ = sqrt(D/k) with D ≤ 117 µm²/s.
        Matcher lambda = Pattern.compile("drug .*cancer ([0-9.]+) µm").matcher(r.out());
        assertTrue(lambda.find(), r.out());
        double upper = Math.sqrt(117 / (0.0345 / 0.16));
        double value = Double.parseDouble(lambda.group(1));
        assertTrue(value < upper && value > 0.7 * upper, "λ = " + value + " µm, expected just under " + upper);
    }

    @Test
    void defaultScenarioValidates() {
        CliHarness.Result r = CliHarness.run("validate");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("scenario default: valid"), r.out());
    }

    @Test
    void reportsTheBiologyTimeScalesInterventionsAndDrugPreset() {
        CliHarness.Result r = CliHarness.run("validate", "configs/fibrotic-lox-inhibitor.yaml");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("slow clock      every 30 s (120 slow steps"), out);
        // caf_stiffening_per_s 1e-4: t½ = ln 2 / 1e-4 s = 6931.47 s; 18.2 → 39.5 − 21.3·e^(−0.36) = 24.64 kPa in 3600 s,
        // and with 90 % LOX inhibition 39.5 − 21.3·e^(−0.036) = 18.95 kPa.
        assertTrue(out.contains("stiffens toward 39.5 kPa with t½ 115.5 min (6931.47 s)"), out);
        assertTrue(out.contains("it reaches 24.64 kPa by 60.00 min"), out);
        assertTrue(out.contains("(18.95 kPa with the LOX inhibitor at 90 % from the start)"), out);
        assertTrue(out.contains("activate in 57.76 min (3465.74 s) (ln 2 / 0.0002 /s)"), out);
        assertTrue(out.contains("interventions   lox_inhibitor at strength 0.9 from 0.000 s to 24.00 h"), out);
        assertTrue(out.contains("drug            drug: preset doxorubicin;"), out);

        CliHarness.Result antibody = CliHarness.run("validate", "configs/fibrotic-antibody.yaml");
        assertTrue(antibody.out().contains("drug: preset igg;"), antibody.out());
        assertTrue(antibody.out().contains("interventions   none"), antibody.out());
        CliHarness.Result custom = CliHarness.run("validate", "configs/fibrotic-antibody.yaml",
                "--set", "species.drug.d0_um2_per_s=50");
        assertTrue(custom.out().contains("drug: custom (no preset matches every value)"), custom.out());
        CliHarness.Result transport = CliHarness.run("validate");
        assertTrue(transport.out().contains("biology         none (pure transport)"), transport.out());
    }

    /**
     * A species bound to collagen: validate prints its retardation, which must be 1 + b·φ at both ends of
     * the collagen range validate prints for the matrix (R rises with φ, so the extremes correspond).
     */
    @Test
    void reportsTheMatrixRetardationOfABindingSpecies() {
        CliHarness.Result plain = CliHarness.run("validate", "configs/fibrotic-barrier.yaml");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(!plain.out().contains("retardation"), plain.out());

        CliHarness.Result r = CliHarness.run("validate", "configs/fibrotic-barrier.yaml",
                "--set", "species.drug.ecm_binding.bound_to_free_per_collagen_fraction=10");
        assertEquals(0, r.exitCode(), r.err());
        java.util.regex.Matcher collagen = java.util.regex.Pattern.compile("collagen ([0-9.]+)–([0-9.]+),")
                .matcher(r.out());
        java.util.regex.Matcher binding = java.util.regex.Pattern.compile(
                "binding         drug: matrix retardation R ([0-9.]+) – ([0-9.]+) over tissue voxels").matcher(r.out());
        assertTrue(collagen.find() && binding.find(), r.out());
        // both printed to 4 significant digits
        assertEquals(1 + 10 * Double.parseDouble(collagen.group(1)), Double.parseDouble(binding.group(1)), 2e-3);
        assertEquals(1 + 10 * Double.parseDouble(collagen.group(2)), Double.parseDouble(binding.group(2)), 2e-3);
        assertTrue(!r.out().contains("Java backend only"), "both backends run binding: " + r.out());
    }
}
