package org.stromasim.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/**
 * Child process for {@link KilledRunTest}: writes snapshots, the XDMF index and metrics rows in an
 * endless loop, as a run does, until it is killed.
 */
public final class KilledRunVictim {

    private KilledRunVictim() {
    }

    public static void main(String[] args) throws Exception {
        RunDirectory run = RunDirectory.create(Path.of(args[0]), TestStates.SCENARIO_YAML, false);
        Grid3D grid = new Grid3D(48, 40, 32, 10.0);
        Map<String, String> units = new LinkedHashMap<>();
        units.put("time_s", "s");
        units.put("ordinal", "1");
        XdmfWriter xdmf = new XdmfWriter(run.xdmfFile());
        try (MetricsCsvWriter metrics = MetricsCsvWriter.create(run.metricsFile(),
                new MetricsCsvHeader("io-test", "java", "test", List.of("time_s", "ordinal"), units))) {
            for (int ordinal = 0; ; ordinal++) {
                Tissue tissue = TestStates.filledTissue(grid, ordinal);
                xdmf.add(SnapshotWriter.write(run.snapshotsDir(), tissue, TestStates.info(ordinal, ordinal * 60.0, ordinal)));
                metrics.writeRow(ordinal * 60.0, ordinal);
            }
        }
    }
}
