package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.tissue.TestScenarios.v;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.TissueSpec;

/** Same seed → bit-identical tissue; separate streams keep features from reshuffling one another. */
class DeterminismTest {

    private static final GridSpec GRID = new GridSpec(48, 40, 36, 10);
    private static final EcmSpec.StiffnessNoise NOISE = new EcmSpec.StiffnessNoise(0.4, 30, v(1, 2, 0.5), 2.0);
    private static final TissueSpec.Fibroblasts FIB = new TissueSpec.Fibroblasts(0.3, 0.05, 0.5, 0.1);

    private static List<TissueSpec.VesselSpec> vessels() {
        List<TissueSpec.VesselSpec> list = new ArrayList<>();
        list.add(new TissueSpec.StraightVessel(v(0, 50, 50), v(480, 60, 300), 12));
        list.add(new TissueSpec.RandomWalkVessel(v(20, 350, 180), v(1, -0.2, 0), 600, 20, 25, 8));
        return list;
    }

    private static Scenario scenario(long seed, List<TissueSpec.VesselSpec> vessels, TissueSpec.Fibroblasts fib) {
        return TestScenarios.scenario(GRID, seed, NOISE, TestScenarios.tissue(
                        List.of(new TissueSpec.Nest(v(240, 200, 180), v(90, 70, 60))), 40, fib, vessels),
                List.of(TestScenarios.species("drug", 0.0), TestScenarios.species("lactate", 1.5)));
    }

    @Test
    void sameSeedGivesBitIdenticalTissue() {
        Tissue a = TissueBuilder.build(scenario(42L, vessels(), FIB));
        Tissue b = TissueBuilder.build(scenario(42L, vessels(), FIB));
        assertArrayEquals(a.cell(), b.cell());
        assertArrayEquals(a.stiffnessKpa(), b.stiffnessKpa()); // compares float bit patterns
        assertArrayEquals(a.viability(), b.viability());
        assertArrayEquals(a.vesselDistanceUm(), b.vesselDistanceUm());
        assertArrayEquals(a.drugExposure(), b.drugExposure());
        for (int s = 0; s < a.speciesCount(); s++) {
            assertArrayEquals(a.concentration(s), b.concentration(s));
        }
    }

    @Test
    void differentSeedGivesDifferentTextureCellsAndWalk() {
        Tissue a = TissueBuilder.build(scenario(42L, vessels(), FIB));
        Tissue b = TissueBuilder.build(scenario(43L, vessels(), FIB));
        assertFalse(Arrays.equals(a.stiffnessKpa(), b.stiffnessKpa()));
        assertFalse(Arrays.equals(a.cell(), b.cell()));
        assertFalse(Arrays.equals(a.vesselDistanceUm(), b.vesselDistanceUm()), "random-walk vessel moved");
    }

    /** Adding a vessel leaves the texture, the fibroblast draws and the other vessels where they were. */
    @Test
    void addingAVesselReshufflesNothingElse() {
        List<TissueSpec.VesselSpec> more = vessels();
        more.add(new TissueSpec.RandomWalkVessel(v(400, 20, 20), v(0, 1, 1), 500, 20, 30, 10));
        BuiltTissue a = TissueBuilder.buildWithRegions(scenario(42L, vessels(), FIB));
        BuiltTissue b = TissueBuilder.buildWithRegions(scenario(42L, more, FIB));
        byte vessel = CellType.VESSEL.code();
        int unchanged = 0;
        for (int i = 0; i < a.tissue().cell().length; i++) {
            if (a.tissue().cell()[i] == vessel) {
                assertEquals(vessel, b.tissue().cell()[i], "old lumen voxel " + i + " kept");
            }
            if (b.tissue().cell()[i] != vessel) {
                assertEquals(a.tissue().cell()[i], b.tissue().cell()[i], "cell at " + i);
                assertEquals(a.tissue().stiffnessKpa()[i], b.tissue().stiffnessKpa()[i], 0f, "stiffness at " + i);
                unchanged++;
            }
        }
        assertTrue(b.regions().count(TissueRegion.VESSEL) > a.regions().count(TissueRegion.VESSEL));
        assertTrue(unchanged > 0);
    }

    /** Raising the CAF fraction converts fibroblasts to CAFs only: placement is a monotone coupling. */
    @Test
    void raisingCafFractionOnlyActivatesExistingFibroblasts() {
        Tissue a = TissueBuilder.build(scenario(42L, vessels(), FIB));
        Tissue b = TissueBuilder.build(scenario(42L, vessels(), new TissueSpec.Fibroblasts(0.3, 0.05, 0.9, 0.1)));
        assertArrayEquals(a.stiffnessKpa(), b.stiffnessKpa());
        int activated = 0;
        for (int i = 0; i < a.cell().length; i++) {
            byte ca = a.cell()[i];
            byte cb = b.cell()[i];
            if (ca == CellType.CAF.code()) {
                assertEquals(CellType.CAF.code(), cb);
            } else if (ca == CellType.FIBROBLAST.code() && cb == CellType.CAF.code()) {
                activated++;
            } else {
                assertEquals(ca, cb, "voxel " + i);
            }
        }
        assertTrue(activated > 0);
    }

    @Test
    void initialFieldsAreSet() {
        Tissue t = TissueBuilder.build(scenario(42L, vessels(), FIB));
        for (int v = 0; v < t.cell().length; v++) {
            assertEquals(1f, t.viability()[v]);
            assertEquals(0f, t.drugExposure()[v]);
            assertEquals(0f, t.concentration("drug")[v]);
            assertEquals(1.5f, t.concentration("lactate")[v]); // vessel voxels too: the backend sets plasma levels
            assertEquals(t.cell()[v] == CellType.VESSEL.code(), t.vesselDistanceUm()[v] == 0f, "voxel " + v);
        }
    }
}
