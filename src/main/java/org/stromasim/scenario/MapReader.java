package org.stromasim.scenario;

import java.util.List;
import java.util.Map;

/**
 * Reads the keys of one YAML map. The keys it may hold are declared up front, so an unknown key
 * (usually a typo) is reported before anything else, with the closest valid key; asking for an
 * undeclared key is a programming error.
 */
final class MapReader {

    private final YamlNode.MapNode node;
    private final String path;
    private final List<String> allowedKeys;

    private MapReader(YamlNode.MapNode node, String path, List<String> allowedKeys) {
        this.node = node;
        this.path = path;
        this.allowedKeys = allowedKeys;
        for (Map.Entry<String, YamlNode.Entry> e : node.entries().entrySet()) {
            if (!allowedKeys.contains(e.getKey())) {
                throw ScenarioException.at(e.getValue().keyLocation(), child(e.getKey()), "unknown key."
                        + Suggestions.didYouMean(e.getKey(), allowedKeys)
                        + " Allowed keys here: " + String.join(", ", allowedKeys));
            }
        }
    }

    /** A reader for {@code node}, which must be a map whose keys are among {@code allowedKeys}. */
    static MapReader of(YamlNode node, String path, String what, String... allowedKeys) {
        return new MapReader(NodeReader.map(node, path, what), path, List.of(allowedKeys));
    }

    String path() {
        return path;
    }

    SourceLocation location() {
        return node.location();
    }

    /** The path of a key of this map, e.g. {@code run.end_time_s}. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value of {@code key}, or {@code null} when the key is absent or written as null. */
    YamlNode get(String key) {
        if (!allowedKeys.contains(key)) {
            throw new IllegalStateException("key " + key + " was not declared for " + path);
        }
        YamlNode.Entry e = node.entries().get(key);
        return e == null || e.value().isNull() ? null : e.value();
    }

    /** The keys present in the map, in file order. */
    List<String> keys() {
        return List.copyOf(node.entries().keySet());
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** The value of a required key; {@code expected} says what to write, for the message when it is missing. */
    YamlNode require(String key, String expected) {
        YamlNode v = get(key);
        if (v == null) {
            throw ScenarioException.at(node.location(), child(key), "missing required key; expected " + expected);
        }
        return v;
    }

    double number(String key, Range range) {
        return NodeReader.number(require(key, range.requirement("a number")), child(key), range);
    }

    double number(String key, Range range, double defaultValue) {
        return has(key) ? NodeReader.number(get(key), child(key), range) : defaultValue;
    }

    /** An optional number whose absence means something ({@code null}). */
    Double optionalNumber(String key, Range range) {
        return has(key) ? NodeReader.number(get(key), child(key), range) : null;
    }

    int integer(String key, Range range) {
        return Math.toIntExact(NodeReader.integer(require(key, range.requirement("an integer")), child(key), range));
    }

    long longInteger(String key, Range range) {
        return NodeReader.integer(require(key, range.requirement("an integer")), child(key), range);
    }

    String text(String key, String expected) {
        return NodeReader.text(require(key, expected), child(key), expected);
    }

    <T> T choice(String key, String what, Map<String, T> choices, T defaultValue) {
        return has(key) ? NodeReader.choice(get(key), child(key), what, choices) : defaultValue;
    }

    Vec3 vec3(String key, Range componentRange) {
        return NodeReader.vec3(require(key, ("[x, y, z], numbers " + componentRange.requirement("").trim()).trim()), child(key),
                componentRange);
    }

    Vec3 optionalVec3(String key, Range componentRange) {
        return has(key) ? NodeReader.vec3(get(key), child(key), componentRange) : null;
    }
}
