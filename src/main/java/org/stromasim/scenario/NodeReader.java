package org.stromasim.scenario;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Converts one YAML node to a Java value, or throws a {@link ScenarioException} that shows the value,
 * its key path and what is allowed. Type and range problems give the same message shape
 * ("must be a number > 0 (µm²/s)"), because the fix is the same: write an allowed value.
 */
final class NodeReader {

    private NodeReader() {
    }

    static double number(YamlNode node, String path, Range range) {
        if (!(node instanceof YamlNode.ScalarNode s) || s.number() == null) {
            throw ScenarioException.badValue(node, path, "must be " + range.requirement("a number"));
        }
        double v = s.number().doubleValue();
        if (!range.contains(v)) {
            throw ScenarioException.badValue(node, path, "must be " + (Double.isFinite(v) ? range.describe() : range.requirement("a finite number")));
        }
        return v;
    }

    static long integer(YamlNode node, String path, Range range) {
        if (!(node instanceof YamlNode.ScalarNode s) || s.kind() != YamlNode.ScalarKind.INTEGER) {
            throw ScenarioException.badValue(node, path, "must be " + range.requirement("an integer"));
        }
        if (s.number() instanceof BigInteger || !range.contains(s.number().doubleValue())) {
            throw ScenarioException.badValue(node, path, "must be " + range.requirement("an integer"));
        }
        return s.number().longValue();
    }

    /** Any non-null scalar, as written (a name may happen to look like a number or a boolean). */
    static String text(YamlNode node, String path, String allowed) {
        if (!(node instanceof YamlNode.ScalarNode s) || s.kind() == YamlNode.ScalarKind.NULL) {
            throw ScenarioException.badValue(node, path, "must be " + allowed);
        }
        return s.text();
    }

    /** One of a fixed set of words (units, enum values, law names…). */
    static <T> T choice(YamlNode node, String path, String what, Map<String, T> choices) {
        String allowed = String.join(", ", choices.keySet());
        String word = text(node, path, "one of: " + allowed);
        T value = choices.get(word);
        if (value == null) {
            throw ScenarioException.badValue(node, path, "unknown " + what + "."
                    + Suggestions.didYouMean(word, choices.keySet()) + " Allowed: " + allowed);
        }
        return value;
    }

    static YamlNode.MapNode map(YamlNode node, String path, String what) {
        if (node instanceof YamlNode.MapNode m) {
            return m;
        }
        throw ScenarioException.badValue(node, path, "must be a map (" + what + ")");
    }

    static YamlNode.ListNode list(YamlNode node, String path, String what) {
        if (node instanceof YamlNode.ListNode l) {
            return l;
        }
        throw ScenarioException.badValue(node, path, "must be a list (" + what + ")");
    }

    /** A point or direction written {@code [x, y, z]}. */
    static Vec3 vec3(YamlNode node, String path, Range componentRange) {
        String expected = ("a list [x, y, z] of three numbers " + componentRange.requirement("").trim()).trim();
        if (!(node instanceof YamlNode.ListNode l) || l.items().size() != 3) {
            throw ScenarioException.badValue(node, path, "must be " + expected);
        }
        List<YamlNode> xyz = l.items();
        return new Vec3(number(xyz.get(0), path + "[0]", componentRange),
                number(xyz.get(1), path + "[1]", componentRange),
                number(xyz.get(2), path + "[2]", componentRange));
    }
}
