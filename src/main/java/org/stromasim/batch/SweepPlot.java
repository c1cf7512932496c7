package org.stromasim.batch;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.stromasim.io.AtomicFiles;
import org.stromasim.report.AxisTicks;
import org.stromasim.report.TickedChart;

/**
 * A PNG of one final metric against one swept parameter (x), optionally one line per value of a
 * second swept parameter. Each point is the mean over the completed runs that share its x (and series)
 * value — replicates and any other axes — with ± one standard deviation as error bars when there are
 * several; the title says what was averaged. A log-spaced x axis is drawn logarithmic.
 */
public final class SweepPlot {

    private SweepPlot() {
    }

    /**
     * @param seriesAxis the second parameter, or {@code null} for a single line
     * @return how many completed runs the plot used
     */
    public static int draw(SweepSummary summary, String metric, String xAxis, String seriesAxis, Path png)
            throws IOException {
        SweepManifest m = summary.manifest();
        requireAxis(m, xAxis, "--x");
        if (seriesAxis != null) {
            requireAxis(m, seriesAxis, "--series");
            if (seriesAxis.equals(xAxis)) {
                throw new IllegalArgumentException("--series = " + seriesAxis + ": must differ from --x");
            }
        }
        if (!summary.metricColumns().contains(metric)) {
            throw new IllegalArgumentException("--metric = " + metric + ": not a metric of the completed runs; "
                    + "allowed: " + (summary.metricColumns().isEmpty() ? "none (no run has completed)"
                    : String.join(", ", summary.metricColumns())));
        }
        // series value → x → values; series in numeric order when their values are numbers ("50" before "117")
        Map<String, TreeMap<Double, List<Double>>> data = new TreeMap<>(SweepPlot::compareValues);
        double scale = AxisLabel.isFraction(metric) ? 100 : 1;
        int used = 0;
        for (SweepSummary.Row r : summary.rows()) {
            Double y = r.metrics().get(metric);
            if (y == null || !Double.isFinite(y)) {
                continue;
            }
            String xText = r.point().parameters().get(xAxis);
            double x;
            try {
                x = Double.parseDouble(xText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--x = " + xAxis + ": its values are not numbers (e.g. " + xText
                        + "); choose a numeric axis", e);
            }
            String series = seriesAxis == null ? metric : r.point().parameters().get(seriesAxis);
            data.computeIfAbsent(series, s -> new TreeMap<>()).computeIfAbsent(x, k -> new ArrayList<>()).add(y * scale);
            used++;
        }
        if (used == 0) {
            throw new IllegalArgumentException("no completed run has a finite value of " + metric + " to plot");
        }
        XYChart chart = new XYChartBuilder().width(900).height(600)
                .title(AxisLabel.of(metric) + " at the end" + averagedOver(m, xAxis, seriesAxis))
                .xAxisTitle(AxisLabel.of(xAxis)).yAxisTitle(AxisLabel.of(metric)).build();
        chart.getStyler().setXAxisLogarithmic(m.isLogarithmic(xAxis));
        chart.getStyler().setLegendVisible(seriesAxis != null);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, TreeMap<Double, List<Double>>> s : data.entrySet()) {
            int n = s.getValue().size();
            double[] xs = new double[n];
            double[] means = new double[n];
            double[] sds = new double[n];
            int i = 0;
            boolean spread = false;
            for (Map.Entry<Double, List<Double>> point : s.getValue().entrySet()) {
                xs[i] = point.getKey();
                means[i] = point.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                sds[i] = standardDeviation(point.getValue(), means[i]);
                spread |= point.getValue().size() > 1;
                i++;
            }
            String name = seriesAxis == null ? AxisLabel.of(metric) : AxisLabel.of(seriesAxis) + " = " + s.getKey();
            XYSeries series = spread ? chart.addSeries(name, xs, means, sds) : chart.addSeries(name, xs, means);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        if (m.isLogarithmic(xAxis)) {
            // XChart spaces a logarithmic axis by decades; only the value labels need a format
            double largest = data.values().stream().flatMap(m2 -> m2.values().stream()).flatMap(List::stream)
                    .mapToDouble(v -> Math.abs(v)).max().orElse(1);
            chart.getStyler().setYAxisDecimalPattern(largest >= 1e6 || largest < 1e-3 ? "0.##E0" : "#,##0.####");
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(png, path -> Files.write(path, bytes));
            return used;
        }
        // round ticks about 80 px apart, chosen by the report's tick rule (XChart's own crowd a 600 px axis)
        AxisTicks xTicks = AxisTicks.forValues(extreme(chart, true, false), extreme(chart, true, true), 8);
        AxisTicks yTicks = AxisTicks.forValues(extreme(chart, false, false), extreme(chart, false, true), 6);
        BufferedImage image = TickedChart.render(chart, xTicks, yTicks);
        AtomicFiles.write(png, path -> {
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new java.io.IOException("no PNG writer for " + png);
            }
        });
        return used;
    }

    /** The smallest or largest x or y drawn, error bars included. */
    private static double extreme(XYChart chart, boolean x, boolean largest) {
        double best = largest ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            double[] values = x ? s.getXData() : s.getYData();
            double[] errors = x ? null : s.getExtraValues();
            for (int i = 0; i < values.length; i++) {
                double v = values[i] + (errors == null ? 0 : (largest ? errors[i] : -errors[i]));
                best = largest ? Math.max(best, v) : Math.min(best, v);
            }
        }
        return best;
    }

    /** Numbers by value, anything else as text after the numbers. */
    static int compareValues(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static Double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String averagedOver(SweepManifest m, String xAxis, String seriesAxis) {
        List<String> others = new ArrayList<>();
        if (m.replicates() > 1) {
            others.add("replicates");
        }
        m.axisKeys().stream().filter(k -> !k.equals(xAxis) && !k.equals(seriesAxis)).forEach(others::add);
        return others.isEmpty() ? "" : " (mean ± sd over " + String.join(", ", others) + ")";
    }

    private static double standardDeviation(List<Double> values, double mean) {
        if (values.size() < 2) {
            return 0;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }

    private static void requireAxis(SweepManifest m, String axis, String option) {
        if (!m.axisKeys().contains(axis)) {
            throw new IllegalArgumentException(option + " = " + axis + ": not a swept parameter; allowed: "
                    + (m.axisKeys().isEmpty() ? "none (the sweep has no axes)" : String.join(", ", m.axisKeys())));
        }
    }
}
