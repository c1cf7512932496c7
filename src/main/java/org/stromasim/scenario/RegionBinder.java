package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.TissueRegion;

/**
 * Binds one entry of {@code tissue.regions} ({@link RegionSpec}): its shape (recursively for union and
 * difference, whose parts carry no stiffness or cell) and what it sets. Every error names the key path
 * and the line.
 */
final class RegionBinder {

    private static final String[] SETS = {"stiffness_kpa", "cell", "region"};

    private RegionBinder() {
    }

    static RegionSpec region(YamlNode node, String path) {
        RegionSpec.ShapeSpec shape = shape(node, path, true);
        MapReader r = MapReader.of(node, path, "a tissue region", keysOf(shape.getClass(), true));
        Double stiffness = r.optionalNumber("stiffness_kpa", Range.positive("kPa"));
        CellType cell = r.has("cell") ? cellType(r.get("cell"), r.child("cell")) : null;
        TissueRegion region = r.has("region") ? anatomicalRegion(r.get("region"), r.child("region")) : null;
        if (stiffness == null && cell == null && region == null) {
            throw ScenarioException.at(r.location(), path, "a region must set stiffness_kpa, cell, region or several");
        }
        return new RegionSpec(shape, stiffness, cell, region);
    }

    private static CellType cellType(YamlNode node, String path) {
        Map<String, CellType> choices = new LinkedHashMap<>();
        for (CellType c : CellType.values()) {
            if (c != CellType.VESSEL) {
                choices.put(c.key(), c);
            }
        }
        return NodeReader.choice(node, path, "cell type of a region (vessels come from tissue.vessels)", choices);
    }

    private static TissueRegion anatomicalRegion(YamlNode node, String path) {
        Map<String, TissueRegion> choices = new LinkedHashMap<>();
        choices.put("normal", TissueRegion.NORMAL);
        choices.put("stroma", TissueRegion.STROMA);
        choices.put("tumour", TissueRegion.TUMOUR);
        return NodeReader.choice(node, path, "anatomical region (vessels come from tissue.vessels)", choices);
    }

    /** The keys allowed on a map of this shape variant: its own, plus what a top-level region sets. */
    private static String[] keysOf(Class<?> variant, boolean top) {
        List<String> keys = new ArrayList<>(List.of("shape"));
        if (variant == RegionSpec.Box.class) {
            keys.addAll(List.of("min_um", "max_um"));
        } else if (variant == RegionSpec.HalfSpace.class) {
            keys.addAll(List.of("point_um", "normal"));
        } else if (variant == RegionSpec.Slab.class) {
            keys.addAll(List.of("point_um", "normal", "thickness_um"));
        } else if (variant == RegionSpec.Cylinder.class) {
            keys.addAll(List.of("from_um", "to_um", "radius_um"));
        } else if (variant == RegionSpec.Ellipsoid.class) {
            keys.addAll(List.of("centre_um", "radii_um"));
        } else {
            keys.add("of");
        }
        if (top) {
            keys.addAll(List.of(SETS));
        }
        return keys.toArray(new String[0]);
    }

    private static RegionSpec.ShapeSpec shape(YamlNode node, String path, boolean top) {
        Class<?> variant = SubtypeNames.variantOf(node, path, RegionSpec.ShapeSpec.class, "region shape");
        MapReader r = MapReader.of(node, path, top ? "a tissue region" : "a part of a union or difference (shape only)",
                keysOf(variant, top));
        Range any = Range.anyFinite("µm");
        if (variant == RegionSpec.Box.class) {
            Vec3 min = r.vec3("min_um", any);
            Vec3 max = r.vec3("max_um", any);
            if (!(max.x() > min.x() && max.y() > min.y() && max.z() > min.z())) {
                throw ScenarioException.badValue(r.get("max_um"), r.child("max_um"),
                        "must exceed min_um " + min + " on every axis");
            }
            return new RegionSpec.Box(min, max);
        }
        if (variant == RegionSpec.HalfSpace.class || variant == RegionSpec.Slab.class) {
            Vec3 point = r.vec3("point_um", any);
            Vec3 normal = r.vec3("normal", Range.anyFinite(""));
            if (normal.norm() == 0) {
                throw ScenarioException.badValue(r.get("normal"), r.child("normal"), "must be a non-zero vector [x, y, z]");
            }
            if (variant == RegionSpec.HalfSpace.class) {
                return new RegionSpec.HalfSpace(point, normal);
            }
            return new RegionSpec.Slab(point, normal, r.number("thickness_um", Range.positive("µm")));
        }
        if (variant == RegionSpec.Cylinder.class) {
            Vec3 from = r.vec3("from_um", any);
            Vec3 to = r.vec3("to_um", any);
            if (from.equals(to)) {
                throw ScenarioException.badValue(r.get("to_um"), r.child("to_um"), "must differ from from_um");
            }
            return new RegionSpec.Cylinder(from, to, r.number("radius_um", Range.positive("µm")));
        }
        if (variant == RegionSpec.Ellipsoid.class) {
            return new RegionSpec.Ellipsoid(r.vec3("centre_um", any), r.vec3("radii_um", Range.positive("µm")));
        }
        List<YamlNode> items = NodeReader.list(r.get("of"), r.child("of"), "the shapes combined").items();
        boolean difference = variant == RegionSpec.Difference.class;
        if (items.size() < (difference ? 2 : 1)) {
            throw ScenarioException.badValue(r.get("of"), r.child("of"), difference
                    ? "needs at least two shapes: the first minus the others" : "needs at least one shape");
        }
        List<RegionSpec.ShapeSpec> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            parts.add(shape(items.get(i), r.child("of") + "[" + i + "]", false));
        }
        return difference ? new RegionSpec.Difference(parts) : new RegionSpec.Union(parts);
    }
}
