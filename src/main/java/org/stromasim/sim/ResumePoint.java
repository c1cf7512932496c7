package org.stromasim.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.Snapshot;
import org.stromasim.io.SnapshotReader;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;

/**
 * Where a run continues from: its resolved scenario and the full state of its newest complete
 * snapshot (every field, the simulated time and the step count). The tissue is the run's only random
 * element and the snapshot stores the built tissue, so no random-generator state is needed to resume.
 *
 * @param scenario the run's resolved scenario (scenario.yaml)
 * @param state    the state stored in {@code snapshot}
 * @param step     transport steps taken when the snapshot was written
 * @param timeS    simulated time of the snapshot, s
 * @param snapshot the snapshot file
 */
public record ResumePoint(Scenario scenario, Tissue state, long step, double timeS, Path snapshot) {

    /** The newest complete snapshot of {@code run}, or empty when the run has written none yet. */
    public static Optional<ResumePoint> latest(RunDirectory run) throws IOException {
        Optional<Path> latest = run.latestSnapshot();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        Scenario scenario = ScenarioLoader.parse(run.readScenarioYaml(), run.scenarioFile().toString(), List.of());
        Snapshot snapshot = SnapshotReader.read(latest.get());
        Scenario stored = ScenarioLoader.parse(snapshot.info().scenarioYaml(), latest.get().toString(), List.of());
        if (!stored.equals(scenario)) {
            throw new IOException(run.scenarioFile() + " no longer matches the scenario stored in " + latest.get()
                    + "; a run continues with the scenario it started with (restore scenario.yaml, or start a new run)");
        }
        return Optional.of(new ResumePoint(scenario, snapshot.tissue(), snapshot.info().step(), snapshot.info().timeS(),
                latest.get()));
    }
}
