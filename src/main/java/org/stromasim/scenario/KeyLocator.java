package org.stromasim.scenario;

import java.util.List;
import java.util.Optional;

/**
 * Where a key path such as {@code run.dt_s} or {@code species[drug].d0_um2_per_s} is written in a
 * scenario (after the command-line overrides): for refusals found only after binding, e.g. a time step
 * that the compiled model shows to be unstable, so that they too name file, line and key.
 */
public final class KeyLocator {

    private KeyLocator() {
    }

    /**
     * The place of {@code keyPath} in {@code yamlText} with {@code overrides} applied, printed as
     * {@code file.yaml:14:5}, {@code file.yaml:14:5 (--set run.dt_s=50)} or {@code --set run.dt_s=50};
     * empty when the key is not written (its default applies).
     */
    public static Optional<String> locate(String yamlText, String sourceName, List<String> overrides, String keyPath) {
        YamlNode node = YamlTreeReader.read(yamlText, sourceName);
        if (node == null) {
            return Optional.empty();
        }
        if (!overrides.isEmpty()) {
            node = Overrides.apply(node, overrides, sourceName);
        }
        for (String segment : Overrides.segments(keyPath, SourceLocation.of(sourceName, 0, 0))) {
            if (node instanceof YamlNode.MapNode map) {
                YamlNode.Entry entry = map.entries().get(segment);
                if (entry == null) {
                    return Optional.empty();
                }
                node = entry.value();
            } else if (node instanceof YamlNode.ListNode list) {
                node = element(list, segment);
                if (node == null) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.location().toString());
    }

    private static YamlNode element(YamlNode.ListNode list, String segment) {
        for (YamlNode item : list.items()) {
            if (item instanceof YamlNode.MapNode m && m.entries().get("name") != null
                    && m.entries().get("name").value() instanceof YamlNode.ScalarNode s && s.text().equals(segment)) {
                return item;
            }
        }
        if (segment.matches("\\d{1,9}") && Integer.parseInt(segment) < list.items().size()) {
            return list.items().get(Integer.parseInt(segment));
        }
        return null;
    }
}
