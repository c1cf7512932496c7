package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Convection through the time loop on the OpenCL backend against the Java one (carcinoma-rim-flow,
 * 120 s): the split step runs on the host for both, so the fields agree within
 * {@link BiologyParityTest#TOLERANCE} of their maximum (float transport on the device); and they differ
 * from the run without convection by far more than that, so a backend that skipped it would fail.
 */
@EnabledIfOpenClOrCi
class ConvectionParityTest {

    static Scenario rim(String interval) {
        return ScenarioLoader.load(Path.of("configs/carcinoma-rim-flow.yaml"),
                List.of("run.end_time_s=120", "run.snapshot_interval_s=120", "run.metrics_interval_s=60",
                        "ecm.flow.convection.interval_s=" + interval));
    }

    @Test
    void convectionRunsTheSameOnBothBackends() {
        Scenario with = rim("10");
        var java = BiologyOnBothBackends.run(with, false, 120).last;
        var opencl = BiologyOnBothBackends.run(with, true, 120).last;
        var without = BiologyOnBothBackends.run(rim("1e9"), false, 120).last;
        for (String species : List.of("igg", "drug")) {
            BothBackends.assertClose(species + " with convection", java.concentration(species),
                    opencl.concentration(species), BiologyParityTest.TOLERANCE);
            float[] a = opencl.concentration(species);
            float[] b = without.concentration(species);
            double scale = 0;
            double diff = 0;
            for (int v = 0; v < a.length; v++) {
                scale = Math.max(scale, Math.abs(b[v]));
                diff = Math.max(diff, Math.abs(a[v] - b[v]));
            }
            System.out.printf("convection parity: %s changed by %.2e of its maximum%n", species, diff / scale);
            assertTrue(diff > 100 * BiologyParityTest.TOLERANCE * scale, species + ": convection changed "
                    + diff / scale + " of the maximum");
        }
    }
}
