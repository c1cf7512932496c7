package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.Snapshot;
import org.stromasim.tissue.Tissue;

/**
 * A resumed rkl2 run equals the uninterrupted one bitwise on the Java backend, as
 * {@link RestartEqualityTest} shows for the explicit scheme. The plain coupling (the only one a
 * scenario can ask for) keeps no split-scheme state, so the snapshot carries no rebalancing term.
 */
class Rkl2RestartEqualityTest {

    @TempDir
    Path dir;

    // a step within the split error bound of the tiny scenario (its vessel walls allow at most 0.197 s)
    private static final String[] RKL2 = {"--set", "run.diffusion.scheme=rkl2", "--set", "run.dt_s=0.15"};

    @Test
    void resumingAnRkl2RunAtHalfTimeGivesTheUninterruptedRunBitwise() throws Exception {
        String tiny = BatchCli.tinyScenario().toString();
        Path whole = dir.resolve("whole");
        Path halves = dir.resolve("halves");
        BatchCli.runOk(args("run", tiny, "--out", whole.toString(), "--until", "30"));
        BatchCli.runOk(args("run", tiny, "--out", halves.toString(), "--until", "15"));

        Snapshot half = BatchCli.latestSnapshot(halves);
        assertEquals(15.0, half.info().timeS());
        int drug = half.tissue().speciesNames().indexOf("drug");
        assertTrue(half.tissue().rebalancePerS(drug) == null, "plain coupling stores no rebalancing term");

        BatchCli.runOk("resume", halves.toString(), "--until", "30", "--threads", "2", "--backend", "java",
                "--no-progress");
        Snapshot expected = BatchCli.latestSnapshot(whole);
        Snapshot actual = BatchCli.latestSnapshot(halves);
        assertEquals(30.0, actual.info().timeS());
        BatchCli.assertStatesBitwiseEqual(expected.tissue(), actual.tissue());
        assertTermsBitwiseEqual(expected.tissue(), actual.tissue());
        assertEquals(RestartEqualityTest.dataRows(whole), RestartEqualityTest.dataRows(halves), "metrics.csv rows");
    }

    private static String[] args(String... first) {
        String[] tail = {"--threads", "2", "--backend", "java", "--no-progress"};
        String[] all = new String[first.length + RKL2.length + tail.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(RKL2, 0, all, first.length, RKL2.length);
        System.arraycopy(tail, 0, all, first.length + RKL2.length, tail.length);
        return all;
    }

    private static void assertTermsBitwiseEqual(Tissue expected, Tissue actual) {
        for (int s = 0; s < expected.speciesCount(); s++) {
            float[] e = expected.rebalancePerS(s);
            float[] a = actual.rebalancePerS(s);
            assertEquals(e == null, a == null, "term present for species " + s);
            for (int v = 0; e != null && v < e.length; v++) {
                assertEquals(Float.floatToIntBits(e[v]), Float.floatToIntBits(a[v]),
                        "rebalancing term of species " + s + " at voxel " + v);
            }
        }
    }
}
