package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.BackendChoice;
import org.stromasim.io.RunDirectory;

/**
 * A 2×2×2 sweep (two axes, two replicates) of the tiny scenario: expanded, partly run and interrupted,
 * re-run (which completes only the missing runs), collected.
 */
class LocalSweepTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedSweepCompletesOnlyTheMissingRunsAndSummarisesAll() throws Exception {
        Path sweepFile = SweepTestFiles.twoByTwoByTwo(dir);
        Path out = dir.resolve("out");
        SweepExpansion.Plan plan = new SweepExpansion(SweepFileReader.read(sweepFile), List.of("run.end_time_s=5"))
                .expand();
        SweepExpansion.materialise(plan, out);
        SweepManifest manifest = SweepManifest.read(out);
        assertEquals(8, manifest.points().size());

        // The "interrupted" first pass: runs 0-2 complete, run 3 is stopped at once by a stop request
        // (as by SIGTERM), runs 4-7 never start.
        RunDriver.Settings settings = new RunDriver.Settings(BackendChoice.JAVA, 1, null);
        SweepRunner first = new SweepRunner(out, manifest, settings, GracefulShutdown.manual());
        for (int i = 0; i < 3; i++) {
            assertEquals(RunStatus.State.COMPLETED, first.runPoint(i).state(), "run " + i);
        }
        GracefulShutdown stopped = GracefulShutdown.manual();
        stopped.request();
        assertEquals(RunStatus.State.STOPPED, new SweepRunner(out, manifest, settings, stopped).runPoint(3).state());
        FileTime[] completedStamps = new FileTime[3];
        for (int i = 0; i < 3; i++) {
            completedStamps[i] = Files.getLastModifiedTime(out.resolve(manifest.point(i).runDir()).resolve("metrics.csv"));
        }

        BatchCli.Result rerun = BatchCli.runOk("sweep", sweepFile.toString(), "--out", out.toString(), "--until", "5",
                "--workers", "2", "--threads", "1");
        assertTrue(rerun.out().contains("8 runs, 3 completed already, 5 to run"), rerun.out());
        assertTrue(rerun.out().contains("5 completed now, 3 completed before, 0 failed"), rerun.out());
        for (int i = 0; i < 3; i++) {
            Path runDir = out.resolve(manifest.point(i).runDir());
            assertEquals(1, RunStatus.read(runDir).attempts(), "completed run " + i + " was not run again");
            assertEquals(completedStamps[i], Files.getLastModifiedTime(runDir.resolve("metrics.csv")));
        }
        assertEquals(2, RunStatus.read(out.resolve("run-0003")).attempts(), "the stopped run was continued");

        BatchCli.Result collected = BatchCli.runOk("sweep", "collect", out.toString());
        assertTrue(collected.out().contains("8 runs (8 completed)"), collected.out());
        List<Map<String, String>> rows = Csv.read(out.resolve(SweepSummary.FILE));
        assertEquals(8, rows.size());
        long seed1 = SeedDerivation.replicateSeed(7, 1);
        String[][] expected = { // stroma stiffness, drug D0, replicate: first axis slowest, replicates innermost
            {"3", "50.0", "0"}, {"3", "50.0", "1"}, {"3", "150.0", "0"}, {"3", "150.0", "1"},
            {"18", "50.0", "0"}, {"18", "50.0", "1"}, {"18", "150.0", "0"}, {"18", "150.0", "1"}};
        for (int i = 0; i < 8; i++) {
            Map<String, String> row = rows.get(i);
            assertEquals(Integer.toString(i), row.get("index"));
            assertEquals(SweepPoint.runDirName(i), row.get("run_dir"));
            assertEquals(expected[i][0], row.get("ecm.stiffness_kpa.stroma"), "row " + i);
            assertEquals(expected[i][1], row.get("species.drug.d0_um2_per_s"), "row " + i);
            assertEquals(expected[i][2], row.get("replicate"), "row " + i);
            assertEquals(expected[i][2].equals("0") ? "7" : Long.toString(seed1), row.get("seed"), "row " + i);
            assertEquals("completed", row.get("status"));
            assertEquals(5.0, Double.parseDouble(row.get("end_time_s")));
            assertTrue(Double.parseDouble(row.get("wall_s")) > 0);
            Path metrics = out.resolve(SweepPoint.runDirName(i)).resolve(RunDirectory.METRICS_FILE);
            assertEquals(FinalMetrics.read(metrics).get("drug_mean_uM"), Double.parseDouble(row.get("drug_mean_uM")),
                    "summary holds the run's last metrics row");
        }
        // The scenario of each run has the swept values and seed.
        String yaml5 = Files.readString(out.resolve("run-0005").resolve(RunDirectory.SCENARIO_FILE));
        assertTrue(yaml5.contains("seed: " + seed1), yaml5);
        assertTrue(Files.size(out.resolve("drug_mean_uM-vs-ecm.stiffness_kpa.stroma-by-species.drug.d0_um2_per_s.png")) > 1000,
                "plot written, named by metric, x and series");
    }

    @Test
    void aRunDirectoryOfAnotherScenarioIsRefusedBeforeAnyOtherIsCreated() throws Exception {
        Path sweepFile = SweepTestFiles.twoByTwoByTwo(dir);
        Path out = dir.resolve("out");
        SweepExpansion.Plan plan = new SweepExpansion(SweepFileReader.read(sweepFile), List.of("run.end_time_s=5"))
                .expand();
        // the last point's directory exists with a different scenario (no manifest: an earlier, other sweep)
        Path last = out.resolve(plan.manifest().point(plan.manifest().points().size() - 1).runDir());
        Files.createDirectories(last);
        Files.writeString(last.resolve(RunDirectory.SCENARIO_FILE), "grid: {}\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SweepExpansion.materialise(plan, out));
        assertTrue(e.getMessage().contains("was created for a different scenario"), e.getMessage());
        try (var listing = Files.list(out)) {
            assertEquals(List.of(last), listing.toList(), "nothing else may be created");
        }
    }

    @Test
    void aFailedRunIsRecordedWithItsErrorAndTheOthersComplete() throws Exception {
        Path sweepFile = SweepTestFiles.write(dir, "dt.yaml", """
                axes:
                  - {key: run.dt_s, values: [0.1, 50]}
                """);
        Path out = dir.resolve("out");
        BatchCli.Result r = BatchCli.run("sweep", sweepFile.toString(), "--out", out.toString(), "--until", "2",
                "--workers", "2", "--threads", "1");
        assertEquals(4, r.exitCode(), r.both());
        assertEquals(RunStatus.State.COMPLETED, RunStatus.read(out.resolve("run-0000")).state());
        RunStatus failed = RunStatus.read(out.resolve("run-0001"));
        assertEquals(RunStatus.State.FAILED, failed.state());
        assertTrue(failed.error().contains("dt"), failed.error());
        BatchCli.runOk("sweep", "collect", out.toString(), "--no-plot");
        List<Map<String, String>> rows = Csv.read(out.resolve(SweepSummary.FILE));
        assertEquals("failed", rows.get(1).get("status"));
        assertEquals(failed.error(), rows.get(1).get("error"));
        assertEquals("", rows.get(1).get("drug_mean_uM"), "no final metrics for a failed run");
    }

    @Test
    void slurmDryRunWritesAnArrayScriptOverTheMissingPoints() throws Exception {
        Path sweepFile = SweepTestFiles.twoByTwoByTwo(dir);
        Path out = dir.resolve("out");
        BatchCli.Result r = BatchCli.runOk("sweep", sweepFile.toString(), "--out", out.toString(), "--until", "5",
                "--slurm", "--dry-run", "--partition", "short", "--time", "00:10:00", "--gpus-per-task", "1");
        assertTrue(r.out().contains("not submitted (--dry-run)"), r.out());
        String script = Files.readString(out.resolve("slurm").resolve("array.sbatch"));
        assertTrue(script.contains("#SBATCH --array=0-7\n"), script);
        assertTrue(script.contains("#SBATCH --partition=short\n"), script);
        assertTrue(script.contains("#SBATCH --time=00:10:00\n"), script);
        assertTrue(script.contains("#SBATCH --gpus-per-task=1\n"), script);
        assertTrue(script.contains("sweep run-point '" + out.toAbsolutePath() + "' \"$SLURM_ARRAY_TASK_ID\""), script);
        assertEquals("0-2,5,7-9", SlurmArrayScript.arraySpec(List.of(9, 0, 1, 2, 5, 7, 8)));
    }
}
