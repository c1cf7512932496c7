package org.stromasim.scenario;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.scenario.SpeciesSpec.BoundarySpec;
import org.stromasim.scenario.SpeciesSpec.BoundaryType;

/**
 * Binds the compact boundary form of a species,
 * {@code boundaries: {default: zero_flux, x_min: {fixed: 1.0}, z_min: periodic, z_max: periodic}},
 * into a condition on all six faces. A face not named takes {@code default}, itself zero_flux when absent.
 */
final class BoundaryBinder {

    private static final String FORMS = "zero_flux, periodic, or {fixed: <concentration>}";

    private BoundaryBinder() {
    }

    static Map<Face, BoundarySpec> boundaries(YamlNode node, String path, SourceLocation ownerLocation, String unit) {
        Map<Face, BoundarySpec> faces = new EnumMap<>(Face.class);
        if (node == null) {
            for (Face f : Face.values()) {
                faces.put(f, BoundarySpec.ZERO_FLUX);
            }
            return faces;
        }
        String[] keys = new String[Face.values().length + 1];
        keys[0] = "default";
        for (Face f : Face.values()) {
            keys[f.ordinal() + 1] = f.key();
        }
        MapReader r = MapReader.of(node, path, "boundary conditions by face", keys);
        BoundarySpec fallback = r.has("default") ? condition(r.get("default"), r.child("default"), unit)
                : BoundarySpec.ZERO_FLUX;
        for (Face f : Face.values()) {
            faces.put(f, r.has(f.key()) ? condition(r.get(f.key()), r.child(f.key()), unit) : fallback);
        }
        for (Face f : Face.values()) {
            boolean periodic = faces.get(f).type() == BoundaryType.PERIODIC;
            boolean oppositePeriodic = faces.get(f.opposite()).type() == BoundaryType.PERIODIC;
            if (periodic && !oppositePeriodic) {
                YamlNode where = r.has(f.key()) ? r.get(f.key()) : r.get("default");
                String key = r.has(f.key()) ? f.key() : "default";
                throw ScenarioException.badValue(where, r.child(key), "periodic faces come in pairs, but "
                        + f.opposite().key() + " is " + typeName(faces.get(f.opposite()).type())
                        + "; allowed: make both " + f.key() + " and " + f.opposite().key() + " periodic, or neither");
            }
        }
        return faces;
    }

    private static BoundarySpec condition(YamlNode node, String path, String unit) {
        if (node instanceof YamlNode.MapNode m) {
            MapReader r = MapReader.of(m, path, "a boundary condition", "fixed");
            return new BoundarySpec(BoundaryType.FIXED, r.number("fixed", Range.nonNegative(unit)));
        }
        Map<String, BoundaryType> words = new LinkedHashMap<>();
        words.put("zero_flux", BoundaryType.ZERO_FLUX);
        words.put("periodic", BoundaryType.PERIODIC);
        String word = NodeReader.text(node, path, FORMS);
        if (word.equals("fixed")) {
            throw ScenarioException.badValue(node, path, "a fixed boundary needs its concentration: write {fixed: <value "
                    + Range.nonNegative(unit).describe() + ">}");
        }
        BoundaryType type = words.get(word);
        if (type == null) {
            throw ScenarioException.badValue(node, path, "unknown boundary type."
                    + Suggestions.didYouMean(word, List.of("zero_flux", "periodic", "fixed")) + " Allowed: " + FORMS);
        }
        return type == BoundaryType.ZERO_FLUX ? BoundarySpec.ZERO_FLUX : new BoundarySpec(BoundaryType.PERIODIC, 0.0);
    }

    static String typeName(BoundaryType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
