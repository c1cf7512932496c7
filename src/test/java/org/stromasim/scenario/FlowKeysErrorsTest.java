package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Face;

/** ecm.flow.zero_flux_faces and ecm.flow.convection: accepted as written, refused with one located message. */
class FlowKeysErrorsTest {

    static String rim() throws Exception {
        return Files.readString(Path.of("configs/carcinoma-rim-flow.yaml"));
    }

    static String message(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(text, "f.yaml", List.of())).getMessage();
    }

    @Test
    void shippedRimColumnBindsItsFacesAndReflections() throws Exception {
        Scenario s = ScenarioLoader.parse(rim(), "f.yaml", List.of());
        assertEquals(java.util.EnumSet.of(Face.X_MIN, Face.X_MAX, Face.Y_MIN, Face.Y_MAX, Face.Z_MIN),
                s.ecm().flow().zeroFluxFaces());
        assertEquals(java.util.Map.of("drug", 0.0, "igg", 0.9), s.ecm().flow().convection().soluteReflection());
        assertEquals(10.0, s.ecm().flow().convection().intervalS());
    }

    @Test
    void unknownOrRepeatedFaceIsRefused() throws Exception {
        String line = "    zero_flux_faces: [x_min, x_max, y_min, y_max, z_min]";
        assertTrue(rim().contains(line));
        String m = message(rim().replace(line, "    zero_flux_faces: [x_min, q_max]"));
        assertTrue(m.contains("ecm.flow.zero_flux_faces") && m.contains("unknown face 'q_max'")
                && m.contains("x_min, x_max, y_min, y_max, z_min, z_max"), m);
        m = message(rim().replace(line, "    zero_flux_faces: [z_min, z_min]"));
        assertTrue(m.contains("face listed twice: 'z_min'"), m);
    }

    @Test
    void everyCrossingSpeciesNeedsAReflectionAndNoOtherMayHaveOne() throws Exception {
        String line = "        igg: 0.9";
        assertTrue(rim().contains(line));
        String m = message(rim().replace(line, ""));
        assertTrue(m.contains("ecm.flow.convection.solute_reflection") && m.contains("lacks species igg"), m);
        m = message(rim().replace(line, line + "\n        lactate: 0.5"));
        assertTrue(m.contains("solute_reflection.lactate") && m.contains("names no species with vessel exchange"), m);
    }

    /** Convection takes each vessel group's plasma curve at that group's walls: a group with curves of its own loads. */
    @Test
    void groupPlasmaCurvesAreAcceptedWithConvection(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path csv = temp.resolve("net.csv");
        Files.writeString(csv, "node,1,0,30,30\nnode,2,480,30,30\nsegment,a,1,2,10,1,art\n");
        String line = "    - {shape: straight, from_um: [0, 30, 30], to_um: [480, 30, 30], radius_um: 10}";
        assertTrue(rim().contains(line));
        String network = "    - {shape: network, file: " + csv + ", groups: {art: {plasma: {drug: {type: constant, level: 2}}}}}";
        ScenarioLoader.parse(rim().replace(line, network), "f.yaml", List.of());
    }

    @Test
    void slowIntervalMustBeAWholeNumberOfConvectionSteps() throws Exception {
        String text = Files.readString(Path.of("configs/fibrotic-barrier.yaml"));
        String line = "    boundary_pressure_mmhg: 0";
        assertTrue(text.contains(line));
        String withConvection = text.replaceFirst(java.util.regex.Pattern.quote(line) + ".*\n", line
                + "\n    convection: {interval_s: 7, solute_reflection: {drug: 0, lactate: 0}}\n");
        String m = message(withConvection);
        assertTrue(m.contains("ecm.flow.convection.interval_s") && m.contains("biology.slow_interval_s = 30"), m);
        // 30 s = 3 × 10 s is accepted
        ScenarioLoader.parse(withConvection.replace("interval_s: 7", "interval_s: 10"), "f.yaml", List.of());
    }
}
