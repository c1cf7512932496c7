package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario shipped in configs/, and the embedded default, runs a few steps end to end. */
class ShippedScenariosTest {

    @TempDir
    Path temp;

    static Stream<Path> configs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "configs/ holds no scenario");
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void runsAFewSteps(Path scenario) throws IOException {
        Path out = temp.resolve(scenario.getFileName().toString());
        // Step control cannot certify a window of one step when fields grow from zero (a first-order step's
        // relative error is then the same at any length), so a step-controlled scenario runs five minutes.
        boolean controlled = org.stromasim.scenario.ScenarioLoader.load(scenario, List.of()).run().diffusion()
                .hasAccuracyTarget();
        String until = controlled ? "300" : "0.3";
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", out.toString(),
                "--until", until, "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.readString(out.resolve("metrics.csv")).lines().anyMatch(l -> l.startsWith(until)),
                "a metrics row at the end time");
    }

    @Test
    void embeddedDefaultRunsAFewSteps() {
        Path out = temp.resolve("default");
        CliHarness.Result r = CliHarness.run("run", "--out", out.toString(), "--until", "0.3", "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("finished default"), r.out());
    }
}
