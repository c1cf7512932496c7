package org.stromasim.batch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.BackendChoice;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.ResumePoint;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselWall;

/**
 * A snapshot whose vessel wall lacks each voxel's distance from the wall (as files written before the
 * exchange put that tissue in series with the wall) cannot be continued: resuming it would run a different
 * exchange model, so the run is refused in one message naming the missing dataset.
 */
class ResumeWithoutWallDistanceTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotWithoutWallDistancesIsRefused() throws Exception {
        Scenario scenario = ScenarioLoader.load(BatchCli.tinyScenario(), List.of("run.end_time_s=2", "run.snapshot_interval_s=1"));
        RunDirectory run = RunDirectory.create(dir.resolve("run"), ScenarioLoader.toYaml(scenario), false);
        new RunDriver(new RunDriver.Settings(BackendChoice.JAVA, 1, 12.0), () -> false,
                RunDriver.ProgressFactory.NONE, null).fresh(run, scenario);
        ResumePoint.latest(run).orElseThrow(); // the run's own snapshots resume

        Snapshot newest = BatchCli.latestSnapshot(run.root());
        Tissue tissue = newest.tissue();
        VesselWall wall = tissue.vesselWall();
        assertTrue(wall != null && wall.wallDistanceUm() != null, "the tiny scenario has vessel walls");
        tissue.setVesselWall(new VesselWall(wall.areaPerVolumePerUm(), wall.volumeFraction(), wall.plasmaGroup()));
        SnapshotInfo info = newest.info();
        SnapshotWriter.write(run.snapshotsDir(), tissue, new SnapshotInfo(info.step(), info.timeS(), info.ordinal() + 1,
                info.backend(), info.softwareVersion(), info.scenarioYaml(), info.scenarioName(), info.speciesUnits(),
                info.exposureUnit()));

        IOException refused = assertThrows(IOException.class, () -> ResumePoint.latest(run));
        assertTrue(refused.getMessage().contains("vessel_wall_distance_um"), refused.getMessage());
    }
}
