package org.stromasim.backend.opencl;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.reference.GroupMetabolite;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * A metabolite formed from a vessel group's own dosing ({@link GroupMetabolite}) on both backends: the
 * same explicit steps give every field within {@link FeatureParityTest#TOLERANCE} per voxel. Runs in CI
 * on PoCL (never skipped under CI=true).
 */
@EnabledIfOpenClOrCi
class GroupMetaboliteParityTest {

    @TempDir
    Path temp;

    @Test
    void bothBackendsCarryTheGroupsMetabolite() throws IOException {
        Scenario sc = ScenarioLoader.load(GroupMetabolite.write(temp, GroupMetabolite.GROUPS));
        Tissue initial = TissueBuilder.build(sc);
        Tissue java = BothBackends.run(sc, initial, false, 0.05, 80);
        Tissue opencl = BothBackends.run(sc, initial, true, 0.05, 80);
        BothBackends.assertSameState(java, opencl, FeatureParityTest.TOLERANCE);
    }
}
