package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.BuiltTissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.tissue.TissueRegion;

/**
 * A tumour nest and its stroma shell written as two {@code tissue.regions} (a cancer sphere, and a
 * {@code region: stroma} difference of spheres) build the same tissue as {@code nests} with
 * {@code stroma_shell_um}: for a sphere the shell's surface distance is r − a exactly, so the shell is the
 * sphere of radius a + shell minus the nest. Fibroblast densities are zero in both (they are scattered
 * before regions apply, from the region map the nests give).
 */
class NestAsRegionsTest {

    private static Scenario scenario(String tissue) throws IOException {
        String text = Files.readString(CliHarness.testScenario("tiny.yaml"));
        int from = text.indexOf("\n  nests:");
        int to = text.indexOf("\n  vessels:");
        return ScenarioLoader.parse(text.substring(0, from) + tissue + text.substring(to), "nest.yaml", List.of());
    }

    @Test
    void nestAndShellAreTwoRegions() throws IOException {
        String noFibroblasts = "\n  fibroblasts: {stroma_fraction: 0, normal_fraction: 0, caf_fraction_stroma: 0, caf_fraction_normal: 0}";
        BuiltTissue procedural = TissueBuilder.buildWithRegions(scenario(
                "\n  nests: [{centre_um: [160, 160, 120], radii_um: [60, 60, 60]}]\n  stroma_shell_um: 40" + noFibroblasts));
        BuiltTissue regions = TissueBuilder.buildWithRegions(scenario("\n  nests: []\n  stroma_shell_um: 0" + noFibroblasts
                + "\n  regions:"
                + "\n    - {shape: ellipsoid, centre_um: [160, 160, 120], radii_um: [60, 60, 60], cell: cancer}"
                + "\n    - {shape: difference, region: stroma, of: [{shape: ellipsoid, centre_um: [160, 160, 120],"
                + " radii_um: [100, 100, 100]}, {shape: ellipsoid, centre_um: [160, 160, 120], radii_um: [60, 60, 60]}]}"));
        assertTrue(procedural.regions().count(TissueRegion.STROMA) > 100, "a shell to compare");
        assertTrue(procedural.regions().count(TissueRegion.TUMOUR) > 50, "a nest to compare");
        assertArrayEquals(procedural.regions().codes(), regions.regions().codes());
        assertArrayEquals(procedural.tissue().cell(), regions.tissue().cell());
        assertArrayEquals(procedural.tissue().stiffnessKpa(), regions.tissue().stiffnessKpa());
    }

    @Test
    void regionKeyReadsBack() throws IOException {
        Scenario sc = scenario("\n  nests: []\n  stroma_shell_um: 0\n  regions:"
                + "\n    - {shape: box, min_um: [0, 0, 0], max_um: [100, 100, 100], region: stroma}");
        assertEquals(TissueRegion.STROMA, sc.tissue().regions().get(0).region());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue(), again.tissue());
    }
}
