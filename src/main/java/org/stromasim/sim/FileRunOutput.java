package org.stromasim.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.SoftwareVersion;
import org.stromasim.flow.FlowFieldNames;
import org.stromasim.flow.InterstitialFlow;
import org.stromasim.flow.MatrixStateAt;
import org.stromasim.io.AtomicFiles;
import org.stromasim.biology.EndocrineResponse;
import org.stromasim.io.DerivedField;
import org.stromasim.io.MetricsCsvHeader;
import org.stromasim.io.MetricsCsvWriter;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.RunInfo;
import org.stromasim.io.SnapshotHeader;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.io.SnapshotLayout;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.io.XdmfWriter;
import org.stromasim.matrix.CompositionFields;
import org.stromasim.metrics.MetricsCalculator;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.Tissue;

/**
 * Writes a run's results into its {@link RunDirectory}: HDF5 snapshots (each followed by a rewrite
 * of run.xmf), metrics.csv rows, and run.log lines. Every file is complete after each call, so a
 * killed run keeps everything written before the kill.
 */
public final class FileRunOutput implements RunOutput {

    private final RunDirectory directory;
    private final Scenario scenario;
    private final String scenarioYaml;
    private final String backend;
    private final XdmfWriter xdmf;
    private final MetricsCsvWriter metrics;
    private final BufferedWriter log;
    private final Map<String, String> speciesUnits;
    private final String exposureUnit;
    private int nextOrdinal;
    /** The newest snapshot of this run directory ("snap_000003.h5 (t = 90 s)"), or null before the first. */
    private String lastSnapshot;
    /** The derived fields of the last snapshot (reused while nothing they depend on changes). */
    private List<DerivedField> fixedDerivedFields;
    /** ER read-outs for the derived fields, built at the first snapshot of a scenario with biology.endocrine. */
    private EndocrineResponse endocrine;

    private FileRunOutput(RunDirectory directory, Scenario scenario, String backend, XdmfWriter xdmf,
                          MetricsCsvWriter metrics) throws IOException {
        this.directory = directory;
        this.scenario = scenario;
        this.scenarioYaml = ScenarioLoader.toYaml(scenario);
        this.backend = backend;
        this.xdmf = xdmf;
        this.metrics = metrics;
        this.log = Files.newBufferedWriter(directory.logFile(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.speciesUnits = new LinkedHashMap<>();
        for (SpeciesSpec s : scenario.species()) {
            speciesUnits.put(s.name(), s.unit().symbol());
        }
        this.exposureUnit = scenario.findSpecies(scenario.metrics().drugSpecies())
                .map(s -> s.unit().symbol() + "·s").orElse("1");
        this.nextOrdinal = directory.nextSnapshotOrdinal();
        this.lastSnapshot = directory.latestSnapshot().map(p -> p.getFileName().toString()).orElse(null);
    }

    private static MetricsCsvHeader metricsHeader(Scenario scenario, String backend) {
        MetricsCalculator calculator = new MetricsCalculator(scenario);
        return new MetricsCsvHeader(scenario.name(), backend, SoftwareVersion.get(), calculator.columns(),
                calculator.units());
    }

    /**
     * Opens the outputs of a fresh run in {@code directory} and records in run.json what the run is
     * and the end time it was asked to reach, and the backend options it runs with ({@code request}).
     */
    public static FileRunOutput create(RunDirectory directory, Scenario scenario, String backend, double requestedEndS,
                                       RunInfo.BackendRequest request) {
        try {
            MetricsCsvHeader header = metricsHeader(scenario, backend);
            header.runInfo(requestedEndS, request).write(directory.root());
            return new FileRunOutput(directory, scenario, backend, new XdmfWriter(directory.xdmfFile()),
                    MetricsCsvWriter.create(directory.metricsFile(), header));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outputs in " + directory.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reopens the outputs of a run that continues from its newest snapshot, taken at {@code resumeTimeS}:
     * removes temporary files a kill left behind, re-indexes run.xmf over the complete snapshots, keeps
     * the metrics rows up to {@code resumeTimeS} (later rows, and a torn last line, are dropped: they are
     * simulated again) and appends to run.log. New snapshots continue the ordinal numbering. run.json
     * is rewritten with this part's backend, {@code requestedEndS} and backend options ({@code request}).
     */
    public static FileRunOutput resume(RunDirectory directory, Scenario scenario, String backend, double resumeTimeS,
                                       double requestedEndS, RunInfo.BackendRequest request) {
        try {
            directory.removeStaleTempFiles();
            MetricsCsvHeader header = metricsHeader(scenario, backend);
            header.runInfo(requestedEndS, request).write(directory.root());
            Files.deleteIfExists(directory.lastGoodFile()); // the run continues from a good state
            XdmfWriter xdmf = XdmfWriter.rebuild(directory.xdmfFile(), directory.listSnapshots());
            MetricsCsvWriter metrics = MetricsCsvWriter.resume(directory.metricsFile(), header,
                    "time_s", resumeTimeS);
            return new FileRunOutput(directory, scenario, backend, xdmf, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reopen the outputs in " + directory.root() + " to resume: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void snapshot(Tissue state, long step, double timeS) {
        SnapshotInfo info = new SnapshotInfo(step, timeS, nextOrdinal, backend, SoftwareVersion.get(), scenarioYaml,
                scenario.name(), speciesUnits, exposureUnit);
        try {
            SnapshotHeader header = SnapshotWriter.write(directory.snapshotsDir(), state, info, derivedFields(state, timeS));
            xdmf.add(header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + nextOrdinal + ": " + e.getMessage(), e);
        }
        log(String.format("snapshot %d at t = %.6g s (step %d)", nextOrdinal, timeS, step));
        lastSnapshot = String.format("%s (t = %.6g s)", SnapshotLayout.snapshotFileName(nextOrdinal), timeS);
        nextOrdinal++;
    }

    /** Also writes {@link RunDirectory#LAST_GOOD_FILE}: the last good snapshot and why the run ended. */
    @Override
    public String stoppedOnBadState(String line) {
        log(line);
        String marked = lastSnapshot == null ? null
                : RunDirectory.SNAPSHOTS_DIR + "/" + lastSnapshot + ", marked in " + RunDirectory.LAST_GOOD_FILE;
        try {
            AtomicFiles.writeString(directory.lastGoodFile(), (lastSnapshot == null ? "none" : lastSnapshot)
                    + System.lineSeparator() + line + System.lineSeparator());
        } catch (IOException e) {
            log("cannot write " + directory.lastGoodFile() + ": " + e.getMessage());
        }
        return marked;
    }

    /**
     * The matrix composition, when the scenario's diffusivity law has a composition model, and the
     * interstitial pressure and Darcy velocity, when it has {@code ecm.flow}. Without biology the
     * matrix, cells and vessels never change, so the first snapshot's fields (a pressure solve) serve
     * every later one.
     */
    private EndocrineResponse endocrine() {
        if (endocrine == null) {
            endocrine = new EndocrineResponse(scenario);
        }
        return endocrine;
    }

    private List<DerivedField> derivedFields(Tissue state, double timeS) {
        if (scenario.biology() == null && fixedDerivedFields != null) {
            return fixedDerivedFields;
        }
        List<DerivedField> fields = new ArrayList<>();
        CompositionFields.of(scenario, state).ifPresent(c -> {
            fields.add(new DerivedField(CompositionFields.COLLAGEN, "1",
                    "collagen fibre volume fraction of the extracellular space (from stiffness)", c.collagenFraction()));
            fields.add(new DerivedField(CompositionFields.GAG, "1",
                    "glycosaminoglycan volume fraction of the extracellular space", c.gagFraction()));
            fields.add(new DerivedField(CompositionFields.CELLS, "1", "cell volume fraction of the voxel",
                    c.cellFraction()));
        });
        if (MatrixStateAt.isRead(scenario)) {
            MatrixStateAt matrix = MatrixStateAt.of(scenario, state);
            matrix.perfused().ifPresent(f -> fields.add(new DerivedField(FlowFieldNames.PERFUSED, "1",
                    "perfused fraction of the voxel's vessel wall (compression by solid stress; 1 without a wall)", f)));
            if (scenario.ecm().flow() != null) {
                InterstitialFlow.Fields f = InterstitialFlow.of(scenario, state, matrix);
                fields.add(new DerivedField(FlowFieldNames.PRESSURE, "mmHg",
                        "steady interstitial fluid pressure (Darcy-Starling)", f.pressureMmHg()));
                for (int axis = 0; axis < 3; axis++) {
                    fields.add(new DerivedField(FlowFieldNames.velocity(axis), "µm/s",
                            "Darcy velocity component (volumetric flux per tissue area)", f.velocityUmPerS()[axis]));
                }
            }
        }
        fixedDerivedFields = fields;
        if (scenario.biology() != null && scenario.biology().endocrine() != null) {
            List<DerivedField> withEndocrine = new ArrayList<>(fields);
            EndocrineResponse.Readout r = endocrine().readout(state, timeS);
            withEndocrine.add(new DerivedField("er_occupancy", "1",
                    "fraction of oestrogen receptor bound by antagonists (cancer voxels; 0 elsewhere)", r.occupancy()));
            withEndocrine.add(new DerivedField("er_suppression", "1",
                    "fraction of ER signalling suppressed relative to untreated (cancer voxels; 0 elsewhere)",
                    r.suppression()));
            withEndocrine.add(new DerivedField("er_net_suppression", "1",
                    "ER suppression after the IL-6 ER-independent bypass (cancer voxels; 0 elsewhere)",
                    r.netSuppression()));
            return withEndocrine;
        }
        return fields;
    }

    @Override
    public void metrics(MetricsRow row) {
        try {
            metrics.writeRow(row.values());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + directory.metricsFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void log(String line) {
        try {
            log.write(Instant.now() + " " + line);
            log.newLine();
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.logFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (BufferedWriter l = log; MetricsCsvWriter m = metrics) {
            // both closed by try-with-resources, the log last
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the outputs in " + directory.root() + ": " + e.getMessage(), e);
        }
    }
}
