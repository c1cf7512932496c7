package org.stromasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stromasim.batch.RunStatus;
import org.stromasim.batch.SweepPlot;
import org.stromasim.batch.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim sweep collect}: summary.csv and a plot of a sweep directory. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Write DIR/summary.csv (one row per run: swept parameters, seed, status, wall time, final "
                + "metrics, error) and a PNG of a final metric against one or two swept parameters."})
final class SweepCollectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Sweep directory.")
    Path sweepDir;

    @Option(names = "--metric", paramLabel = "COLUMN",
            description = "Metric to plot (a metrics.csv column; default: the first mean concentration).")
    String metric;

    @Option(names = "--x", paramLabel = "KEY.PATH", description = "Swept parameter on the x axis (default: the first axis).")
    String xAxis;

    @Option(names = "--series", paramLabel = "KEY.PATH",
            description = "Swept parameter drawn as one line per value (default: the second axis, if any).")
    String seriesAxis;

    @Option(names = "--no-plot", description = "Write summary.csv only.")
    boolean noPlot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SweepSummary summary;
        try {
            summary = SweepSummary.collect(sweepDir);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserInputException("cannot collect " + sweepDir + ": no such file " + e.getFile(), e);
        }
        Path csv = sweepDir.resolve(SweepSummary.FILE);
        summary.write(csv);
        Map<RunStatus.State, Integer> counts = new EnumMap<>(RunStatus.State.class);
        summary.rows().forEach(r -> counts.merge(r.status().state(), 1, Integer::sum));
        out.printf("wrote %s: %d runs (%s)%n", csv, summary.rows().size(), describe(counts));
        summary.rows().stream().filter(r -> r.status().state() == RunStatus.State.FAILED)
                .forEach(r -> out.printf("  failed %s (%s): %s%n", r.point().runDir(), r.point().label(), r.status().error()));
        if (!noPlot) {
            plot(out, summary);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void plot(PrintWriter out, SweepSummary summary) throws IOException {
        List<String> axes = summary.manifest().axisKeys();
        if (axes.isEmpty() && xAxis == null) {
            out.println("no plot: the sweep has no axes (only replicates)");
            return;
        }
        if (summary.metricColumns().isEmpty()) {
            out.println("no plot: no run has completed yet");
            return;
        }
        String m = metric != null ? metric : defaultMetric(summary.metricColumns());
        String x = xAxis != null ? xAxis : axes.get(0);
        String series = seriesAxis != null ? seriesAxis
                : axes.stream().filter(a -> !a.equals(x)).findFirst().orElse(null);
        // one file per choice of metric, x and series, so a second collect with another --x keeps the first plot
        String stem = m + "-vs-" + x + (series == null ? "" : "-by-" + series);
        Path png = sweepDir.resolve(stem.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
        int used = SweepPlot.draw(summary, m, x, series, png);
        out.printf("wrote %s: %s against %s%s, %d completed runs%n", png, m, x,
                series == null ? "" : " by " + series, used);
    }

    private static String defaultMetric(List<String> columns) {
        return columns.stream().filter(c -> c.contains("_mean_")).findFirst().orElse(columns.get(0));
    }

    private static String describe(Map<RunStatus.State, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((state, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(' ').append(state.key()));
        return sb.toString();
    }
}
