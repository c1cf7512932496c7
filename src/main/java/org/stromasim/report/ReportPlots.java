package org.stromasim.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.stromasim.io.AtomicFiles;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.metrics.PenetrationProfile;

/**
 * The report's PNGs, one or two runs per chart (the first blue, the second red and dashed in the time
 * courses):
 * <ul>
 *   <li>{@code profile-vessel-distance.png}: drug concentration and exposure in the last snapshot against
 *       the distance to the nearest vessel, in absolute units and relative to the perivascular shell (the
 *       L50 is where a relative line crosses 0.5, drawn dotted);</li>
 *   <li>{@code profile-tumour-depth.png}: the same against the depth below the tumour boundary (relative
 *       to the rim shell: the half-depths);</li>
 *   <li>{@code time-courses.png}: the headline metrics against time, one panel each.</li>
 * </ul>
 */
public final class ReportPlots {

    public static final String VESSEL_PROFILE = "profile-vessel-distance.png";
    public static final String DEPTH_PROFILE = "profile-tumour-depth.png";
    public static final String TIME_COURSES = "time-courses.png";
    public static final int PROFILE_WIDTH = 900;
    public static final int PROFILE_PANEL_HEIGHT = 400;
    public static final int PANEL_WIDTH = 480;
    public static final int PANEL_HEIGHT = 320;
    public static final int PANEL_COLUMNS = 3;
    /** At most this many intervals on a time axis: labels about 80 px apart on a 480 px panel. */
    private static final int TIME_INTERVALS = 5;

    private ReportPlots() {
    }

    /** Writes every PNG into {@code outDir}; returns their paths. {@code second} may be null. */
    public static List<Path> write(RunData first, RunData second, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        if (first.profiles() != null) {
            written.add(saveImage(profileImage(first, second, true), outDir.resolve(VESSEL_PROFILE)));
            written.add(saveImage(profileImage(first, second, false), outDir.resolve(DEPTH_PROFILE)));
        }
        written.add(saveImage(timeCourses(first, second), outDir.resolve(TIME_COURSES)));
        return written;
    }

    /** Line colours: one per run, so two runs are told apart by colour in every panel. */
    private static final Color FIRST_RUN = new Color(0x1f, 0x5f, 0xbf);
    private static final Color SECOND_RUN = new Color(0xd0, 0x40, 0x20);

    /**
     * Three panels, one above the other: the drug concentration and the exposure in absolute units (so
     * two runs that differ by a few per cent are seen to differ), then both relative to the first shell
     * (where the half level marks the L50 or half-depth). Colour tells the runs apart; in the relative
     * panel a solid line is the concentration and a dashed one the exposure.
     */
    private static BufferedImage profileImage(RunData first, RunData second, boolean byVessel) {
        String x = byVessel ? "distance beyond the perivascular shell (µm)" : "depth beyond the tumour rim shell (µm)";
        String where = byVessel ? "against distance to the nearest vessel" : "against depth into the tumour";
        List<RunData> runs = second == null ? List.of(first) : List.of(first, second);
        SnapshotInfo info = first.lastSnapshot().header().info();
        String unit = info.speciesUnits().getOrDefault(first.drug(), "");
        XYChart concentration = panel("drug concentration " + where + " (newest snapshot)", x, "drug (" + unit + ")");
        XYChart exposure = panel("drug exposure (AUC) " + where, x, "exposure (" + info.exposureUnit() + ")");
        XYChart relative = panel("relative to the first shell; the dotted line is half", x, "mean / first-shell mean");
        double maxX = 0;
        for (RunData run : runs) {
            if (run.profiles() == null) {
                continue;
            }
            Color colour = run == first ? FIRST_RUN : SECOND_RUN;
            String name = seriesName(run, second);
            PenetrationProfile c = byVessel ? run.profiles().concentrationByVesselDistance() : run.profiles().concentrationByDepth();
            PenetrationProfile e = byVessel ? run.profiles().exposureByVesselDistance() : run.profiles().exposureByDepth();
            add(concentration, name, c, false, colour, false);
            add(exposure, name, e, false, colour, false);
            maxX = Math.max(maxX, add(relative, name + ": concentration", c, true, colour, false));
            maxX = Math.max(maxX, add(relative, name + ": exposure", e, true, colour, true));
        }
        if (maxX > 0) {
            XYSeries half = relative.addSeries("half", new double[] {0, maxX}, new double[] {0.5, 0.5});
            half.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            half.setLineColor(Color.GRAY);
            half.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DOT_DOT);
        }
        BufferedImage image = new BufferedImage(PROFILE_WIDTH, 3 * PROFILE_PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        int y = 0;
        for (XYChart chart : List.of(concentration, exposure, relative)) {
            g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, y, null);
            y += PROFILE_PANEL_HEIGHT;
        }
        g.dispose();
        return image;
    }

    private static XYChart panel(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(PROFILE_WIDTH).height(PROFILE_PANEL_HEIGHT).title(title)
                .xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        return chart;
    }

    /**
     * Adds a profile, absolute or divided by its first-shell mean, against the distance from the first
     * shell; returns the largest x drawn.
     */
    private static double add(XYChart chart, String name, PenetrationProfile p, boolean relative, Color colour,
                              boolean dashed) {
        double first = p.firstShellMean();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int b = 0; b < p.shellCount(); b++) {
            if (p.voxelsInShell(b) > 0 && (!relative || first > 0)) {
                xs.add(p.shellCentreUm(b) - p.shellCentreUm(0));
                ys.add(relative ? p.meanInShell(b) / first : p.meanInShell(b));
            }
        }
        if (xs.isEmpty()) {
            return 0;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        if (dashed) {
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        }
        return xs.get(xs.size() - 1);
    }

    private static BufferedImage timeCourses(RunData first, RunData second) {
        List<Headline> rows = Headline.of(first.metrics(), first.drug());
        int columns = PANEL_COLUMNS;
        int panelRows = Math.max(1, (rows.size() + columns - 1) / columns);
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, panelRows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        // an empty last cell in the panels' own background colour, not a white hole
        g.setColor(new XYChartBuilder().build().getStyler().getChartBackgroundColor());
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double endS = first.metrics().last("time_s");
        if (second != null) {
            endS = Math.max(endS, second.metrics().last("time_s"));
        }
        TimeAxis time = TimeAxis.forEnd(endS);
        for (int i = 0; i < rows.size(); i++) {
            Headline h = rows.get(i);
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(h.label())
                    .xAxisTitle(time.title()).yAxisTitle(h.unit()).build();
            // legends below the plot, never over the curves
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
            chart.getStyler().setMarkerSize(6);
            List<Double> values = new ArrayList<>();
            addCourse(chart, first, h, false, time, values);
            if (second != null) {
                addCourse(chart, second, h, true, time, values);
            }
            chart.getStyler().setLegendVisible(second != null || chart.getSeriesMap().size() > 1);
            if (chart.getSeriesMap().isEmpty()) {
                chart.addSeries("no finite values", new double[] {0}, new double[] {0});
                values.add(0.0);
            }
            // every panel on the same time axis, from 0 to the end, ticks about 80 px apart
            AxisTicks timeTicks = AxisTicks.forTime(endS / time.secondsPerUnit(), time, TIME_INTERVALS);
            double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
            AxisTicks valueTicks = AxisTicks.forValues(low, high, chart.getStyler().isLegendVisible() ? 4 : 5);
            g.drawImage(TickedChart.render(chart, timeTicks, valueTicks), (i % columns) * PANEL_WIDTH,
                    (i / columns) * PANEL_HEIGHT, null);
        }
        g.dispose();
        return image;
    }

    /**
     * Adds one run's course of {@code h}; where a half-depth is not reached inside the domain (NaN, with
     * a {@code _beyond_um} column), marks the farthest distance covered with an upward triangle, "not
     * reached (beyond)". Every value drawn is added to {@code values} (for the value axis).
     */
    private static void addCourse(XYChart chart, RunData run, Headline h, boolean dashed, TimeAxis time,
                                  List<Double> values) {
        double[] t = run.metrics().series("time_s");
        double[] v = run.metrics().series(h.column());
        String beyondColumn = h.column().endsWith("_um") ? h.column().replaceAll("_um$", "_beyond_um") : null;
        double[] beyond = beyondColumn != null && run.metrics().has(beyondColumn) ? run.metrics().series(beyondColumn) : null;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> notReachedX = new ArrayList<>();
        List<Double> notReachedY = new ArrayList<>();
        for (int r = 0; r < t.length; r++) {
            double shown = switch (h.kind()) {
                case FRACTION -> 100 * v[r];
                case ONE_MINUS_FRACTION -> 100 * (1 - v[r]);
                default -> v[r];
            };
            if (Double.isFinite(shown)) {
                xs.add(t[r] / time.secondsPerUnit());
                ys.add(shown);
            } else if (beyond != null && Double.isFinite(beyond[r])) {
                notReachedX.add(t[r] / time.secondsPerUnit());
                notReachedY.add(beyond[r]);
            }
        }
        String name = seriesName(run, dashed ? run : null);
        if (!xs.isEmpty()) {
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            s.setLineColor(dashed ? SECOND_RUN : FIRST_RUN);
            if (dashed) {
                s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
            values.addAll(ys);
        }
        if (!notReachedX.isEmpty()) {
            XYSeries s = chart.addSeries(name + ": not reached (beyond)", notReachedX, notReachedY);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_UP);
            s.setMarkerColor(dashed ? SECOND_RUN : FIRST_RUN);
            values.addAll(notReachedY);
        }
    }

    /** The run directory's name; " (second)" added for the second run so equal names stay apart. */
    private static String seriesName(RunData run, RunData second) {
        return run.root().toAbsolutePath().normalize().getFileName() + (run == second ? " (second)" : "");
    }

    private static Path saveImage(BufferedImage image, Path png) throws IOException {
        AtomicFiles.write(png, path -> {
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new IOException("no PNG writer for " + png);
            }
        });
        return png;
    }
}
