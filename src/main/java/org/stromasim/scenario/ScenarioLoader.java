package org.stromasim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads scenario YAML into a validated, immutable {@link Scenario}, applying command-line overrides
 * first, and writes a resolved scenario back as YAML. Every problem is a {@link ScenarioException}
 * whose message names the file, line, key path, value and what is allowed.
 */
public final class ScenarioLoader {

    /** The embedded default scenario: configs/default.yaml, packaged under scenarios/ by the pom. */
    public static final String DEFAULT_RESOURCE = "scenarios/default.yaml";

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) {
        return load(file, List.of());
    }

    /** Loads {@code file} after applying {@code overrides} such as {@code run.end_time_s=600}. */
    public static Scenario load(Path file, List<String> overrides) {
        String text;
        try {
            text = Utf8Text.decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw ScenarioException.inFile(SourceLocation.of(file.toString(), 0, 0),
                    "cannot read the scenario file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return parse(text, file.toString(), overrides);
    }

    /** The embedded default scenario. */
    public static Scenario loadDefault() {
        return loadDefault(List.of());
    }

    public static Scenario loadDefault(List<String> overrides) {
        return parse(defaultText(), DEFAULT_RESOURCE, overrides);
    }

    /** The text of the embedded default scenario (for {@code stromasim run} without a file, and for docs). */
    public static String defaultText() {
        try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE
                        + " is missing: the build must package configs/ as scenarios/ (see pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Parses scenario YAML.
     *
     * @param yamlText   the YAML text
     * @param sourceName how messages name the source, usually the file path
     * @param overrides  {@code key.path=value} strings, applied in order before validation
     */
    public static Scenario parse(String yamlText, String sourceName, List<String> overrides) {
        YamlNode root = YamlTreeReader.read(yamlText, sourceName);
        if (!overrides.isEmpty()) {
            if (root == null) {
                root = new YamlNode.MapNode(new java.util.LinkedHashMap<>(), SourceLocation.of(sourceName, 1, 1));
            }
            root = Overrides.apply(root, overrides, sourceName);
        }
        return ScenarioBinder.bind(root, sourceName);
    }

    /** The resolved scenario as YAML, every default filled in; {@link #parse} of it gives an equal Scenario. */
    public static String toYaml(Scenario scenario) {
        return ScenarioYamlWriter.toYaml(scenario);
    }
}
