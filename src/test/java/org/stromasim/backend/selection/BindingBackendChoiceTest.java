package org.stromasim.backend.selection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/** Reversible matrix binding runs only on Java: OpenCL names it, and auto does not plan for OpenCL. */
class BindingBackendChoiceTest {

    @Test
    void openClRefusesBindingByNameAndAutoPlansForJava() throws Exception {
        String text = Files.readString(Path.of("configs/carcinoma-rim-fibrotic.yaml")).replace("    preset: igg\n",
                "    preset: igg\n    ecm_binding: {bound_to_free_per_collagen_fraction: 10}\n");
        Scenario bound = ScenarioLoader.parse(text, "b.yaml", List.of());
        assertFalse(BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, bound));
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.OPENCL, null, bound), "opencl as asked: select refuses");
        String why = OpenClBackend.bindingRefusal(bound.species().stream().map(s -> s.name()).toList(),
                s -> bound.species().get(s).ecmBinding() != null);
        assertTrue(why.contains("species[].ecm_binding") && why.contains("igg") && why.contains("--backend java")
                && !why.contains("drug"), why);
        assertNull(OpenClBackend.bindingRefusal(List.of("drug"), s -> false));
    }
}
