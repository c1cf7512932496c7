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
}
