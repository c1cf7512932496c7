package org.stromasim.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stromasim.io.AtomicFiles;
import org.stromasim.io.RunDirectory;

/**
 * {@code summary.csv} of a sweep: one row per run with its swept parameters, replicate, seed, status,
 * wall time, simulated end time, the final metrics (the last metrics row of a completed run; empty for
 * others) and the error of a failed run.
 */
public final class SweepSummary {

    public static final String FILE = "summary.csv";

    /** One run as the summary sees it. */
    public record Row(SweepPoint point, RunStatus status, Map<String, Double> metrics) {
    }

    private final SweepManifest manifest;
    private final List<Row> rows;
    private final List<String> metricColumns;

    private SweepSummary(SweepManifest manifest, List<Row> rows, List<String> metricColumns) {
        this.manifest = manifest;
        this.rows = List.copyOf(rows);
        this.metricColumns = List.copyOf(metricColumns);
    }

    /** Reads every run of the sweep in {@code sweepDir}. */
    public static SweepSummary collect(Path sweepDir) throws IOException {
        SweepManifest manifest = SweepManifest.read(sweepDir);
        List<Row> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (SweepPoint p : manifest.points()) {
            Path runDir = sweepDir.resolve(p.runDir());
            RunStatus status = RunStatus.read(runDir);
            Map<String, Double> metrics = status.state() == RunStatus.State.COMPLETED
                    ? FinalMetrics.read(runDir.resolve(RunDirectory.METRICS_FILE)) : Map.of();
            metrics.keySet().stream().filter(c -> !c.equals("time_s")).forEach(columns::add);
            rows.add(new Row(p, status, metrics));
        }
        return new SweepSummary(manifest, rows, new ArrayList<>(columns));
    }

    public SweepManifest manifest() {
        return manifest;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<String> metricColumns() {
        return metricColumns;
    }

    public void write(Path file) throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("index", "run_dir"));
        header.addAll(manifest.axisKeys());
        header.addAll(List.of("replicate", "seed", "status", "wall_s", "end_time_s"));
        header.addAll(metricColumns);
        header.add("error");
        appendLine(csv, header);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(r.point().index()));
            cells.add(r.point().runDir());
            manifest.axisKeys().forEach(k -> cells.add(r.point().parameters().get(k)));
            cells.add(Integer.toString(r.point().replicate()));
            cells.add(Long.toString(r.point().seed()));
            cells.add(r.status().state().key());
            cells.add(r.status().attempts() == 0 ? "" : Double.toString(r.status().wallS()));
            cells.add(Double.isFinite(r.status().endTimeS()) ? Double.toString(r.status().endTimeS()) : "");
            for (String c : metricColumns) {
                Double v = r.metrics().get(c);
                cells.add(v == null ? "" : Double.toString(v));
            }
            cells.add(r.status().error());
            appendLine(csv, cells);
        }
        AtomicFiles.writeString(file, csv.toString());
    }

    private static void appendLine(StringBuilder csv, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            csv.append(c == 0 ? "" : ",").append(quote(cells.get(c)));
        }
        csv.append('\n');
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. */
    static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
