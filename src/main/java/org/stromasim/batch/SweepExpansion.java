package org.stromasim.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.io.RunDirectory;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioException;
import org.stromasim.scenario.ScenarioLoader;

/**
 * Expands a {@link SweepSpec} into its points and builds (parses and validates) every point's scenario
 * before anything runs, so an unknown key path or a value out of range is reported up front with the
 * sweep file's line. Points are the Cartesian product of the axes, a zip group counting as one axis,
 * the first axis varying slowest and replicates innermost.
 */
public final class SweepExpansion {

    private final SweepSpec spec;
    private final List<String> extraOverrides;
    private final String baseText;
    private final String baseName;

    /**
     * @param extraOverrides overrides applied after the file's {@code set} (e.g. {@code run.end_time_s=10}
     *                       from {@code --until})
     */
    public SweepExpansion(SweepSpec spec, List<String> extraOverrides) {
        this.spec = spec;
        this.extraOverrides = List.copyOf(extraOverrides);
        if (spec.base() == null) {
            this.baseText = ScenarioLoader.defaultText();
            this.baseName = ScenarioLoader.DEFAULT_RESOURCE;
        } else {
            try {
                this.baseText = Files.readString(spec.base(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new SweepFileException(spec.file() + ": base = " + spec.base() + ": cannot read it ("
                        + e.getMessage() + ")", e);
            }
            this.baseName = spec.base().toString();
        }
    }

    /** The expanded sweep: its manifest and each point's resolved scenario. */
    public record Plan(SweepManifest manifest, List<Scenario> scenarios) {
    }

    public Plan expand() {
        List<String> common = new ArrayList<>(spec.fixed());
        common.addAll(extraOverrides);
        checkCommon(common);
        for (int a = 0; a < spec.axes().size(); a++) {
            checkAxis(a, common);
        }
        List<List<SweepAxis>> dimensions = dimensions();
        int[] sizes = dimensions.stream().mapToInt(d -> d.get(0).size()).toArray();
        long combinations = 1;
        for (int size : sizes) {
            combinations *= size;
        }
        long total = combinations * spec.replicates();
        if (total > 1_000_000) {
            throw new SweepFileException(spec.file() + ": the sweep has " + total + " runs; at most 1000000 allowed");
        }
        List<SweepPoint> points = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        int[] digit = new int[sizes.length];
        for (long c = 0; c < combinations; c++) {
            Map<String, String> shown = new LinkedHashMap<>();
            List<String> overrides = new ArrayList<>(common);
            for (int d = 0; d < dimensions.size(); d++) {
                for (SweepAxis axis : dimensions.get(d)) {
                    shown.put(axis.keyPath(), axis.values().get(digit[d]));
                    overrides.add(axis.keyPath() + "=" + axis.overrideYaml().get(digit[d]));
                }
            }
            Map<String, String> ordered = new LinkedHashMap<>();
            spec.axes().forEach(a -> ordered.put(a.keyPath(), shown.get(a.keyPath())));
            long baseSeed = parse(overrides, ordered).run().seed();
            for (int r = 0; r < spec.replicates(); r++) {
                long seed = SeedDerivation.replicateSeed(baseSeed, r);
                List<String> withSeed = new ArrayList<>(overrides);
                withSeed.add("run.seed=" + seed);
                int index = points.size();
                scenarios.add(parse(withSeed, ordered));
                points.add(new SweepPoint(index, SweepPoint.runDirName(index), ordered, r, seed));
            }
            for (int d = digit.length - 1; d >= 0; d--) { // odometer, last dimension fastest
                if (++digit[d] < sizes[d]) {
                    break;
                }
                digit[d] = 0;
            }
        }
        Map<String, Boolean> axes = new LinkedHashMap<>();
        spec.axes().forEach(a -> axes.put(a.keyPath(), a.logarithmic()));
        SweepManifest manifest = new SweepManifest(spec.file().toAbsolutePath().toString(),
                spec.base() == null ? "embedded default (" + ScenarioLoader.DEFAULT_RESOURCE + ")"
                        : spec.base().toAbsolutePath().toString(), axes, spec.replicates(), points);
        return new Plan(manifest, scenarios);
    }

    /**
     * Writes the run directories (each with its resolved scenario.yaml) and manifest.json into
     * {@code sweepDir}. A directory from an earlier expansion of the same sweep is reused as it is, so
     * completed runs are kept; one from a different sweep is refused.
     */
    public static void materialise(Plan plan, Path sweepDir) throws IOException {
        Files.createDirectories(sweepDir);
        Path manifestFile = sweepDir.resolve(SweepManifest.FILE);
        if (Files.exists(manifestFile)) {
            SweepManifest existing = SweepManifest.read(sweepDir);
            if (!existing.points().equals(plan.manifest().points())) {
                throw new IllegalArgumentException(sweepDir + " holds a different sweep (" + existing.points().size()
                        + " points from " + existing.sweepFile() + "; this one has " + plan.manifest().points().size()
                        + " and differs in its parameters or seeds); choose a new --out directory");
            }
        }
        // every existing run directory is checked before any new one is created: a refused sweep leaves
        // the output directory as it found it
        List<SweepPoint> toCreate = new ArrayList<>();
        for (SweepPoint point : plan.manifest().points()) {
            Path root = sweepDir.resolve(point.runDir());
            Path scenarioFile = root.resolve(RunDirectory.SCENARIO_FILE);
            if (!Files.isRegularFile(scenarioFile)) {
                toCreate.add(point);
            } else if (!Files.readString(scenarioFile, StandardCharsets.UTF_8).equals(yamlOf(plan, point))) {
                throw new IllegalArgumentException(root + " was created for a different scenario (the sweep's "
                        + "base or fixed values changed since); choose a new --out directory");
            }
        }
        for (SweepPoint point : toCreate) {
            RunDirectory.create(sweepDir.resolve(point.runDir()), yamlOf(plan, point), false);
        }
        plan.manifest().write(sweepDir);
    }

    private static String yamlOf(Plan plan, SweepPoint point) {
        return ScenarioLoader.toYaml(plan.scenarios().get(point.index()));
    }

    /** Each unzipped axis alone, each zip group as one dimension at the place of its first axis. */
    private List<List<SweepAxis>> dimensions() {
        List<List<SweepAxis>> dims = new ArrayList<>();
        for (SweepAxis axis : spec.axes()) {
            List<String> group = spec.zip().stream().filter(g -> g.contains(axis.keyPath())).findFirst()
                    .orElse(List.of(axis.keyPath()));
            SweepAxis first = spec.axes().stream().filter(x -> group.contains(x.keyPath())).findFirst().orElseThrow();
            if (first == axis) {
                dims.add(spec.axes().stream().filter(x -> group.contains(x.keyPath())).toList());
            }
        }
        return dims;
    }

    private void checkCommon(List<String> common) {
        try {
            ScenarioLoader.parse(baseText, baseName, common);
        } catch (ScenarioException e) {
            throw new SweepFileException(spec.file() + ": set: the base scenario with the fixed values does not "
                    + "load: " + e.getMessage(), e);
        }
    }

    private void checkAxis(int a, List<String> common) {
        SweepAxis axis = spec.axes().get(a);
        for (int v = 0; v < axis.size(); v++) {
            List<String> overrides = new ArrayList<>(common);
            overrides.add(axis.keyPath() + "=" + axis.overrideYaml().get(v));
            try {
                ScenarioLoader.parse(baseText, baseName, overrides);
            } catch (ScenarioException e) {
                throw new SweepFileException(axis.location() + ": axes[" + a + "].key = " + axis.keyPath() + ": value "
                        + axis.values().get(v) + " does not fit the scenario: " + e.getMessage(), e);
            }
        }
    }

    private Scenario parse(List<String> overrides, Map<String, String> shown) {
        try {
            return ScenarioLoader.parse(baseText, baseName, overrides);
        } catch (ScenarioException e) {
            throw new SweepFileException(spec.file() + ": the point " + shown + " does not load: " + e.getMessage(), e);
        }
    }
}
