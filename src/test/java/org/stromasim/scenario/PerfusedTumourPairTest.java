package org.stromasim.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * The shipped perfused-tumour pair isolates the matrix: collagen-rich with its tumour stiffness, name and
 * description set to collagen-poor's is the same scenario, and the two build the same cells and vessel wall
 * with every tumour voxel at the pair's stiffness (3.04 kPa normal breast, 39.5 kPa the fibrotic ceiling,
 * docs/parameters.md §3), so the read-outs of docs/barrier-physics.md section 8 compare one change.
 */
class PerfusedTumourPairTest {

    private static final Path POOR = Path.of("configs/perfused-tumour-collagen-poor.yaml");
    private static final Path RICH = Path.of("configs/perfused-tumour-collagen-rich.yaml");

    @Test
    void theTwoDifferOnlyInTheTumourStiffness() {
        Scenario poor = ScenarioLoader.load(POOR, List.of());
        Scenario rich = ScenarioLoader.load(RICH, List.of());
        assertNotEquals(poor, rich);
        Scenario richAsPoor = ScenarioLoader.load(RICH, List.of("name=" + poor.name(),
                "description='" + poor.description() + "'", "ecm.stiffness_kpa.tumour=3.04",
                "tissue.regions[0].stiffness_kpa=3.04"));
        assertEquals(poor, richAsPoor);
    }

    @Test
    void bothBuildTheSameTumourAtTheirOwnStiffness() {
        Tissue poor = TissueBuilder.build(ScenarioLoader.load(POOR, List.of()));
        Tissue rich = TissueBuilder.build(ScenarioLoader.load(RICH, List.of()));
        assertArrayEquals(poor.cell(), rich.cell());
        byte vessel = CellType.VESSEL.code();
        int tumour = 0;
        for (int v = 0; v < poor.cell().length; v++) {
            if (poor.cell()[v] == vessel) {
                continue;
            }
            assertEquals(CellType.CANCER.code(), poor.cell()[v], "voxel " + v);
            assertEquals(3.04f, poor.stiffnessKpa()[v], 0f, "collagen-poor stiffness at voxel " + v);
            assertEquals(39.5f, rich.stiffnessKpa()[v], 0f, "collagen-rich stiffness at voxel " + v);
            tumour++;
        }
        // one capillary of radius 8 µm in a 200 µm square: lumen ≈ π·8²/200² = 0.5 % of the cross-section
        assertEquals(poor.cell().length, tumour, poor.cell().length * 0.02);
    }
}
