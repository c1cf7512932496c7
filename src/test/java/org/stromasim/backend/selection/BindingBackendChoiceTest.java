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

/**
 * Reversible matrix binding runs on OpenCL with the explicit and RKL2 schemes; with scheme implicit (either
 * coupling) OpenCL names it, and auto does not plan for OpenCL.
 */
class BindingBackendChoiceTest {

    private static Scenario bound(String... overrides) throws Exception {
        String text = Files.readString(Path.of("configs/carcinoma-rim-fibrotic.yaml")).replace("    preset: igg\n",
                "    preset: igg\n    ecm_binding: {bound_to_free_per_collagen_fraction: 10}\n");
        return ScenarioLoader.parse(text, "b.yaml", List.of(overrides));
    }

    private static String refusal(Scenario sc) {
        return OpenClBackend.bindingRefusal(sc.species().stream().map(s -> s.name()).toList(),
                s -> sc.species().get(s).ecmBinding() != null, sc.run().diffusion());
    }

    @Test
    void implicitSchemesRefuseBindingByNameAndAutoPlansForJava() throws Exception {
        for (String coupling : new String[] {"plain", "unsplit"}) {
            Scenario sc = bound("run.diffusion.scheme=implicit", "run.dt_s=20", "run.diffusion.coupling=" + coupling);
            assertFalse(BackendFactory.choosesOpenCl(BackendChoice.AUTO, null, sc), coupling);
            assertTrue(BackendFactory.choosesOpenCl(BackendChoice.OPENCL, null, sc), "opencl as asked: select refuses");
            String why = refusal(sc);
            assertTrue(why != null && why.contains("species[].ecm_binding") && why.contains("igg")
                    && why.contains("scheme: implicit") && why.contains("--backend java") && !why.contains("drug"), why);
        }
    }

    @Test
    void explicitAndRkl2RunBindingOnOpenCl() throws Exception {
        assertNull(refusal(bound()));
        assertNull(refusal(bound("run.diffusion.scheme=rkl2", "run.dt_s=20")));
        Scenario implicitUnbound = ScenarioLoader.parse(Files.readString(Path.of("configs/carcinoma-rim-fibrotic.yaml")),
                "u.yaml", List.of("run.diffusion.scheme=implicit", "run.dt_s=20"));
        assertNull(refusal(implicitUnbound));
    }
}
