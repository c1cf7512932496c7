package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.io.Snapshot;
import org.stromasim.tissue.Tissue;

/**
 * The large-step scheme's rebalancing term is state of the split scheme: snapshots store it
 * (/split_state) and a resume restores it, so a resumed rkl2 run equals the uninterrupted one bitwise
 * on the Java backend, as {@link RestartEqualityTest} shows for the explicit scheme. Without the term a
 * resumed run would restart it at 0 and differ from the first step after the resume.
 */
class Rkl2RestartEqualityTest {

    @TempDir
    Path dir;

    private static final String[] RKL2 = {"--set", "run.diffusion.scheme=rkl2", "--set", "run.dt_s=2.5"};

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
        float[] q = half.tissue().rebalancePerS(drug);
        assertNotNull(q, "the snapshot stores the drug's rebalancing term");
        assertTrue(maxAbs(q) > 0, "the stored term is not all zero (vessels inject drug each step)");

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

    private static double maxAbs(float[] values) {
        double m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
