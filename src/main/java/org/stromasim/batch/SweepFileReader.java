package org.stromasim.batch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a sweep file (YAML, with Jackson) into a {@link SweepSpec}. The file's shape is checked here,
 * every problem reported as {@code file:line:col: key = value: what is allowed}; whether the swept
 * key paths exist in the scenario is checked by {@link SweepExpansion}, which builds every point's
 * scenario before anything runs.
 * <pre>
 * base: tiny.yaml                      # scenario file, relative to this file (default: embedded default)
 * set: {run.end_time_s: 20}            # fixed overrides for every point (optional)
 * axes:
 *   - {key: ecm.stiffness_kpa.stroma, values: [3, 18]}
 *   - {key: species.drug.d0_um2_per_s, linspace: {start: 50, stop: 150, count: 3}}
 *   - {key: species.drug.vessel.permeability_um_per_s, logspace: {start: 0.1, stop: 10, count: 3}}
 * zip: [[species.drug.d0_um2_per_s, species.drug.vessel.permeability_um_per_s]]   # optional pairing
 * replicates: 2                        # optional, default 1
 * </pre>
 */
public final class SweepFileReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);
    private static final List<String> TOP_KEYS = List.of("base", "set", "axes", "zip", "replicates");
    private static final List<String> SPACINGS = List.of("values", "linspace", "logspace");

    private final Path file;
    private final String source;
    private final Map<String, JsonLocation> locations;

    private SweepFileReader(Path file, Map<String, JsonLocation> locations) {
        this.file = file;
        this.source = file.toString();
        this.locations = locations;
    }

    public static SweepSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SweepFileException(file + ": cannot read the sweep file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SweepFileException(file + (at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": not valid YAML: " + problemOf(e), e);
        }
        SweepFileReader reader = new SweepFileReader(file, indexLocations(file, text));
        return reader.bind(root);
    }

    /**
     * The parser's problem in one line: SnakeYAML's own message repeats the offending lines with a caret
     * under them, over several lines, while the file, line and column are already given.
     */
    private static String problemOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException marked) {
            String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
            return marked.getProblem() + context + "; check that every '[' / '{' is closed, and quote a key"
                    + " holding brackets inside {...} (\"tissue.vessels[0].radius_um\": ...)";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        return original.lines().findFirst().orElse("unreadable");
    }

    /** Line and column of every key and list element, by JSON pointer ("/axes/0/key"). */
    private static Map<String, JsonLocation> indexLocations(Path file, String text) {
        Map<String, JsonLocation> where = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                JsonStreamContext context = parser.getParsingContext();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    context = context.getParent();
                }
                if (context != null && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    where.putIfAbsent(context.pathAsPointer().toString(), parser.currentTokenLocation());
                }
            }
        } catch (IOException e) {
            throw new SweepFileException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return where;
    }

    private SweepSpec bind(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SweepFileException(source + ": the sweep file is empty; it needs at least 'axes' or 'replicates' "
                    + "(keys: " + String.join(", ", TOP_KEYS) + ")");
        }
        if (!root.isObject()) {
            throw bad("", root, "a sweep file is a map with keys " + String.join(", ", TOP_KEYS));
        }
        rejectUnknownKeys(root, "", TOP_KEYS);
        Path base = null;
        if (root.has("base") && !root.get("base").isNull()) {
            JsonNode b = root.get("base");
            if (!b.isTextual() || b.asText().isBlank()) {
                throw bad("/base", b, "must be the path of a scenario file (relative to the sweep file)");
            }
            base = resolve(b.asText());
            if (!Files.isRegularFile(base)) {
                throw bad("/base", b, "no such scenario file (looked for " + base + ")");
            }
        }
        List<String> fixed = new ArrayList<>();
        if (root.has("set") && !root.get("set").isNull()) {
            JsonNode set = root.get("set");
            if (!set.isObject()) {
                throw bad("/set", set, "must be a map of scenario key paths to values, e.g. {run.end_time_s: 20}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fixed.add(e.getKey() + "=" + YamlValues.overrideText(e.getValue()));
            }
        }
        List<SweepAxis> axes = axes(root.get("axes"));
        List<List<String>> zip = zip(root.get("zip"), axes);
        int replicates = replicates(root.get("replicates"));
        if (replicates > 1 && axes.stream().anyMatch(a -> a.keyPath().equals("run.seed"))) {
            throw bad("/replicates", root.get("replicates"), "replicates derive run.seed, which is also an axis; "
                    + "sweep run.seed or use replicates, not both");
        }
        return new SweepSpec(file, base, fixed, axes, zip, replicates);
    }

    private List<SweepAxis> axes(JsonNode node) {
        List<SweepAxis> axes = new ArrayList<>();
        if (node == null || node.isNull()) {
            return axes;
        }
        if (!node.isArray()) {
            throw bad("/axes", node, "must be a list of axes such as {key: ecm.stiffness_kpa.stroma, values: [3, 18]}");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "/axes/" + i;
            JsonNode axis = node.get(i);
            if (!axis.isObject()) {
                throw bad(at, axis, "an axis is a map {key: KEY.PATH, values: [...]} (or linspace/logspace)");
            }
            List<String> allowed = new ArrayList<>(List.of("key"));
            allowed.addAll(SPACINGS);
            rejectUnknownKeys(axis, at, allowed);
            JsonNode key = axis.get("key");
            if (key == null || !key.isTextual() || key.asText().isBlank()) {
                throw bad(key == null ? at : at + "/key", key == null ? axis : key,
                        "needs 'key': the scenario key path to sweep, e.g. ecm.stiffness_kpa.stroma");
            }
            String keyPath = key.asText().trim();
            if (!keys.add(keyPath)) {
                throw bad(at + "/key", key, "this key is swept by an earlier axis already");
            }
            List<String> given = SPACINGS.stream().filter(axis::has).toList();
            if (given.size() != 1) {
                throw bad(at, axis, "axis " + keyPath + " needs exactly one of values, linspace, logspace; has "
                        + (given.isEmpty() ? "none" : String.join(" and ", given)));
            }
            axes.add(switch (given.get(0)) {
                case "values" -> listAxis(keyPath, axis.get("values"), at);
                case "linspace" -> spacedAxis(keyPath, axis.get("linspace"), at, false);
                default -> spacedAxis(keyPath, axis.get("logspace"), at, true);
            });
        }
        return axes;
    }

    private SweepAxis listAxis(String keyPath, JsonNode values, String axisAt) {
        String at = axisAt + "/values";
        if (!values.isArray()) {
            throw bad(at, values, "must be a list of values, e.g. [3, 18]");
        }
        if (values.isEmpty()) {
            throw bad(at, values, "empty axis: give one or more values");
        }
        List<String> shown = new ArrayList<>();
        List<String> yaml = new ArrayList<>();
        for (JsonNode v : values) {
            shown.add(YamlValues.displayText(v));
            yaml.add(YamlValues.overrideText(v));
        }
        return new SweepAxis(keyPath, shown, yaml, false, where(axisAt + "/key"));
    }

    private SweepAxis spacedAxis(String keyPath, JsonNode spec, String axisAt, boolean log) {
        String kind = log ? "logspace" : "linspace";
        String at = axisAt + "/" + kind;
        if (!spec.isObject()) {
            throw bad(at, spec, "must be a map {start: A, stop: B, count: N}");
        }
        rejectUnknownKeys(spec, at, List.of("start", "stop", "count"));
        double start = number(spec, at, "start", kind);
        double stop = number(spec, at, "stop", kind);
        JsonNode countNode = spec.get("count");
        if (countNode == null) {
            throw bad(at, spec, kind + " needs count (an integer >= 2)");
        }
        if (!countNode.canConvertToExactIntegral() || !countNode.canConvertToInt() || countNode.asInt() < 2) {
            throw bad(at + "/count", countNode, "must be an integer >= 2");
        }
        int count = countNode.asInt();
        if (log && !(start > 0 && stop > 0)) {
            throw bad(at + "/" + (start > 0 ? "stop" : "start"), spec.get(start > 0 ? "stop" : "start"),
                    "logspace needs start and stop > 0 (they are the end values, not exponents)");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double f = i / (double) (count - 1);
            double v = i == count - 1 ? stop
                    : log ? Math.exp(Math.log(start) + f * (Math.log(stop) - Math.log(start)))
                    : start + f * (stop - start);
            if (i == 0) {
                v = start;
            }
            values.add(YamlValues.formatDouble(v));
        }
        return new SweepAxis(keyPath, values, values, log, where(axisAt + "/key"));
    }

    private double number(JsonNode spec, String at, String key, String kind) {
        JsonNode v = spec.get(key);
        if (v == null) {
            throw bad(at, spec, kind + " needs " + key + " (a number)");
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad(at + "/" + key, v, "must be a finite number");
        }
        return v.asDouble();
    }

    private List<List<String>> zip(JsonNode node, List<SweepAxis> axes) {
        List<List<String>> groups = new ArrayList<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isArray()) {
            throw bad("/zip", node, "must be a list of groups of axis keys, e.g. [[key.a, key.b]]");
        }
        Map<String, SweepAxis> byKey = new HashMap<>();
        axes.forEach(a -> byKey.put(a.keyPath(), a));
        Set<String> used = new HashSet<>();
        for (int g = 0; g < node.size(); g++) {
            JsonNode group = node.get(g);
            String at = "/zip/" + g;
            if (!group.isArray() || group.size() < 2) {
                throw bad(at, group, "a zip group lists two or more axis keys that advance together");
            }
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                String key = group.get(i).asText();
                SweepAxis axis = byKey.get(key);
                if (axis == null) {
                    throw bad(at + "/" + i, group.get(i), "not the key of an axis; axes: " + byKey.keySet());
                }
                if (!used.add(key)) {
                    throw bad(at + "/" + i, group.get(i), "this axis is zipped already");
                }
                SweepAxis first = byKey.get(group.get(0).asText());
                if (axis.size() != first.size()) {
                    throw bad(at + "/" + i, group.get(i), "has " + axis.size() + " values but " + first.keyPath()
                            + " has " + first.size() + "; zipped axes need equal lengths");
                }
                keys.add(key);
            }
            groups.add(keys);
        }
        return groups;
    }

    private int replicates(JsonNode node) {
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < 1) {
            throw bad("/replicates", node, "must be an integer >= 1");
        }
        return node.asInt();
    }

    private void rejectUnknownKeys(JsonNode map, String at, List<String> allowed) {
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                String keyAt = at + "/" + key;
                throw new SweepFileException(where(keyAt) + ": " + display(keyAt) + ": unknown key; allowed: "
                        + String.join(", ", allowed));
            }
        }
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        Path dir = file.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p).normalize();
    }

    private SweepFileException bad(String pointer, JsonNode value, String problem) {
        String path = display(pointer);
        return new SweepFileException(where(pointer) + ": " + (path.isEmpty() ? "" : path + " = ")
                + (value == null ? "" : YamlValues.describe(value) + ": ") + problem);
    }

    /** "file:line:col" of the key or element at {@code pointer} (1-based, as editors count). */
    String where(String pointer) {
        JsonLocation at = locations.get(pointer);
        return at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
    }

    /** "/axes/0/linspace/count" → "axes[0].linspace.count". */
    static String display(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String s = segment.replace("~1", "/").replace("~0", "~");
            if (s.matches("\\d+")) {
                sb.append('[').append(s).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(s);
            }
        }
        return sb.toString();
    }
}
