package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Applies command-line overrides {@code key.path=value} to the YAML tree before binding, so an
 * overridden value is validated exactly like one written in the file. Paths: map keys joined by dots;
 * list elements by index ({@code species[0]}, {@code tissue.vessels.1}) or, for lists of named maps
 * such as species, by name ({@code species.drug} or {@code species[drug]}). The value is YAML
 * ({@code 600}, {@code [0, 0, 1]}, {@code {fixed: 1.0}}, {@code null} to fall back to the default).
 */
final class Overrides {

    private static final String FORM = "an override is key.path=value, e.g. run.end_time_s=600 or species.drug.d0_um2_per_s=50";

    private Overrides() {
    }

    /** Applies each override in order to {@code root} (a map) and returns the root. */
    static YamlNode apply(YamlNode root, List<String> overrides, String sourceName) {
        for (String override : overrides) {
            root = applyOne(root, override, sourceName);
        }
        return root;
    }

    private static YamlNode applyOne(YamlNode root, String override, String sourceName) {
        SourceLocation fileOnly = new SourceLocation(sourceName, 0, 0, override);
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw ScenarioException.at(fileOnly, "", FORM);
        }
        String keyPath = override.substring(0, eq).trim();
        List<String> segments = segments(keyPath, fileOnly);
        if (!(root instanceof YamlNode.MapNode)) {
            throw ScenarioException.at(fileOnly, keyPath, "the scenario file is not a map, so nothing can be overridden");
        }
        YamlNode value = YamlTreeReader.read(override.substring(eq + 1), "--set " + override);
        YamlNode parent = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (parent instanceof YamlNode.MapNode map) {
                YamlNode.Entry entry = map.entries().get(segment);
                SourceLocation where = (entry != null ? entry.keyLocation() : map.location()).overriddenBy(override);
                appendKey(walked, segment);
                if (last) {
                    YamlNode newValue = value == null ? nullAt(where) : value.relocated(where);
                    map.entries().put(segment, new YamlNode.Entry(where, newValue));
                } else if (entry == null || entry.value().isNull()) {
                    // an absent section is created, so "--set metrics.drug_species=x" works without a metrics map
                    YamlNode.MapNode created = new YamlNode.MapNode(new LinkedHashMap<>(), where);
                    map.entries().put(segment, new YamlNode.Entry(where, created));
                    parent = created;
                } else {
                    parent = entry.value();
                }
            } else if (parent instanceof YamlNode.ListNode list) {
                int index = elementIndex(list, segment, walked.toString(), override);
                walked.append('[').append(segment).append(']');
                if (last) {
                    SourceLocation where = list.items().get(index).location().overriddenBy(override);
                    list.items().set(index, value == null ? nullAt(where) : value.relocated(where));
                } else {
                    parent = list.items().get(index);
                }
            } else {
                throw ScenarioException.badValue(parent, walked.toString(), "is a single value, so it has no key '"
                        + segment + "' (override " + override + ")");
            }
        }
        return root;
    }

    /** Finds a list element by index or by its {@code name}. */
    private static int elementIndex(YamlNode.ListNode list, String segment, String listPath, String override) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            if (list.items().get(i) instanceof YamlNode.MapNode m && m.entries().get("name") != null
                    && m.entries().get("name").value() instanceof YamlNode.ScalarNode s) {
                if (s.text().equals(segment)) {
                    return i;
                }
                names.add(s.text());
            }
        }
        // an index too long for an int is no element either (never a NumberFormatException)
        if (segment.matches("\\d{1,9}")) {
            int index = Integer.parseInt(segment);
            if (index < list.items().size()) {
                return index;
            }
        }
        SourceLocation where = list.location().overriddenBy(override);
        String allowed = (names.isEmpty() ? "" : "a name (" + String.join(", ", names) + ") or ")
                + (list.items().isEmpty() ? "nothing: the list is empty" : "an index 0.." + (list.items().size() - 1));
        throw ScenarioException.at(where, listPath + "[" + segment + "]", "no such element."
                + Suggestions.didYouMean(segment, names) + " Allowed: " + allowed);
    }

    /**
     * {@code species[drug].d0_um2_per_s} and {@code species.drug.d0_um2_per_s} give the same segments.
     * A bracket holds exactly one list element (a name or an index) and must be closed before the next
     * dot; anything else is refused with the character where the path goes wrong, so a typo in a
     * bracket never lands on some other key.
     */
    static List<String> segments(String keyPath, SourceLocation where) {
        List<String> segments = new ArrayList<>();
        int i = 0;
        int n = keyPath.length();
        while (i < n) {
            char c = keyPath.charAt(i);
            if (c == '[') {
                if (segments.isEmpty()) {
                    throw badPath(where, keyPath, i, "a path starts with a key, not '['");
                }
                int close = keyPath.indexOf(']', i + 1);
                int dot = keyPath.indexOf('.', i + 1);
                int open = keyPath.indexOf('[', i + 1);
                if (close < 0) {
                    throw badPath(where, keyPath, i, "'[' is never closed by ']'");
                }
                if ((dot >= 0 && dot < close) || (open >= 0 && open < close)) {
                    throw badPath(where, keyPath, Math.min(dot < 0 ? n : dot, open < 0 ? n : open),
                            "a bracket holds one list element (a name or an index), not a path: close it first, "
                                    + "e.g. species[drug].d0_um2_per_s");
                }
                String element = keyPath.substring(i + 1, close).trim();
                if (element.isEmpty()) {
                    throw badPath(where, keyPath, i, "empty brackets");
                }
                segments.add(element);
                i = close + 1;
                if (i < n && keyPath.charAt(i) != '.' && keyPath.charAt(i) != '[') {
                    throw badPath(where, keyPath, i, "after ']' comes '.', '[' or the end of the path");
                }
                if (i < n && keyPath.charAt(i) == '.') {
                    i++;
                    if (i == n) {
                        throw badPath(where, keyPath, i - 1, "the path ends with '.'");
                    }
                }
                continue;
            }
            if (c == ']') {
                throw badPath(where, keyPath, i, "']' without a matching '['");
            }
            int end = i;
            while (end < n && "[].".indexOf(keyPath.charAt(end)) < 0) {
                end++;
            }
            String key = keyPath.substring(i, end).trim();
            if (key.isEmpty()) {
                throw badPath(where, keyPath, i, "empty key in the path");
            }
            segments.add(key);
            i = end;
            if (i < n && keyPath.charAt(i) == '.') {
                i++;
                if (i == n) {
                    throw badPath(where, keyPath, i - 1, "the path ends with '.'");
                }
            }
        }
        if (segments.isEmpty()) {
            throw ScenarioException.at(where, keyPath, "empty key in the path; " + FORM);
        }
        return segments;
    }

    private static ScenarioException badPath(SourceLocation where, String keyPath, int at, String problem) {
        return ScenarioException.at(where, keyPath, problem + " (at character " + (at + 1) + " of the path: "
                + keyPath.substring(0, Math.min(at, keyPath.length())) + " ▸ "
                + keyPath.substring(Math.min(at, keyPath.length())) + "); " + FORM);
    }

    private static void appendKey(StringBuilder path, String key) {
        if (path.length() > 0) {
            path.append('.');
        }
        path.append(key);
    }

    private static YamlNode nullAt(SourceLocation where) {
        return new YamlNode.ScalarNode("", YamlNode.ScalarKind.NULL, null, where);
    }
}
