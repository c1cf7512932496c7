package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits a two-point sweep of the tiny scenario to a real Slurm as a job array, waits for it, collects
 * it and checks summary.csv. The sweep directory must be visible to the Slurm node: on the local
 * single-node cluster it is this machine's temporary directory.
 */
@EnabledIfSlurmOrCi
class SlurmSweepTest {

    @TempDir
    Path dir;

    @Test
    void aSweepSubmittedAsAJobArrayCompletesAndCollects() throws Exception {
        assertTrue(EnabledIfSlurmOrCi.Condition.slurmAnswers(), "CI=true but sinfo does not answer: is Slurm running?");
        Path sweepFile = SweepTestFiles.write(dir, "slurm.yaml", """
                axes:
                  - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
                """);
        Path out = dir.resolve("out");
        BatchCli.Result submitted = BatchCli.runOk("sweep", sweepFile.toString(), "--out", out.toString(),
                "--until", "5", "--slurm", "--time", "00:05:00");
        Matcher id = Pattern.compile("submitted job array (\\d+)").matcher(submitted.out());
        assertTrue(id.find(), submitted.out());
        assertTrue(Files.readString(out.resolve("slurm").resolve("array.sbatch")).contains("--array=0-1"));
        waitUntilGone(id.group(1), out);

        BatchCli.runOk("sweep", "collect", out.toString());
        List<Map<String, String>> rows = Csv.read(out.resolve(SweepSummary.FILE));
        assertEquals(2, rows.size());
        assertEquals(List.of("3", "18"), rows.stream().map(r -> r.get("ecm.stiffness_kpa.stroma")).toList());
        for (Map<String, String> row : rows) {
            assertEquals("completed", row.get("status"), () -> "row " + row + "; task logs in " + out.resolve("slurm"));
            assertEquals(5.0, Double.parseDouble(row.get("end_time_s")));
            assertTrue(Double.isFinite(Double.parseDouble(row.get("drug_mean_uM"))), row.toString());
        }
        // Submitting again finds nothing left to do.
        BatchCli.Result again = BatchCli.runOk("sweep", sweepFile.toString(), "--out", out.toString(), "--until", "5",
                "--slurm");
        assertTrue(again.out().contains("nothing to submit"), again.out());
    }

    private static void waitUntilGone(String jobId, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            Process squeue = new ProcessBuilder("squeue", "-h", "-j", jobId, "-o", "%i %T").redirectErrorStream(true).start();
            String listing = new String(squeue.getInputStream().readAllBytes()).trim();
            squeue.waitFor();
            // squeue forgets a finished job after MinJobAge; an unknown id is answered with an error.
            if (listing.isEmpty() || listing.contains("Invalid job id")) {
                return;
            }
            Thread.sleep(1000);
        }
        new ProcessBuilder("scancel", jobId).start().waitFor();
        fail("job array " + jobId + " did not finish in 150 s; task logs in " + out.resolve("slurm"));
    }
}
