package org.stromasim.report;

import org.stromasim.metrics.RimProfile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.stromasim.io.AtomicFiles;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.metrics.PenetrationProfile;

/**
 * The report's PNGs, one or two runs per chart (the first blue and solid, the second red and dashed):
 * <ul>
 *   <li>{@code profile-vessel-distance.png}: drug concentration and exposure in the last snapshot against
 *       the distance to the nearest vessel, in absolute units and relative to the perivascular shell (the
 *       L50 is where a relative line crosses the dotted half level), and what the shells hold (tumour,
 *       stroma shell);</li>
 *   <li>{@code profile-tumour-depth.png}: the same against the depth below the tumour boundary (relative
 *       to the rim shell: the half-depths);</li>
 *   <li>{@code profile-endocrine-depth.png} (runs with {@code biology.endocrine}): ER occupancy and net
 *       suppression of the last snapshot against depth, over living cancer voxels;</li>
 *   <li>{@code profile-flow-rim.png} (runs with {@code ecm.flow}): interstitial pressure and speed of the
 *       last snapshot across the tumour surface ({@link RimProfile});</li>
 *   <li>{@code time-courses.png}: the headline metrics against time, one panel each.</li>
 *   <li>{@code time-courses-endocrine.png} (runs with {@code biology.endocrine}): the resistance read-out alone,
 *       ER occupancy, suppression, net suppression and the under-suppressed share against time, 2 × 2.</li>
 * </ul>
 * Tick positions are chosen by {@link AxisTicks} and drawn by {@link TickedChart}.
 */
public final class ReportPlots {

    public static final String VESSEL_PROFILE = "profile-vessel-distance.png";
    public static final String DEPTH_PROFILE = "profile-tumour-depth.png";
    public static final String TIME_COURSES = "time-courses.png";
    public static final String ENDOCRINE_TIME_COURSES = "time-courses-endocrine.png";
    public static final String ENDOCRINE_DEPTH_PROFILE = "profile-endocrine-depth.png";
    public static final String FLOW_RIM_PROFILE = "profile-flow-rim.png";
    public static final int PROFILE_WIDTH = 1400;
    public static final int PROFILE_PANEL_HEIGHT = 380;
    public static final int PANEL_WIDTH = 480;
    public static final int PANEL_HEIGHT = 320;
    public static final int PANEL_COLUMNS = 3;
    /** At most this many intervals on a time axis: labels about 80 px apart on a 480 px panel. */
    private static final int TIME_INTERVALS = 5;
    /** Legend suffix of the marks where a half-depth is not reached: the farthest distance covered. */
    private static final String NOT_REACHED_SUFFIX = " ▲";
    /** Legend suffix of the marks where an endocrine course becomes steady ({@link SteadyState}). */
    private static final String STEADY_SUFFIX = " ◆";

    private ReportPlots() {
    }

    /** Writes every PNG into {@code outDir}; returns their paths. {@code second} may be null. */
    public static List<Path> write(RunData first, RunData second, Path outDir) throws IOException {
        return write(first, second, outDir, ModelReadouts.of(first), second == null ? null : ModelReadouts.of(second));
    }

    /** As {@link #write(RunData, RunData, Path)}, with the runs' model read-outs already taken. */
    public static List<Path> write(RunData first, RunData second, Path outDir, ModelReadouts firstModels,
                                   ModelReadouts secondModels) throws IOException {
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        if (first.profiles() != null) {
            written.add(saveImage(profileImage(first, second, true), outDir.resolve(VESSEL_PROFILE)));
            written.add(saveImage(profileImage(first, second, false), outDir.resolve(DEPTH_PROFILE)));
        }
        EndocrineReadout a = firstModels.endocrine();
        EndocrineReadout b = secondModels == null ? null : secondModels.endocrine();
        if (a != null && a.netByDepth() != null) {
            written.add(saveImage(endocrineDepthImage(first, a, second, b), outDir.resolve(ENDOCRINE_DEPTH_PROFILE)));
        }
        FlowReadout fa = firstModels.flow();
        FlowReadout fb = secondModels == null ? null : secondModels.flow();
        if (fa != null && fa.ifpAcrossRim().centresUm().length > 0) {
            written.add(saveImage(flowRimImage(first, fa, second, fb), outDir.resolve(FLOW_RIM_PROFILE)));
        }
        List<Headline> headlines = Headline.of(first.metrics(), first.drug());
        written.add(saveImage(timeCourses(first, second, headlines, PANEL_COLUMNS), outDir.resolve(TIME_COURSES)));
        List<Headline> endocrine = headlines.stream().filter(h -> EndocrineReadout.TIME_COURSE_COLUMNS.contains(h.column()))
                .toList();
        if (!endocrine.isEmpty()) {
            written.add(saveImage(timeCourses(first, second, endocrine, 2), outDir.resolve(ENDOCRINE_TIME_COURSES)));
        }
        return written;
    }

    /**
     * Interstitial pressure and speed of the newest snapshot across the tumour surface ({@link RimProfile}),
     * two panels abreast; a dotted vertical line marks the surface.
     */
    private static BufferedImage flowRimImage(RunData first, FlowReadout a, RunData second, FlowReadout b) {
        String x = "distance outward from the tumour surface (µm; negative inside the tumour)";
        int half = PROFILE_WIDTH / 2;
        ProfilePanel ifp = new ProfilePanel(half, "interstitial fluid pressure across the tumour surface", x, "IFP (mmHg)");
        ProfilePanel speed = new ProfilePanel(half, "interstitial fluid speed |u| across the tumour surface", x,
                "speed (µm/s)");
        ifp.addXY(seriesName(first, first, second), a.ifpAcrossRim(), FIRST_RUN, false);
        speed.addXY(seriesName(first, first, second), a.speedAcrossRim(), FIRST_RUN, false);
        if (b != null) {
            ifp.addXY(seriesName(second, first, second), b.ifpAcrossRim(), SECOND_RUN, true);
            speed.addXY(seriesName(second, first, second), b.speedAcrossRim(), SECOND_RUN, true);
        }
        ifp.surfaceLine();
        speed.surfaceLine();
        BufferedImage image = new BufferedImage(PROFILE_WIDTH, PROFILE_PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(ifp.render(), 0, 0, null);
        g.drawImage(speed.render(), half, 0, null);
        g.dispose();
        return image;
    }

    /**
     * ER occupancy and net suppression of the newest snapshot against depth beyond the tumour's rim
     * shell, over living cancer voxels, two panels abreast in per cent (0 to 100, so runs and panels
     * read on one scale).
     */
    private static BufferedImage endocrineDepthImage(RunData first, EndocrineReadout a, RunData second,
                                                     EndocrineReadout b) {
        String x = "depth beyond the tumour rim shell (µm)";
        int half = PROFILE_WIDTH / 2;
        ProfilePanel occupancy = new ProfilePanel(half, "ER occupancy by antagonists vs depth (living cancer voxels)",
                x, "ER occupancy (%)");
        ProfilePanel net = new ProfilePanel(half, "net ER suppression (after IL-6) vs depth", x, "net suppression (%)");
        occupancy.add(seriesName(first, first, second), a.occupancyByDepth(), 100, false, FIRST_RUN, false);
        net.add(seriesName(first, first, second), a.netByDepth(), 100, false, FIRST_RUN, false);
        if (b != null && b.netByDepth() != null) {
            occupancy.add(seriesName(second, first, second), b.occupancyByDepth(), 100, false, SECOND_RUN, true);
            net.add(seriesName(second, first, second), b.netByDepth(), 100, false, SECOND_RUN, true);
        }
        occupancy.fullScale(100);
        net.fullScale(100);
        BufferedImage image = new BufferedImage(PROFILE_WIDTH, PROFILE_PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(occupancy.render(), 0, 0, null);
        g.drawImage(net.render(), half, 0, null);
        g.dispose();
        return image;
    }

    /** Runs are told apart by colour and line style: the first blue and solid, the second red and dashed. */
    private static final Color FIRST_RUN = new Color(0x1f, 0x5f, 0xbf);
    private static final Color SECOND_RUN = new Color(0xd0, 0x40, 0x20);
    /** Composition lines, in colours that are neither run's. */
    private static final Color TUMOUR_SHARE = new Color(0x7b, 0x32, 0x94);
    private static final Color STROMA_SHARE = new Color(0x8c, 0x6d, 0x1f);

    /** Height of a profile PNG: three panel rows against vessel distance (with composition), two against depth. */
    public static int profileHeight(boolean byVessel) {
        return (byVessel ? 3 : 2) * PROFILE_PANEL_HEIGHT;
    }

    /**
     * Panels two abreast: the drug concentration and the exposure in absolute units (two runs that differ
     * by a few per cent are seen to differ), then each relative to its first shell (where the dotted half
     * level marks the L50 or half-depth); against vessel distance a last, full-width panel says what the
     * shells hold (tumour, stroma shell), which is what shapes a profile that averages over them.
     */
    private static BufferedImage profileImage(RunData first, RunData second, boolean byVessel) {
        String x = byVessel ? "distance beyond the perivascular shell (µm)" : "depth beyond the tumour rim shell (µm)";
        String where = byVessel ? "vs distance to the nearest vessel" : "vs depth into the tumour (the stroma shell lies outside, before 0)";
        List<RunData> runs = second == null ? List.of(first) : List.of(first, second);
        SnapshotInfo info = first.lastSnapshot().header().info();
        String unit = info.speciesUnits().getOrDefault(first.drug(), "");
        int half = PROFILE_WIDTH / 2;
        ProfilePanel concentration = new ProfilePanel(half, "drug " + where, x, "drug (" + unit + ")");
        ProfilePanel exposure = new ProfilePanel(half, "drug exposure (AUC)", x, "exposure (" + info.exposureUnit() + ")");
        ProfilePanel relConcentration = new ProfilePanel(half, "drug relative to the first shell", x, "mean / first-shell mean");
        ProfilePanel relExposure = new ProfilePanel(half, "exposure relative to the first shell", x, "mean / first-shell mean");
        ProfilePanel composition = byVessel ? new ProfilePanel(PROFILE_WIDTH,
                "what the shells hold (the rest is normal tissue): where the tumour share falls, so does uptake", x,
                "share of the shell's voxels (%)") : null;
        for (RunData run : runs) {
            if (run.profiles() == null) {
                continue;
            }
            boolean isSecond = run != first;
            String name = seriesName(run, first, second);
            PenetrationProfile c = byVessel ? run.profiles().concentrationByVesselDistance() : run.profiles().concentrationByDepth();
            PenetrationProfile e = byVessel ? run.profiles().exposureByVesselDistance() : run.profiles().exposureByDepth();
            Color colour = isSecond ? SECOND_RUN : FIRST_RUN;
            concentration.add(name, c, 1, false, colour, isSecond);
            exposure.add(name, e, 1, false, colour, isSecond);
            relConcentration.add(name, c, 1, true, colour, isSecond);
            relExposure.add(name, e, 1, true, colour, isSecond);
            if (composition != null && (!isSecond || !sameTissue(first, second))) {
                ShellComposition shares = ShellComposition.of(run);
                String suffix = second == null || sameTissue(first, second) ? "" : " (" + name + ")";
                composition.add("tumour" + suffix, shares.tumourShare(), 100, false, TUMOUR_SHARE, isSecond);
                if (shares.stromaShare() != null) {
                    composition.add("stroma shell, within " + Headline.number(shares.stromaShellUm()) + " µm of the tumour"
                            + suffix, shares.stromaShare(), 100, false, STROMA_SHARE, isSecond);
                }
            }
        }
        relConcentration.halfLine();
        relExposure.halfLine();
        int rows = byVessel ? 3 : 2;
        BufferedImage image = new BufferedImage(PROFILE_WIDTH, rows * PROFILE_PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.drawImage(concentration.render(), 0, 0, null);
        g.drawImage(exposure.render(), half, 0, null);
        g.drawImage(relConcentration.render(), 0, PROFILE_PANEL_HEIGHT, null);
        g.drawImage(relExposure.render(), half, PROFILE_PANEL_HEIGHT, null);
        if (composition != null) {
            g.drawImage(composition.render(), 0, 2 * PROFILE_PANEL_HEIGHT, null);
        }
        g.dispose();
        return image;
    }

    /** Whether two runs have the same cells in the same places (then one composition line serves both). */
    private static boolean sameTissue(RunData a, RunData b) {
        return java.util.Arrays.equals(a.lastSnapshot().tissue().cell(), b.lastSnapshot().tissue().cell());
    }

    /** One profile panel: its chart and the extent of what was drawn (for the ticks). */
    private static final class ProfilePanel {
        private final XYChart chart;
        private final int width;
        private double minX;
        private double maxX;
        private double maxY;

        ProfilePanel(int width, String title, String x, String y) {
            this.width = width;
            chart = new XYChartBuilder().width(width).height(PROFILE_PANEL_HEIGHT).title(title).xAxisTitle(x)
                    .yAxisTitle(y).build();
            chart.getStyler().setMarkerSize(4);
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        }

        /**
         * Adds a profile times {@code scale}, or divided by its first-shell mean, against the distance
         * from the first shell.
         */
        void add(String name, PenetrationProfile p, double scale, boolean relative, Color colour, boolean dashed) {
            double first = p.firstShellMean();
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int b = 0; b < p.shellCount(); b++) {
                if (p.voxelsInShell(b) > 0 && (!relative || first > 0)) {
                    xs.add(p.shellCentreUm(b) - p.shellCentreUm(0));
                    ys.add(relative ? p.meanInShell(b) / first : scale * p.meanInShell(b));
                }
            }
            if (xs.isEmpty()) {
                return;
            }
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            s.setLineStyle(dashed ? org.knowm.xchart.style.lines.SeriesLines.DASH_DASH
                    : org.knowm.xchart.style.lines.SeriesLines.SOLID);
            if (dashed) {
                s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
            maxX = Math.max(maxX, xs.get(xs.size() - 1));
            maxY = Math.max(maxY, ys.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        }

        /** Adds a profile across the tumour surface (x may be negative). */
        void addXY(String name, RimProfile p, Color colour, boolean dashed) {
            if (p.centresUm().length == 0) {
                return;
            }
            XYSeries s = chart.addSeries(name, p.centresUm(), p.means());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
            s.setLineStyle(dashed ? org.knowm.xchart.style.lines.SeriesLines.DASH_DASH
                    : org.knowm.xchart.style.lines.SeriesLines.SOLID);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            minX = Math.min(minX, p.centresUm()[0]);
            maxX = Math.max(maxX, p.centresUm()[p.centresUm().length - 1]);
            for (double y : p.means()) {
                maxY = Math.max(maxY, y);
            }
        }

        /** A dotted vertical line at x = 0, the tumour surface. */
        void surfaceLine() {
            if (maxY > 0) {
                XYSeries surface = chart.addSeries("tumour surface", new double[] {0, 0}, new double[] {0, maxY});
                surface.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                surface.setLineColor(Color.GRAY);
                surface.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DOT_DOT);
            }
        }

        /** Makes the value axis reach at least {@code top} (a percentage panel shows 0 to 100). */
        void fullScale(double top) {
            maxY = Math.max(maxY, top);
        }

        void halfLine() {
            if (maxX > 0) {
                XYSeries half = chart.addSeries("half of the first shell", new double[] {0, maxX}, new double[] {0.5, 0.5});
                half.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                half.setLineColor(Color.GRAY);
                half.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DOT_DOT);
                maxY = Math.max(maxY, 1);
            }
        }

        BufferedImage render() {
            if (chart.getSeriesMap().isEmpty()) {
                chart.addSeries("no profile", new double[] {0}, new double[] {0});
            }
            int xIntervals = Math.max(4, width / 90);
            return TickedChart.render(chart, AxisTicks.forValues(minX, maxX > minX ? maxX : minX + 1, xIntervals),
                    AxisTicks.forValues(0, maxY > 0 ? maxY : 1, 5));
        }
    }

    /** The courses of {@code rows} against time, {@code columns} panels abreast. */
    private static BufferedImage timeCourses(RunData first, RunData second, List<Headline> rows, int columns) {
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
            addCourse(chart, first, seriesName(first, first, second), h, false, time, values);
            if (second != null) {
                addCourse(chart, second, seriesName(second, first, second), h, true, time, values);
            }
            if (EndocrineReadout.SETTLING_COLUMNS.contains(h.column())) {
                addSteadyMark(chart, first, seriesName(first, first, second), h, false, time, values);
                if (second != null) {
                    addSteadyMark(chart, second, seriesName(second, first, second), h, true, time, values);
                }
                if (chart.getSeriesMap().keySet().stream().anyMatch(k -> k.endsWith(STEADY_SUFFIX))) {
                    chart.setTitle(h.label() + " (" + STEADY_SUFFIX.strip() + " steady)");
                }
            }
            if (chart.getSeriesMap().keySet().stream().anyMatch(k -> k.endsWith(NOT_REACHED_SUFFIX))) {
                // the legend of a 480 px panel has no room to spell it out per run
                chart.setTitle(h.label() + " (" + NOT_REACHED_SUFFIX.strip() + " not reached)");
            }
            chart.getStyler().setLegendVisible(second != null);
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
     * reached, beyond". Every value drawn is added to {@code values} (for the value axis).
     */
    private static void addCourse(XYChart chart, RunData run, String name, Headline h, boolean dashed, TimeAxis time,
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
            XYSeries s = chart.addSeries(name + NOT_REACHED_SUFFIX, notReachedX, notReachedY);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_UP);
            s.setMarkerColor(dashed ? SECOND_RUN : FIRST_RUN);
            // the panel title explains the mark and its colour names the run: no legend row of its own
            s.setShowInLegend(false);
            values.addAll(notReachedY);
        }
    }

    /**
     * Marks where a run's course of {@code h} becomes steady ({@link SteadyState}) with a diamond on the
     * course; nothing when it does not.
     */
    private static void addSteadyMark(XYChart chart, RunData run, String name, Headline h, boolean dashed,
                                      TimeAxis time, List<Double> values) {
        double[] t = run.metrics().series("time_s");
        double[] v = run.metrics().series(h.column());
        SteadyState s = SteadyState.of(t, v);
        if (!s.reached()) {
            return;
        }
        double at = 100 * valueAt(t, v, s.settledS()); // the endocrine courses are fractions shown in per cent
        if (!Double.isFinite(at)) {
            return;
        }
        XYSeries mark = chart.addSeries(name + STEADY_SUFFIX, new double[] {s.settledS() / time.secondsPerUnit()},
                new double[] {at});
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mark.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        mark.setMarkerColor(dashed ? SECOND_RUN : FIRST_RUN);
        mark.setShowInLegend(false);
        values.add(at);
    }

    /** The course linearly interpolated at {@code timeS}, over its finite rows (NaN outside them). */
    private static double valueAt(double[] t, double[] v, double timeS) {
        int previous = -1;
        for (int r = 0; r < t.length; r++) {
            if (!Double.isFinite(v[r])) {
                continue;
            }
            if (t[r] == timeS) {
                return v[r];
            }
            if (t[r] > timeS) {
                return previous < 0 ? Double.NaN
                        : v[previous] + (v[r] - v[previous]) * (timeS - t[previous]) / (t[r] - t[previous]);
            }
            previous = r;
        }
        return Double.NaN;
    }

    /**
     * The run directory's name; " (second)" added to the second run's when both directories have the same
     * name, so the legend still tells them apart.
     */
    private static String seriesName(RunData run, RunData first, RunData second) {
        String name = directoryName(run);
        boolean clash = second != null && run == second && name.equals(directoryName(first));
        return name + (clash ? " (second)" : "");
    }

    private static String directoryName(RunData run) {
        return String.valueOf(run.root().toAbsolutePath().normalize().getFileName());
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
