package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.Snapshot;

/**
 * The implicit scheme keeps no state besides the fields (its multigrid hierarchy is rebuilt from the
 * diffusivity, its solves start from the state), and its passes do not depend on the thread split, so
 * a resumed run equals the uninterrupted one bitwise on the Java backend.
 */
class ImplicitRestartEqualityTest {

    @TempDir
    Path dir;

    @Test
    void resumingAnImplicitRunAtHalfTimeGivesTheUninterruptedRunBitwise() throws Exception {
        String tiny = BatchCli.tinyScenario().toString();
        Path whole = dir.resolve("whole");
        Path halves = dir.resolve("halves");
        String[] scheme = {"--set", "run.diffusion.scheme=implicit", "--set", "run.dt_s=0.25", "--threads", "2",
                "--backend", "java", "--no-progress"};
        BatchCli.runOk(concat(new String[] {"run", tiny, "--out", whole.toString(), "--until", "30"}, scheme));
        BatchCli.runOk(concat(new String[] {"run", tiny, "--out", halves.toString(), "--until", "15"}, scheme));
        BatchCli.runOk("resume", halves.toString(), "--until", "30", "--threads", "2", "--backend", "java",
                "--no-progress");
        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(halves);
        assertEquals(30.0, actual.info().timeS());
        BatchCli.assertStatesBitwiseEqual(expected.tissue(), actual.tissue());
        assertEquals(RestartEqualityTest.dataRows(whole), RestartEqualityTest.dataRows(halves), "metrics.csv rows");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
