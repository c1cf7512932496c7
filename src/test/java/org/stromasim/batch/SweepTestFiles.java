package org.stromasim.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sweep files for tests, over the tiny test scenario. */
final class SweepTestFiles {

    private SweepTestFiles() {
    }

    static Path write(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "base: " + BatchCli.tinyScenario() + "\n" + body);
        return file;
    }

    /** Two stiffnesses × two drug diffusivities × two replicates = 8 runs. */
    static Path twoByTwoByTwo(Path dir) throws IOException {
        return write(dir, "sweep.yaml", """
                axes:
                  - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
                  - {key: species.drug.d0_um2_per_s, linspace: {start: 50, stop: 150, count: 2}}
                replicates: 2
                """);
    }
}
