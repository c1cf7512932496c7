package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Vessel compression and the matrix co-therapies on the OpenCL backend against the Java one (the carcinoma-rim
 * scenarios, 120 s through the time loop: 4 slow steps, convection every 10 s): the device's hyaluronan state reaches
 * its diffusivity and the compressed wall reaches its wall buffer after every slow step, so the fields agree
 * within {@link BiologyParityTest#TOLERANCE} of their maximum; and each co-therapy moves IgG by more than 30 times that
 * against the untreated run, so a backend that ignored it would fail. The hyaluronan rates are raised to 0.01/s
 * (the hard regime: g falls to ~0.3 within the two minutes) so the co-therapies act within the test's window.
 */
@EnabledIfOpenClOrCi
class MatrixTreatmentParityTest {

    static Scenario rim(String which) {
        return ScenarioLoader.load(Path.of("configs/carcinoma-rim-" + which + ".yaml"),
                List.of("run.end_time_s=120", "run.snapshot_interval_s=120", "run.metrics_interval_s=60",
                        "ecm.hyaluronan.turnover_per_s=0.01", "ecm.hyaluronan.hyaluronidase_per_s=0.01"));
    }

    @Test
    void coTherapiesRunTheSameOnBothBackends() {
        var untreated = BiologyOnBothBackends.run(rim("fibrotic"), false, 120).last;
        for (String which : List.of("hyaluronidase", "losartan")) {
            Scenario s = rim(which);
            var java = BiologyOnBothBackends.run(s, false, 120).last;
            var opencl = BiologyOnBothBackends.run(s, true, 120).last;
            BothBackends.assertClose(which + " stiffness", java.stiffnessKpa(), opencl.stiffnessKpa(),
                    BiologyParityTest.TOLERANCE);
            BothBackends.assertClose(which + " hyaluronan", java.gagFraction(), opencl.gagFraction(),
                    BiologyParityTest.TOLERANCE);
            for (String species : List.of("igg", "drug")) {
                BothBackends.assertClose(which + " " + species, java.concentration(species),
                        opencl.concentration(species), BiologyParityTest.TOLERANCE);
            }
            float[] a = opencl.concentration("igg");
            float[] b = untreated.concentration("igg");
            double scale = 0;
            double diff = 0;
            for (int v = 0; v < a.length; v++) {
                scale = Math.max(scale, Math.abs(b[v]));
                diff = Math.max(diff, Math.abs(a[v] - b[v]));
            }
            System.out.printf("co-therapy parity: %s changed IgG by %.2e of its maximum%n", which, diff / scale);
            assertTrue(diff > 30 * BiologyParityTest.TOLERANCE * scale, which + " changed IgG by " + diff / scale);
        }
    }
}
