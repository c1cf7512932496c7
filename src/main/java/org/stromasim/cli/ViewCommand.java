package org.stromasim.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.stromasim.viewer.ClipBox;
import org.stromasim.viewer.CompareMode;
import org.stromasim.viewer.HeadlessScreenshot;
import org.stromasim.viewer.InteractiveViewer;
import org.stromasim.viewer.RenderMode;
import org.stromasim.viewer.RenderSettings;
import org.stromasim.viewer.Scene;
import org.stromasim.viewer.SceneLoader;
import org.stromasim.viewer.SlicePlane;
import org.stromasim.viewer.ViewState;
import org.stromasim.viewer.ViewStateFile;
import org.stromasim.viewer.camera.OrbitCamera;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.SnapshotSeries;
import org.stromasim.viewer.data.TimeSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim view}: volume rendering of a run's snapshots, in a window or as a headless PNG. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Show a run's fields as 3D volume renderings (OpenGL 3.3), or with --screenshot render one frame"
                + " headless to a PNG and exit.",
                "Window keys: \u2190/\u2192 time, Space play, F field, M mode, C colour map, L log scale, V/T vessel/tumour"
                        + " overlays, X slice axis, PgUp/PgDn move slice, [ ] clip box (x), R reset view, S save view state,"
                        + " O load view state, P screenshot, Esc quit. Mouse: left drag orbit, right drag pan, wheel zoom,"
                        + " click the slider to jump in time."})
final class ViewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR|SNAPSHOT", description = "A run directory or one snapshot file (snap_NNNNNN.h5).")
    Path source;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
            description = "Render one frame without a window, write it as PNG and exit.")
    Path screenshot;

    @Option(names = "--field", paramLabel = "NAME", defaultValue = "drug",
            description = "Field to show: a species (drug, lactate, il6, tgfb, ...), stiffness_kpa, viability, cell,"
                    + " vessel_distance_um, drug_exposure (default: ${DEFAULT-VALUE}).")
    String field;

    @Option(names = "--time", paramLabel = "WHEN", defaultValue = "last",
            description = "Snapshot: last, first, an index (3) or seconds (600s or 600.0, nearest snapshot)"
                    + " (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--camera", paramLabel = "AZ,EL,DIST",
            description = "Azimuth and elevation in degrees, distance in box lengths (default: -60,25,2.4).")
    String camera;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x480",
            description = "Image or window size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "composite",
            description = "composite, mip or iso (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--colormap", paramLabel = "MAP", defaultValue = "viridis",
            description = "viridis, magma or diverging (default: ${DEFAULT-VALUE}).")
    String colorMap;

    @Option(names = "--log", description = "Log10 value scale (for concentrations spanning decades).")
    boolean log;

    @Option(names = "--range", paramLabel = "LOW,HIGH",
            description = "Fixed colour-bar range in the field's unit (default: the field's own min..max); use the same"
                    + " range to compare images.")
    String range;

    @Option(names = "--opacity", paramLabel = "DEPTH", defaultValue = "6",
            description = "Compositing: optical depth per box length at the top of the colour bar (default: ${DEFAULT-VALUE}).")
    double opacity;

    @Option(names = "--iso-level", paramLabel = "VALUE",
            description = "Isosurface (--mode iso) at this value in the field's unit, e.g. 0.1 for 0.1 µM of drug"
                    + " (default: the middle of the colour bar).")
    Double isoLevel;

    @Option(names = "--iso-fraction", paramLabel = "T",
            description = "Isosurface at a colour-bar position in (0, 1) instead of a value (0.5 is the middle).")
    Double isoFraction;

    @Option(names = "--overlays", paramLabel = "LIST", defaultValue = "vessels,tumour",
            description = "Surfaces from the cell field: vessels, tumour, both (vessels,tumour) or none"
                    + " (default: ${DEFAULT-VALUE}).")
    String overlays;

    @Option(names = "--slice", paramLabel = "AXIS=FRACTION", description = "An opaque slice plane, e.g. z=0.5.")
    String slice;

    @Option(names = "--clip", paramLabel = "X0,Y0,Z0,X1,Y1,Z1",
            description = "Clipping box as fractions of the box, e.g. 0,0,0,1,0.5,1.")
    String clip;

    @Option(names = "--compare", paramLabel = "RUN_DIR|SNAPSHOT",
            description = "A second run shown beside the first (same field, nearest time).")
    Path compare;

    @Option(names = "--compare-mode", paramLabel = "MODE", defaultValue = "side-by-side",
            description = "side-by-side or difference (first minus second) (default: ${DEFAULT-VALUE}).")
    String compareMode;

    @Option(names = "--no-hud", description = "No caption, colour bar or notes (the bare rendering).")
    boolean noHud;

    @Option(names = "--view-state", paramLabel = "FILE.json",
            description = "Start from a saved view state; options given explicitly override it.")
    Path viewState;

    @Option(names = "--save-view-state", paramLabel = "FILE.json",
            description = "Where to write the view state (after a screenshot, or on key S in the window)"
                    + " (default in the window: view-state.json).")
    Path saveViewState;

    @Option(names = "--max-texture-edge", paramLabel = "VOXELS",
            description = "Downsample fields longer than this along an axis (default: the GPU's GL_MAX_3D_TEXTURE_SIZE).")
    Integer maxTextureEdge;

    @Option(names = "--max-texture-mib", paramLabel = "MIB", defaultValue = "1024",
            description = "Downsample fields whose float32 texture exceeds this (default: ${DEFAULT-VALUE}).")
    long maxTextureMib;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (screenshot != null && !screenshot.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            // the file is always PNG; a .jpg name holding PNG bytes would mislead every program that opens it
            throw new UserInputException("--screenshot " + screenshot + ": screenshots are written as PNG; "
                    + "give a file name ending in .png");
        }
        int[] wh = parseSize(size);
        if (screenshot != null) {
            OutputTargets.requireWritableFile(screenshot, "--screenshot");
        }
        SnapshotSeries series = SnapshotSeries.open(source);
        CompareMode comparison = compare == null ? CompareMode.NONE : CompareMode.fromKey(compareMode);
        if (comparison == CompareMode.NONE && compare != null) {
            throw new UserInputException("--compare-mode none cannot be used with --compare");
        }
        SceneLoader loader = new SceneLoader(series, compare == null ? null : SnapshotSeries.open(compare), comparison);
        ViewState state = startState(series);
        HeadlessScreenshot.TextureLimits limits = textureLimits();
        if (screenshot == null) {
            Path statePath = saveViewState != null ? saveViewState : Path.of("view-state.json");
            new InteractiveViewer(loader, state, wh[0], wh[1], !noHud, limits, statePath, out).run();
            return ExitCodes.OK;
        }
        Scene scene = loader.load(state.field(), state.timeIndex(), state);
        BufferedImage image = HeadlessScreenshot.render(scene, state, wh[0], wh[1], !noHud, limits,
                note -> out.println("note: " + note));
        try {
            Path parent = screenshot.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", screenshot.toFile())) {
                throw new IllegalStateException("no PNG writer available in this Java runtime");
            }
        } catch (IOException e) {
            throw OutputTargets.failedWrite(screenshot, e);
        }
        if (saveViewState != null) {
            ViewStateFile.save(state, saveViewState);
        }
        out.println("wrote " + screenshot + " (" + wh[0] + "×" + wh[1] + ", " + scene.title() + ", "
                + state.settings().mode().key() + ", " + scene.colorMap().key() + ")");
        out.flush();
        return ExitCodes.OK;
    }

    /** The saved state (if any) with every explicitly given option applied over it. */
    private ViewState startState(SnapshotSeries series) {
        ParseResult given = spec.commandLine().getParseResult();
        ViewState base = viewState != null ? ViewStateFile.load(viewState) : null;
        boolean all = base == null;
        RenderSettings settings = all ? RenderSettings.DEFAULT : base.settings();
        if (all || given.hasMatchedOption("--mode")) {
            settings = settings.withMode(RenderMode.fromKey(mode));
        }
        if (all || given.hasMatchedOption("--colormap")) {
            settings = settings.withColorMap(ColorMap.fromKey(colorMap));
        }
        if (all || given.hasMatchedOption("--log")) {
            settings = settings.withLog(log);
        }
        if (all || given.hasMatchedOption("--opacity")) {
            settings = settings.withOpacity(opacity);
        }
        if (isoLevel != null && isoFraction != null) {
            throw new UserInputException("--iso-level " + isoLevel + " and --iso-fraction " + isoFraction
                    + ": give the isosurface either as a value in the field's unit or as a colour-bar fraction, not both");
        }
        if (isoFraction != null) {
            settings = settings.withIsoLevel(isoFraction);
        }
        if (isoLevel != null) {
            settings = settings.withIsoValue(isoLevel);
        }
        if (all || given.hasMatchedOption("--overlays")) {
            settings = withOverlays(settings, overlays);
        }
        if (slice != null) {
            settings = settings.withSlice(SlicePlane.parse(slice));
        }
        if (clip != null) {
            settings = settings.withClip(ClipBox.parse(clip));
        }
        OrbitCamera view = camera != null ? OrbitCamera.parse(camera) : all ? OrbitCamera.DEFAULT : base.camera();
        String shownField = all || given.hasMatchedOption("--field") ? field : base.field();
        int timeIndex;
        if (all || given.hasMatchedOption("--time")) {
            timeIndex = TimeSelection.parse(time).resolve(series);
        } else {
            timeIndex = new TimeSelection.Index(base.timeIndex()).resolve(series);
        }
        Double low = all ? null : base.rangeLow();
        Double high = all ? null : base.rangeHigh();
        if (range != null) {
            double[] lowHigh = parseRange(range);
            low = lowHigh[0];
            high = lowHigh[1];
        }
        return new ViewState(shownField, timeIndex, view, settings, low, high);
    }

    private HeadlessScreenshot.TextureLimits textureLimits() {
        if (maxTextureEdge != null && maxTextureEdge < 1) {
            throw new UserInputException("--max-texture-edge = " + maxTextureEdge + ": must be >= 1 voxel");
        }
        if (maxTextureMib < 1) {
            throw new UserInputException("--max-texture-mib = " + maxTextureMib + ": must be >= 1");
        }
        return new HeadlessScreenshot.TextureLimits(maxTextureEdge == null ? Integer.MAX_VALUE : maxTextureEdge,
                maxTextureMib * 1024 * 1024);
    }

    static RenderSettings withOverlays(RenderSettings settings, String list) {
        String value = list.trim().toLowerCase(Locale.ROOT);
        if (value.equals("none")) {
            return settings.withOverlays(false, false);
        }
        if (value.equals("both")) {
            return settings.withOverlays(true, true);
        }
        boolean vessels = false;
        boolean tumour = false;
        for (String item : value.split(",")) {
            switch (item.trim()) {
                case "vessels" -> vessels = true;
                case "tumour", "tumor" -> tumour = true;
                default -> throw new UserInputException("--overlays '" + list + "': unknown overlay '" + item.trim()
                        + "' (allowed: vessels, tumour, both, none)");
            }
        }
        return settings.withOverlays(vessels, tumour);
    }

    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int width = Integer.parseInt(parts[0].trim());
                int height = Integer.parseInt(parts[1].trim());
                if (width >= 64 && height >= 64 && width <= 8192 && height <= 8192) {
                    return new int[] {width, height};
                }
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed form
        }
        throw new UserInputException("--size '" + text + "' must be WIDTHxHEIGHT in pixels, each 64..8192, e.g. 640x480");
    }

    static double[] parseRange(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                double low = Double.parseDouble(parts[0].trim());
                double high = Double.parseDouble(parts[1].trim());
                if (high > low && Double.isFinite(low) && Double.isFinite(high)) {
                    return new double[] {low, high};
                }
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the allowed form
        }
        throw new UserInputException("--range '" + text + "' must be LOW,HIGH with finite numbers and LOW < HIGH, e.g. 0,2.5");
    }
}
