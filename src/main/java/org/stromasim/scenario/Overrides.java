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
        if (segment.matches("\\d+")) {
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

    /** {@code species[drug].d0_um2_per_s} and {@code species.drug.d0_um2_per_s} give the same segments. */
    private static List<String> segments(String keyPath, SourceLocation where) {
        String dotted = keyPath.replace("]", "").replace("[", ".");
        List<String> segments = new ArrayList<>();
        for (String segment : dotted.split("\\.", -1)) {
            if (segment.isBlank()) {
                throw ScenarioException.at(where, keyPath, "empty key in the path; " + FORM);
            }
            segments.add(segment.trim());
        }
        return segments;
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
