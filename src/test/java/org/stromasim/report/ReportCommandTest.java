package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.cli.CliHarness;
import org.stromasim.grid.Grid3D;
import org.stromasim.io.RunDirectory;
import org.stromasim.io.SnapshotInfo;
import org.stromasim.io.SnapshotWriter;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * {@code stromasim report}: on a small real run (tiny.yaml, 30 s) it writes PNGs of the expected size and
 * prints the last metrics row; {@code --compare} of two synthetic runs with known metrics prints the known
 * differences; bad input exits 2 with one line.
 */
class ReportCommandTest {

    @TempDir
    static Path temp;
    static Path realRun;

    @BeforeAll
    static void runTiny() throws Exception {
        realRun = temp.resolve("tiny");
        Path scenario = Path.of(ReportCommandTest.class.getResource("/scenarios/tiny.yaml").toURI());
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", realRun.toString(), "--no-progress",
                "--backend", "java");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void reportOfARealRunWritesPngsAndPrintsTheLastMetricsRow() throws IOException {
        Path out = temp.resolve("report-out");
        CliHarness.Result r = CliHarness.run("report", realRun.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());

        assertImage(out.resolve(ReportPlots.VESSEL_PROFILE), ReportPlots.PROFILE_WIDTH, ReportPlots.profileHeight(true));
        assertImage(out.resolve(ReportPlots.DEPTH_PROFILE), ReportPlots.PROFILE_WIDTH, ReportPlots.profileHeight(false));
        MetricsTable table = MetricsTable.read(realRun.resolve("metrics.csv"));
        int panels = Headline.of(table, "drug").size();
        int rows = (panels + ReportPlots.PANEL_COLUMNS - 1) / ReportPlots.PANEL_COLUMNS;
        assertImage(out.resolve(ReportPlots.TIME_COURSES), ReportPlots.PANEL_COLUMNS * ReportPlots.PANEL_WIDTH,
                rows * ReportPlots.PANEL_HEIGHT);

        // Every printed headline number is the last row's value (to the printed precision).
        Map<String, String> printed = printedByColumn(r.out());
        assertTrue(printed.size() >= 7, r.out());
        double[] lastRow = lastCsvRow(realRun.resolve("metrics.csv"));
        List<String> columns = table.columns();
        assertTrue(printed.containsKey("drug_exposure_half_depth_um"), r.out());
        for (Map.Entry<String, String> e : printed.entrySet()) {
            double csv = lastRow[columns.indexOf(e.getKey())];
            String text = e.getValue();
            if (text.contains("not reached")) {
                assertTrue(Double.isNaN(csv), e.getKey() + " printed as not reached but the csv has " + csv);
                continue;
            }
            double shown = Double.parseDouble(text.replaceAll("[^0-9.eE+-].*$", ""));
            double expected = switch (e.getKey()) {
                case "viable_fraction" -> 100 * (1 - csv);
                case "cancer_exposed_fraction" -> 100 * csv;
                default -> csv;
            };
            double tolerance = text.endsWith("%") || text.endsWith("µm") ? 0.05 + 1e-9 : 5e-4 * Math.abs(expected);
            assertEquals(expected, shown, tolerance, e.getKey() + ": " + text);
        }
        // The rim sees more drug than the tumour on average (it is nearest the source).
        assertTrue(table.last("drug_exposure_tumour_rim_uM_s") > table.last("drug_exposure_tumour_mean_uM_s"));
    }

    @Test
    void aComparisonGoesToItsOwnDirectoryAndKeepsTheSingleRunReport() throws IOException {
        Path a = syntheticRun(temp.resolve("own-a"), new Grid3D(12, 10, 8, 20), 41.0, 0.633, 0.367, 12.5, 4000);
        Path b = syntheticRun(temp.resolve("own-b"), new Grid3D(12, 10, 8, 20), 57.0, 0.611, 0.389, 10.0, 4500);
        assertEquals(0, CliHarness.run("report", a.toString()).exitCode());
        Path single = a.resolve("report").resolve("time-courses.png");
        byte[] before = Files.readAllBytes(single);
        CliHarness.Result r = CliHarness.run("report", a.toString(), "--compare", b.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(a.resolve("report-vs-own-b").resolve("time-courses.png")), r.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(single)), "the single-run report is untouched");
    }

    @Test
    void compareOfSyntheticRunsPrintsTheKnownDifferences() throws IOException {
        Path a = syntheticRun(temp.resolve("a"), new Grid3D(12, 10, 8, 20), 41.0, 0.633, 0.367, 12.5, 4000);
        Path b = syntheticRun(temp.resolve("b"), new Grid3D(12, 10, 8, 20), 57.0, 0.611, 0.389, 10.0, 4500);
        CliHarness.Result r = CliHarness.run("report", a.toString(), "--compare", b.toString(),
                "--out", temp.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("exposure half-depth into the tumour: 41.0 µm → 57.0 µm (+16.0 µm, +39.0 %)"), out);
        assertTrue(out.contains("cancer cells killed: 36.7 % → 38.9 % (+2.2 percentage points)"), out);
        assertTrue(out.contains("cancer voxels above the effective EC50: 36.7 % → 38.9 % (+2.2 percentage points)"), out);
        assertTrue(out.contains("mean stiffness, stroma: 12.5 kPa → 10 kPa (-2.5 kPa, -20.0 %)"), out);
        assertTrue(out.contains("mean lactate, tumour: 4000 µM → 4500 µM (+500 µM, +12.5 %)"), out);
        assertTrue(out.contains("drug L50 from the nearest vessel: > 180 µm (not reached) → > 180 µm (not reached)"
                + " (not reached in either run)"), out);
    }

    /**
     * The exposure L50 line is read off the exposure profile of the newest snapshot, not the concentration's:
     * vessels fill the plane i = 0, every voxel's vessel distance is exactly i·dx (a shell centre), the
     * exposure falls linearly from the perivascular shell, E = 100·(1 − (d − dx)/(2·37 µm)), so its half level
     * lies exactly 37 µm beyond that shell (linear interpolation is exact on a line), while the concentration is
     * flat (its L50 is not reached).
     */
    @Test
    void exposureL50IsReadFromTheExposureProfile() throws IOException {
        Grid3D grid = new Grid3D(12, 4, 4, 20);
        Path dir = temp.resolve("exposure-l50");
        RunDirectory run = RunDirectory.create(dir, "name: synthetic\n", false);
        Tissue t = new Tissue(grid, List.of("drug"));
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    double d = i * grid.voxelUm();
                    t.cell()[v] = (i == 0 ? CellType.VESSEL : i >= 4 ? CellType.CANCER : CellType.ECM).code();
                    t.vesselDistanceUm()[v] = (float) d;
                    t.concentration(0)[v] = 1f;
                    t.drugExposure()[v] = (float) Math.max(0, 100 * (1 - (d - grid.voxelUm()) / (2 * 37.0)));
                }
            }
        }
        SnapshotWriter.write(run.snapshotsDir(), t, new SnapshotInfo(10, 600, 0, "synthetic", "test",
                "name: synthetic\n", "synthetic", Map.of("drug", "µM"), "µM·s"));
        Files.writeString(dir.resolve("metrics.csv"), "# synthetic\ntime_s,drug_penetration_depth_um,"
                + "drug_penetration_depth_beyond_um\n0,NaN,NaN\n600,NaN,200\n");
        CliHarness.Result r = CliHarness.run("report", dir.toString(), "--out", temp.resolve("exposure-l50-out").toString());
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("exposure L50 from the nearest vessel at t = .* \\(newest snapshot\\): (\\S+) µm")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(37.0, Double.parseDouble(m.group(1)), 0.05 + 1e-9, r.out()); // printed to 0.1 µm
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        assertOneLineError(CliHarness.run("report", temp.resolve("missing").toString()), "no such run directory");
        Path empty = Files.createDirectories(temp.resolve("empty"));
        assertOneLineError(CliHarness.run("report", empty.toString()), "no metrics.csv");
        Path a = syntheticRun(temp.resolve("grid-a"), new Grid3D(12, 10, 8, 20), 41, 0.6, 0.4, 12, 4000);
        Path b = syntheticRun(temp.resolve("grid-b"), new Grid3D(12, 10, 8, 10), 41, 0.6, 0.4, 12, 4000);
        assertOneLineError(CliHarness.run("report", a.toString(), "--compare", b.toString()), "the grids differ");
    }

    private static void assertOneLineError(CliHarness.Result r, String expected) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private static void assertImage(Path png, int width, int height) throws IOException {
        assertTrue(Files.size(png) > 1000, png + " is nearly empty");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth(), png.toString());
        assertEquals(height, image.getHeight(), png.toString());
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < height && !varied; y += 7) {
            for (int x = 0; x < width && !varied; x += 7) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, png + " is a blank image");
    }

    /** Headline lines are "  label   value   column": column → value text. */
    private static Map<String, String> printedByColumn(String out) {
        Map<String, String> byColumn = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^ {2}(.{44}) (.{24}) (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(out);
        while (m.find()) {
            byColumn.put(m.group(3), m.group(2).strip());
        }
        return byColumn;
    }

    private static double[] lastCsvRow(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
        String[] cells = rows.get(rows.size() - 1).split(",");
        double[] values = new double[cells.length];
        for (int c = 0; c < cells.length; c++) {
            values[c] = Double.parseDouble(cells[c]);
        }
        return values;
    }

    /**
     * A run directory with one snapshot (a vessel column, a cancer block) and a two-row metrics.csv whose
     * last row holds the given values; the vessel L50 is not reached (NaN, beyond 180 µm).
     */
    private static Path syntheticRun(Path dir, Grid3D grid, double exposureHalfDepthUm, double viable,
                                     double aboveEc50, double stromaStiffnessKpa, double tumourLactateUm)
            throws IOException {
        RunDirectory run = RunDirectory.create(dir, "name: synthetic\n", false);
        Tissue t = new Tissue(grid, List.of("drug"));
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    int v = grid.index(i, j, k);
                    t.cell()[v] = (i == 0 && j == 0 ? CellType.VESSEL : i >= 4 ? CellType.CANCER : CellType.ECM).code();
                    t.vesselDistanceUm()[v] = (float) (Math.hypot(i, j) * grid.voxelUm());
                    t.concentration(0)[v] = (float) Math.exp(-i / 4.0);
                    t.drugExposure()[v] = 60f * (float) Math.exp(-i / 4.0);
                }
            }
        }
        SnapshotWriter.write(run.snapshotsDir(), t, new SnapshotInfo(10, 3600, 0, "synthetic", "test",
                "name: synthetic\n", "synthetic", Map.of("drug", "µM"), "µM·s"));
        String header = "time_s,drug_penetration_depth_um,drug_penetration_depth_beyond_um,drug_exposure_half_depth_um,"
                + "drug_exposure_half_depth_beyond_um,viable_fraction,cancer_above_effective_ec50_fraction,"
                + "stroma_mean_stiffness_kpa,tumour_mean_lactate_uM\n";
        String first = "0,NaN,NaN,NaN,NaN,1,0,3.04,1000\n";
        String last = String.join(",", "3600", "NaN", "180", Double.toString(exposureHalfDepthUm), "NaN",
                Double.toString(viable), Double.toString(aboveEc50), Double.toString(stromaStiffnessKpa),
                Double.toString(tumourLactateUm)) + "\n";
        Files.writeString(dir.resolve("metrics.csv"), "# synthetic\n" + header + first + last);
        return dir;
    }
}
