package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad {@code tissue.regions} entries: one line naming the file, the line, the key path and what is allowed. */
class RegionErrorsTest {

    private static final String HEAD = """
            name: regions
            grid: {nx: 4, ny: 4, nz: 4, voxel_um: 10}
            run: {end_time_s: 1, snapshot_interval_s: 1, metrics_interval_s: 1, seed: 1}
            ecm:
              diffusivity_law: {law: exponential, stiffness_scale_kpa: 10}
              stiffness_kpa: {normal: 3.04, stroma: 18.2, tumour: 9.1}
            species:
              - {name: drug, unit: uM, d0_um2_per_s: 100, stokes_radius_nm: 1}
            metrics: {drug_species: drug, exposure_threshold_unit_s: 1}
            tissue:
              stroma_shell_um: 0
              regions:
            """;

    private static void assertRefused(String region, String... fragments) {
        String text = HEAD + "    - " + region + "\n";
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(text, "r.yaml", List.of()));
        String m = e.getMessage();
        assertTrue(m.startsWith("r.yaml:13:"), "file and line first: " + m);
        assertEquals(1, m.lines().count(), "one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
        }
    }

    @Test
    void validRegionsLoadAndRoundTripThroughTheResolvedYaml() {
        String text = HEAD + """
                    - {shape: difference, of: [{shape: box, min_um: [0, 0, 0], max_um: [40, 40, 20]},
                                               {shape: ellipsoid, centre_um: [20, 20, 10], radii_um: [5, 5, 5]}],
                       stiffness_kpa: 12, cell: caf}
                    - {shape: union, of: [{shape: slab, point_um: [0, 0, 30], normal: [0, 0, 1], thickness_um: 5},
                                          {shape: cylinder, from_um: [0, 0, 0], to_um: [40, 0, 0], radius_um: 3}],
                       cell: cancer}
                """;
        Scenario sc = ScenarioLoader.parse(text, "r.yaml", List.of());
        assertEquals(2, sc.tissue().regions().size());
        Scenario again = ScenarioLoader.parse(ScenarioLoader.toYaml(sc), "resolved.yaml", List.of());
        assertEquals(sc.tissue().regions(), again.tissue().regions());
    }

    @Test
    void boxWhoseMaxDoesNotExceedItsMin() {
        assertRefused("{shape: box, min_um: [0, 0, 10], max_um: [40, 40, 10], cell: ecm}",
                "tissue.regions[0].max_um", "must exceed min_um");
    }

    @Test
    void unknownShape() {
        assertRefused("{shape: cone, cell: ecm}", "tissue.regions[0].shape", "half_space");
    }

    @Test
    void vesselIsNotARegionCellType() {
        assertRefused("{shape: half_space, point_um: [0, 0, 0], normal: [0, 0, 1], cell: vessel}",
                "tissue.regions[0].cell");
    }

    @Test
    void regionThatSetsNothing() {
        assertRefused("{shape: half_space, point_um: [0, 0, 0], normal: [0, 0, 1]}",
                "tissue.regions[0]", "stiffness_kpa, cell, region or several");
    }

    @Test
    void partOfAUnionMayNotSetStiffness() {
        assertRefused("{shape: union, of: [{shape: box, min_um: [0, 0, 0], max_um: [1, 1, 1], stiffness_kpa: 3}], cell: ecm}",
                "tissue.regions[0].of[0].stiffness_kpa", "unknown key");
    }

    @Test
    void zeroNormal() {
        assertRefused("{shape: half_space, point_um: [0, 0, 0], normal: [0, 0, 0], cell: ecm}",
                "tissue.regions[0].normal", "non-zero");
    }
}
