package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.reference.GroupPlasmaConvection;
import org.stromasim.reference.VesselGroupPlasma;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Vessel-group plasma curves with convection through the time loop on both backends (an early and a
 * late bolus, {@link VesselGroupPlasma#GROUPS}, on {@link GroupPlasmaConvection}): every field within
 * {@link BiologyParityTest#TOLERANCE} per voxel, and the run differs from the one without group curves by
 * far more, so a backend that ignored the groups would fail. Runs in CI on PoCL (never skipped under CI=true).
 */
@EnabledIfOpenClOrCi
class GroupPlasmaConvectionParityTest {

    @TempDir
    Path temp;

    @Test
    void groupCurvesWithConvectionRunTheSameOnBothBackends() throws IOException {
        Scenario sc = ScenarioLoader.load(GroupPlasmaConvection.write(Files.createDirectories(temp.resolve("g")),
                VesselGroupPlasma.GROUPS));
        Scenario plain = ScenarioLoader.load(GroupPlasmaConvection.write(Files.createDirectories(temp.resolve("p")),
                "{early: {}, late: {}}"));
        var java = BiologyOnBothBackends.run(sc, false, 4).last;
        var opencl = BiologyOnBothBackends.run(sc, true, 4).last;
        var without = BiologyOnBothBackends.run(plain, false, 4).last;
        BothBackends.assertSameState(java, opencl, BiologyParityTest.TOLERANCE);
        float[] a = java.concentration("drug");
        float[] b = without.concentration("drug");
        double scale = 0;
        double diff = 0;
        for (int v = 0; v < a.length; v++) {
            scale = Math.max(scale, Math.abs(b[v]));
            diff = Math.max(diff, Math.abs(a[v] - b[v]));
        }
        assertTrue(diff > 100 * BiologyParityTest.TOLERANCE * scale, "the groups changed " + diff / scale + " of the maximum");
    }
}
