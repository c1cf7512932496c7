package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A run killed with SIGKILL at an arbitrary moment (here: while it writes snapshots back to back) leaves
 * only complete, readable snapshots, an index that references only those, and whole metrics rows.
 */
class KilledRunTest {

    @TempDir
    Path dir;

    @Test
    void everythingLeftByAKilledRunIsComplete() throws Exception {
        for (long extraDelayMs : new long[] {0, 37, 111}) {
            Path root = dir.resolve("run" + extraDelayMs);
            killWhileRunning(root, extraDelayMs);
            checkComplete(RunDirectory.open(root));
        }
    }

    private static void killWhileRunning(Path root, long extraDelayMs) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process victim = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KilledRunVictim.class.getName(), root.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolveSibling(root.getFileName() + ".out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (snapshotCount(root) < 3) {
                if (!victim.isAlive()) {
                    fail("victim exited early: " + Files.readString(root.resolveSibling(root.getFileName() + ".out")));
                }
                if (System.nanoTime() > deadline) {
                    fail("victim wrote fewer than 3 snapshots in 60 s");
                }
                Thread.sleep(5);
            }
            Thread.sleep(extraDelayMs);
        } finally {
            victim.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no finally blocks
            victim.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int snapshotCount(Path root) throws Exception {
        Path snapshots = root.resolve(RunDirectory.SNAPSHOTS_DIR);
        if (!Files.isDirectory(snapshots) || !Files.exists(root.resolve(RunDirectory.SCENARIO_FILE))) {
            return 0;
        }
        return RunDirectory.open(root).listSnapshots().size();
    }

    private static void checkComplete(RunDirectory run) throws Exception {
        List<Path> snapshots = run.listSnapshots();
        assertTrue(snapshots.size() >= 3, "snapshots " + snapshots);
        for (int s = 0; s < snapshots.size(); s++) {
            assertEquals(run.snapshotFile(s), snapshots.get(s), "no gap in the ordinals");
            Snapshot snapshot = SnapshotReader.read(snapshots.get(s)); // throws on a torn file
            assertEquals(s * 60.0, snapshot.info().timeS());
            SnapshotRoundTripTest.assertBitwiseEqual("drug", TestStates.filledTissue(snapshot.tissue().grid(), s)
                    .concentration(0), snapshot.tissue().concentration(0));
        }

        Document xdmf = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(run.xdmfFile().toFile());
        NodeList items = xdmf.getElementsByTagName("DataItem");
        for (int n = 0; n < items.getLength(); n++) {
            String text = items.item(n).getTextContent().trim();
            if (text.contains(".h5:")) {
                Path h5 = run.root().resolve(text.substring(0, text.indexOf(':')));
                assertTrue(Files.isRegularFile(h5), "run.xmf references missing " + h5);
            }
        }
        int indexed = xdmf.getElementsByTagName("Time").getLength();
        assertTrue(indexed == snapshots.size() || indexed == snapshots.size() - 1,
                "index lags the snapshots by at most the one being indexed: " + indexed + " vs " + snapshots.size());

        String metrics = Files.readString(run.metricsFile());
        List<String> rows = metrics.lines().filter(l -> !l.startsWith("#") && !l.startsWith("time_s")).toList();
        for (int r = 0; r < rows.size(); r++) {
            assertEquals((r * 60.0) + "," + (double) r, rows.get(r), "metrics row " + r);
        }
        assertTrue(rows.size() >= snapshots.size() - 1, rows.size() + " rows for " + snapshots.size() + " snapshots");
    }
}
