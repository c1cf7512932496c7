package org.stromasim.backend.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.backend.BackendChoice;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Reversible matrix binding runs on OpenCL under every scheme, so it does not move the backend choice: auto
 * plans for the backend it would plan for without binding, and opencl as asked stays opencl.
 */
class BindingBackendChoiceTest {

    private static Scenario scenario(boolean binding, String scheme) throws Exception {
        String text = Files.readString(Path.of("configs/carcinoma-rim-fibrotic.yaml"));
        if (binding) {
            text = text.replace("    preset: igg\n", "    preset: igg\n    ecm_binding: {bound_to_free_per_collagen_fraction: 10}\n");
        }
        String[] coupling = scheme.split(":");
        List<String> settings = coupling[0].equals("explicit") ? List.of()
                : coupling.length == 1 ? List.of("run.diffusion.scheme=" + coupling[0], "run.dt_s=20")
                : List.of("run.diffusion.scheme=" + coupling[0], "run.dt_s=20", "run.diffusion.coupling=" + coupling[1]);
        Scenario sc = ScenarioLoader.parse(text, binding ? "b.yaml" : "u.yaml", settings);
        assertEquals(binding, sc.species().stream().anyMatch(s -> s.ecmBinding() != null));
        return sc;
    }

    @ParameterizedTest
    @ValueSource(strings = {"explicit", "rkl2", "implicit:plain", "implicit:unsplit"})
    void bindingDoesNotMoveTheBackendChoice(String scheme) throws Exception {
        Scenario bound = scenario(true, scheme);
        assertEquals(BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, scenario(false, scheme)),
                BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, bound), scheme);
        assertTrue(BackendFactory.choosesOpenCl(BackendChoice.OPENCL, null, bound), scheme);
    }
}
