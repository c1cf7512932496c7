package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.tissue.TestScenarios.v;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.EcmSpec;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.TissueSpec;

/** A 256³ tissue with every feature builds in seconds (bound: 60 s on two shared cores). */
class TissueBuilderPerformanceTest {

    @Test
    void builds256CubedInSeconds() {
        TissueSpec tissue = TestScenarios.tissue(
                List.of(TestScenarios.sphere(1280, 1280, 1280, 500), new TissueSpec.Nest(v(600, 700, 1800), v(300, 200, 250))),
                100, new TissueSpec.Fibroblasts(0.2, 0.02, 0.5, 0.05),
                List.of(new TissueSpec.StraightVessel(v(0, 400, 400), v(2560, 2200, 2000), 20),
                        new TissueSpec.RandomWalkVessel(v(100, 2400, 1280), v(1, -0.5, 0), 8000, 20, 20, 8),
                        new TissueSpec.RandomWalkVessel(v(2400, 100, 100), v(-1, 1, 1), 8000, 20, 20, 8)));
        long t0 = System.nanoTime();
        BuiltTissue b = TissueBuilder.buildWithRegions(TestScenarios.scenario(new GridSpec(256, 256, 256, 10), 2024L,
                new EcmSpec.StiffnessNoise(0.3, 40, v(1, 1, 0), 2.0), tissue));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("256^3 tissue built in %.1f s%n", seconds);
        assertEquals(256 * 256 * 256, b.tissue().cell().length);
        assertTrue(b.regions().count(TissueRegion.VESSEL) > 0 && b.regions().count(TissueRegion.STROMA) > 0);
        assertTrue(seconds < 60, "build took " + seconds + " s");
    }
}
