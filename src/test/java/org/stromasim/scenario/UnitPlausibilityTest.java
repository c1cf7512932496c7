package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Unit mistakes in a valid scenario are named (docs/parameters.md §10), and the shipped scenarios raise none. */
class UnitPlausibilityTest {

    @Test
    void pascalTypedAsKilopascalAndSquareMetresTypedAsSquareMicronsAreNamed() {
        Scenario s = ScenarioLoader.loadDefault(List.of("ecm.stiffness_kpa.stroma=18200",
                "species.drug.d0_um2_per_s=1.17e-10"));
        List<String> w = UnitPlausibility.warnings(s);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("ecm.stiffness_kpa.stroma = 1.82e4 kPa is about 100× above the physiological "
                + "range 0.1–100 kPa"), w.get(0));
        assertTrue(w.get(0).endsWith("was it given in Pa? 1.82e4 Pa = 18.2 kPa"), w.get(0));
        assertTrue(w.get(1).startsWith("species.drug.d0_um2_per_s = 1.17e-10 µm²/s is about 1e9× below"), w.get(1));
        assertTrue(w.get(1).endsWith("was it given in m²/s? 1.17e-10 m²/s = 117 µm²/s"), w.get(1));
    }

    @Test
    void valuesInsideTheToleranceAreNotReported() {
        // 9 kPa x 100 = 900 kPa: extreme but not a unit slip; 0.05 um^2/s is 20x below 1 um^2/s
        Scenario s = ScenarioLoader.loadDefault(List.of("ecm.stiffness_kpa.stroma=900", "species.drug.d0_um2_per_s=0.05"));
        assertEquals(List.of(), UnitPlausibility.warnings(s));
    }

    @Test
    void everyShippedScenarioIsPlausible() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("configs"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertEquals(List.of(), UnitPlausibility.warnings(ScenarioLoader.load(f)), f.toString());
            }
        }
    }
}
