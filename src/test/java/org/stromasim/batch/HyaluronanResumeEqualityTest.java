package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.Snapshot;
import org.stromasim.tissue.CellType;

/**
 * Hyaluronan is a state of the run: a hyaluronidase run stopped at 60 s and resumed from its snapshot file equals
 * the uninterrupted run at 120 s bitwise (Java backend, same threads), hyaluronan field included, and the field did
 * change (so a resume that restarted it from the baseline would fail).
 */
class HyaluronanResumeEqualityTest {

    @TempDir
    Path dir;

    @Test
    void resumedHyaluronidaseRunEqualsTheUninterruptedOne() throws Exception {
        String scenario = "configs/carcinoma-rim-hyaluronidase.yaml";
        String[] common = {"--threads", "2", "--backend", "java", "--no-progress", "--set", "run.snapshot_interval_s=60",
                "--set", "run.metrics_interval_s=60"};
        Path whole = dir.resolve("whole");
        Path halves = dir.resolve("halves");
        BatchCli.runOk(concat(new String[] {"run", scenario, "--out", whole.toString(), "--until", "120"}, common));
        BatchCli.runOk(concat(new String[] {"run", scenario, "--out", halves.toString(), "--until", "60"}, common));
        assertEquals(60.0, BatchCli.latestSnapshot(halves).info().timeS());
        BatchCli.runOk("resume", halves.toString(), "--until", "120", "--threads", "2", "--backend", "java",
                "--no-progress");

        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(halves);
        assertEquals(120.0, actual.info().timeS());
        assertNotNull(actual.tissue().gagFraction(), "the snapshot stores the hyaluronan state");
        BatchCli.assertStatesBitwiseEqual(expected.tissue(), actual.tissue());
        int cancer = 0;
        while (actual.tissue().cell()[cancer] != CellType.CANCER.code()) {
            cancer++;
        }
        // 4 slow steps of hyaluronidase at k_h = 3.2e-4/s: 1.2e-3·e^(−(k_t + k_h)·120) + …, about 0.96 of the baseline
        assertTrue(actual.tissue().gagFraction()[cancer] < 0.97f * 1.2e-3f, "hyaluronidase acted: "
                + actual.tissue().gagFraction()[cancer]);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
