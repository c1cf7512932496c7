package org.stromasim.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Streams the YAML tokens of one document once (Jackson's YAML parser) and builds a {@link YamlNode}
 * tree in which every node carries its line and column. Syntax errors and duplicate keys are reported
 * here, with the key path being read when they happened.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String sourceName;
    /** Path of the key being read, for syntax errors ("near species[1].vessel"). */
    private final Deque<String> path = new ArrayDeque<>();

    private YamlTreeReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The document's root node, or {@code null} when the text holds no document (empty or only comments). */
    static YamlNode read(String yamlText, String sourceName) {
        return new YamlTreeReader(sourceName).readDocument(yamlText);
    }

    private YamlNode readDocument(String yamlText) {
        try (JsonParser parser = FACTORY.createParser(yamlText)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = readValue(parser, first, locationOf(parser));
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw ScenarioException.at(locationOf(parser), "",
                        "a scenario file holds one YAML document; found a second one (remove the extra '---')");
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw structureError(e);
        } catch (IOException e) {
            throw ScenarioException.inFile(SourceLocation.of(sourceName, 0, 0), "cannot parse YAML: " + e.getMessage(), e);
        }
    }

    /**
     * YAML that parses but that the token stream cannot hold, e.g. a map or list used as a key
     * ({@code {a: 1}: 2}, {@code ? [a, b]}); Jackson words it with its parser's internals, so it is
     * said here in the file's terms, at the line and column where it happens.
     */
    private ScenarioException structureError(com.fasterxml.jackson.core.JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        SourceLocation where = at == null ? SourceLocation.of(sourceName, 0, 0)
                : SourceLocation.of(sourceName, at.getLineNr(), at.getColumnNr());
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String problem = original.startsWith("Expected a field name")
                ? "a key must be a plain word, not a map or a list"
                : original.lines().findFirst().orElse("unreadable YAML");
        StringBuilder text = new StringBuilder("YAML structure error");
        String near = joined(null);
        if (!near.isEmpty()) {
            text.append(" in ").append(near);
        }
        text.append(": ").append(problem).append("; check that every '[' / '{' is closed and that no '?' or '{'"
                + " starts a key");
        return ScenarioException.inFile(where, text.toString(), e);
    }

    private YamlNode readValue(JsonParser parser, JsonToken token, SourceLocation ownerLocation) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readMap(parser, ownerLocation);
            case START_ARRAY:
                return readList(parser, ownerLocation);
            case VALUE_NUMBER_INT:
                return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.INTEGER, parser.getNumberValue(),
                        locationOf(parser));
            case VALUE_NUMBER_FLOAT:
                try {
                    return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.FLOAT,
                            floatValue(parser.getText()), locationOf(parser));
                } catch (NumberFormatException notADecimal) {
                    // a spelling Java cannot read: keep it as text, so the key reports "must be a number …"
                    return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.STRING, null, locationOf(parser));
                }
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.BOOLEAN, null, locationOf(parser));
            case VALUE_NULL:
                return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.NULL, null, locationOf(parser));
            default:
                return new YamlNode.ScalarNode(parser.getText(), YamlNode.ScalarKind.STRING, null, locationOf(parser));
        }
    }

    /**
     * The value of a YAML float, including YAML's .inf/.nan spellings (which Jackson types as floats but
     * cannot convert); validation then refuses them with the key's allowed range.
     */
    private static double floatValue(String text) {
        String t = text.replace("_", "");
        if (t.matches("[-+]?\\.(inf|Inf|INF)")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.matches("\\.(nan|NaN|NAN)")) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    private YamlNode.MapNode readMap(JsonParser parser, SourceLocation ownerLocation) throws IOException {
        LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceLocation keyLocation = locationOf(parser);
            YamlNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                throw ScenarioException.at(keyLocation, joined(key),
                        "duplicate key (first given at line " + earlier.keyLocation().line() + "); give each key once");
            }
            path.addLast(key);
            YamlNode value = readValue(parser, parser.nextToken(), keyLocation);
            path.removeLast();
            entries.put(key, new YamlNode.Entry(keyLocation, value));
        }
        expect(token, JsonToken.END_OBJECT, parser);
        return new YamlNode.MapNode(entries, ownerLocation);
    }

    private YamlNode.ListNode readList(JsonParser parser, SourceLocation ownerLocation) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            path.addLast("[" + items.size() + "]");
            items.add(readValue(parser, token, locationOf(parser)));
            path.removeLast();
        }
        expect(token, JsonToken.END_ARRAY, parser);
        return new YamlNode.ListNode(items, ownerLocation);
    }

    private void expect(JsonToken actual, JsonToken expected, JsonParser parser) {
        if (actual != expected) {
            throw ScenarioException.at(locationOf(parser), joined(null), "YAML ended unexpectedly (expected " + expected + ")");
        }
    }

    private SourceLocation locationOf(JsonParser parser) {
        JsonLocation l = parser.currentTokenLocation();
        return SourceLocation.of(sourceName, l.getLineNr(), l.getColumnNr());
    }

    private ScenarioException syntaxError(MarkedYAMLException e) {
        int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
        int column = e.getProblemMark() != null ? e.getProblemMark().getColumn() + 1 : 0;
        StringBuilder problem = new StringBuilder("YAML syntax error");
        String near = joined(null);
        if (!near.isEmpty()) {
            problem.append(" in ").append(near);
        }
        problem.append(": ").append(e.getProblem());
        if (e.getContext() != null && e.getContextMark() != null) {
            problem.append(" (").append(e.getContext()).append(" started at line ")
                    .append(e.getContextMark().getLine() + 1).append(", column ")
                    .append(e.getContextMark().getColumn() + 1).append(')');
        }
        problem.append("; check the indentation (spaces only, children indented under their key)"
                + " and that every '[' / '{' is closed");
        return ScenarioException.inFile(SourceLocation.of(sourceName, line, column), problem.toString(), e);
    }

    private String joined(String lastKey) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path) {
            if (sb.length() > 0 && !segment.startsWith("[")) {
                sb.append('.');
            }
            sb.append(segment);
        }
        if (lastKey != null) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(lastKey);
        }
        return sb.toString();
    }
}
