package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** species[].ecm_binding: bound as written, off by default, refused with one located message. */
class EcmBindingKeyTest {

    private static final String IGG = "    preset: igg\n";

    private static String rim() throws Exception {
        return Files.readString(Path.of("configs/carcinoma-rim-fibrotic.yaml"));
    }

    private static String message(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, "b.yaml", List.of())).getMessage();
    }

    private static String withBinding(String base, String value) {
        assertTrue(base.contains(IGG));
        return base.replace(IGG, IGG + "    ecm_binding: {bound_to_free_per_collagen_fraction: " + value + "}\n");
    }

    @Test
    void absentMeansNoBindingAndAValueIsBoundAndWrittenBack() throws Exception {
        Scenario plain = ScenarioLoader.parse(rim(), "b.yaml", List.of());
        plain.species().forEach(s -> assertNull(s.ecmBinding(), s.name()));
        Scenario bound = ScenarioLoader.parse(withBinding(rim(), "20"), "b.yaml", List.of());
        SpeciesSpec igg = bound.species().get(bound.speciesIndex("igg"));
        assertEquals(20.0, igg.ecmBinding().boundToFreePerCollagenFraction());
        assertEquals(1 + 20 * 0.1, igg.ecmBinding().retardation(0.1), 1e-12);
        Scenario again = ScenarioLoader.parse(ScenarioYamlWriter.toYaml(bound), "resolved.yaml", List.of());
        assertEquals(igg.ecmBinding(), again.species().get(again.speciesIndex("igg")).ecmBinding());
    }

    @Test
    void badValuesAreRefusedWithTheirLocation() throws Exception {
        String m = message(withBinding(rim(), "-1"));
        assertTrue(m.contains("species[igg].ecm_binding.bound_to_free_per_collagen_fraction") && m.contains("b.yaml:225:"), m);
        m = message(rim().replace(IGG, IGG + "    ecm_binding: {retardation: 2}\n"));
        assertTrue(m.contains("species[igg].ecm_binding") && m.contains("retardation"), m);
    }

    @Test
    void bindingWithoutACompositionLawIsRefused() throws Exception {
        String base = Files.readString(Path.of("configs/default.yaml"));
        String line = "  - name: drug                     # doxorubicin-like small molecule\n";
        assertTrue(base.contains(line));
        String m = message(base.replace(line, line + "    ecm_binding: {bound_to_free_per_collagen_fraction: 5}\n"));
        assertTrue(m.contains("species[drug].ecm_binding") && m.contains("fibre_matrix"), m);
    }
}
