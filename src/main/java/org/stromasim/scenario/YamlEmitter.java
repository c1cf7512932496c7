package org.stromasim.scenario;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists and scalars as block-style YAML, with lists of scalars on one line
 * ({@code [x, y, z]}) and {@link FlowMap}s inline ({@code {fixed: 1.0}}). Strings that a YAML reader
 * could take for something else are double-quoted; numbers are written so they read back exactly.
 */
final class YamlEmitter {

    /** A map written inline, e.g. {@code {fixed: 1.0}}. */
    record FlowMap(Map<String, Object> entries) {
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    /** Words a YAML 1.1 reader turns into booleans or null. */
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private final StringBuilder out = new StringBuilder();

    private YamlEmitter() {
    }

    static String emit(Map<String, Object> root) {
        YamlEmitter e = new YamlEmitter();
        e.map(root, 0, false);
        return e.out.toString();
    }

    /** Writes the entries of a map at {@code indent}; when {@code continuesLine}, the first goes on the current line. */
    private void map(Map<String, Object> m, int indent, boolean continuesLine) {
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(first && continuesLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(e.getKey()).append(':');
            value(e.getValue(), indent);
        }
    }

    @SuppressWarnings("unchecked")
    private void value(Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            map((Map<String, Object>) m, indent + 2, false);
        } else if (v instanceof List<?> l && !l.isEmpty() && !l.stream().allMatch(YamlEmitter::isScalar)) {
            out.append('\n');
            for (Object item : l) {
                out.append(" ".repeat(indent + 2)).append("- ");
                if (item instanceof Map<?, ?> im && !im.isEmpty()) {
                    map((Map<String, Object>) im, indent + 4, true);
                } else {
                    out.append(inline(item)).append('\n');
                }
            }
        } else {
            out.append(' ').append(inline(v)).append('\n');
        }
    }

    private static boolean isScalar(Object v) {
        return !(v instanceof Map<?, ?>) && !(v instanceof List<?>) && !(v instanceof FlowMap);
    }

    private static String inline(Object v) {
        if (v instanceof FlowMap f) {
            StringBuilder sb = new StringBuilder("{");
            f.entries().forEach((k, x) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(inline(x)));
            return sb.append('}').toString();
        }
        if (v instanceof Map<?, ?>) {
            return "{}";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(sb.length() > 1 ? ", " : "").append(inline(x));
            }
            return sb.append(']').toString();
        }
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return string(v.toString());
    }

    /** Double.toString reads back exactly; YAML 1.1 wants a sign on the exponent ("1.0E+10"). */
    private static String number(double d) {
        String s = Double.toString(d);
        int e = s.indexOf('E');
        return e >= 0 && s.charAt(e + 1) != '-' ? s.substring(0, e + 1) + "+" + s.substring(e + 1) : s;
    }

    private static String string(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
