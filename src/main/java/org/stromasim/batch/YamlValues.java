package org.stromasim.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns sweep values into the YAML text of a scenario override, and into text for people. */
final class YamlValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlValues() {
    }

    /**
     * YAML for {@code key=value}: numbers and booleans as written, strings double-quoted (so "yes" or
     * "1e3" stay strings), lists and maps as JSON flow collections (JSON is YAML).
     */
    static String overrideText(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.asText() : formatDouble(value.asDouble());
        }
        if (value.isBoolean() || value.isNull()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    /** The value as people read it: scalars bare, collections as JSON. */
    static String displayText(JsonNode value) {
        return value.isValueNode() ? (value.isNumber() && !value.isIntegralNumber()
                ? formatDouble(value.asDouble()) : value.asText()) : overrideText(value);
    }

    /** How an error message shows a value. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "[]" : "a list of " + value.size();
        }
        return value.isNull() ? "null" : value.asText();
    }

    /**
     * Shortest text that reads back as the same double, with a signed exponent ("1.0E+10"): YAML 1.1
     * (Jackson's YAML parser) reads "1.0E10" as a string.
     */
    static String formatDouble(double v) {
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e >= 0 && s.charAt(e + 1) != '-') {
            s = s.substring(0, e + 1) + "+" + s.substring(e + 1);
        }
        return s;
    }
}
