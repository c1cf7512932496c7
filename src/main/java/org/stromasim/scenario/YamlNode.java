package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every node was written, so that validation after
 * parsing can still say "file:line:column". Mutable only so that command-line overrides can be
 * applied before binding; never leaves the scenario package.
 */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.ScalarNode {

    SourceLocation location();

    /** How the node reads in an error message: the scalar as written, or "a map" / "a list". */
    String describe();

    /** A copy of this subtree with every location replaced (used for values given by overrides). */
    YamlNode relocated(SourceLocation where);

    default boolean isNull() {
        return this instanceof ScalarNode s && s.kind() == ScalarKind.NULL;
    }

    /** One key of a map: where the key was written, and its value. */
    record Entry(SourceLocation keyLocation, YamlNode value) {
    }

    /** A mapping; keys keep their file order. {@code location} is that of the key that owns the map. */
    record MapNode(LinkedHashMap<String, Entry> entries, SourceLocation location) implements YamlNode {
        @Override
        public String describe() {
            return "a map";
        }

        @Override
        public YamlNode relocated(SourceLocation where) {
            LinkedHashMap<String, Entry> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                copy.put(e.getKey(), new Entry(where, e.getValue().value().relocated(where)));
            }
            return new MapNode(copy, where);
        }
    }

    record ListNode(List<YamlNode> items, SourceLocation location) implements YamlNode {
        @Override
        public String describe() {
            return "a list of " + items.size();
        }

        @Override
        public YamlNode relocated(SourceLocation where) {
            List<YamlNode> copy = new ArrayList<>();
            for (YamlNode item : items) {
                copy.add(item.relocated(where));
            }
            return new ListNode(copy, where);
        }
    }

    /** What the YAML parser made of a scalar. */
    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    /**
     * A scalar as written ({@code text}), its kind, and its numeric value for INTEGER/FLOAT
     * ({@code null} otherwise).
     */
    record ScalarNode(String text, ScalarKind kind, Number number, SourceLocation location) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> needsQuotes(text) ? "\"" + text + "\"" : text;
                case NULL -> "null";
                default -> text;
            };
        }

        @Override
        public YamlNode relocated(SourceLocation where) {
            return new ScalarNode(text, kind, number, where);
        }

        /** A string that would read as something else (a number, several words, nothing) is shown quoted. */
        private static boolean needsQuotes(String text) {
            return text.isEmpty() || !text.matches("[A-Za-z_][A-Za-z0-9_.\\-]*");
        }
    }
}
