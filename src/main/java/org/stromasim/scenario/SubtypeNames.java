package org.stromasim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The YAML names of the variants of a sealed spec (law, plasma curve type, vessel shape), read from
 * the {@link JsonTypeInfo}/{@link JsonSubTypes} annotations on the records so that the names live in
 * one place.
 */
final class SubtypeNames {

    private SubtypeNames() {
    }

    /** The key that names the variant, e.g. {@code law}. */
    static String discriminator(Class<?> sealedSpec) {
        return sealedSpec.getAnnotation(JsonTypeInfo.class).property();
    }

    /** Variant name → record class, in declaration order. */
    static Map<String, Class<?>> variants(Class<?> sealedSpec) {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (JsonSubTypes.Type t : sealedSpec.getAnnotation(JsonSubTypes.class).value()) {
            names.put(t.name(), t.value());
        }
        return names;
    }

    /** The YAML name of a variant record. */
    static String nameOf(Class<?> sealedSpec, Class<?> variant) {
        for (Map.Entry<String, Class<?>> e : variants(sealedSpec).entrySet()) {
            if (e.getValue() == variant) {
                return e.getKey();
            }
        }
        throw new IllegalStateException(variant + " is not listed in @JsonSubTypes of " + sealedSpec);
    }

    /** Reads the discriminator of a map node and returns the variant's record class. */
    static Class<?> variantOf(YamlNode node, String path, Class<?> sealedSpec, String what) {
        YamlNode.MapNode map = NodeReader.map(node, path, what);
        String key = discriminator(sealedSpec);
        YamlNode.Entry e = map.entries().get(key);
        Map<String, Class<?>> variants = variants(sealedSpec);
        if (e == null || e.value().isNull()) {
            throw ScenarioException.at(map.location(), path + "." + key,
                    "missing required key; expected one of: " + String.join(", ", variants.keySet()));
        }
        return NodeReader.choice(e.value(), path + "." + key, what, variants);
    }
}
