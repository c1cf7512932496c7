package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the {@code tissue} section and checks that every nest centre and vessel end lies inside the
 * domain (a geometry outside it would silently build nothing).
 */
final class TissueBinder {

    private TissueBinder() {
    }

    /** The tissue section alone (no vessel group may give plasma curves: no species to check them against). */
    static TissueSpec tissue(YamlNode node, GridSpec grid) {
        return tissue(node, grid, List.of());
    }

    /**
     * The tissue section; {@code species} are the scenario's, against which vessel groups' plasma
     * curves ({@code groups: {NAME: {plasma: {SPECIES: curve}}}}) are checked.
     */
    static TissueSpec tissue(YamlNode node, GridSpec grid, List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, "tissue", "tissue geometry", "nests", "stroma_shell_um", "fibroblasts", "vessels",
                "regions", "images");
        List<TissueSpec.Nest> nests = new ArrayList<>();
        if (r.has("nests")) {
            List<YamlNode> items = NodeReader.list(r.get("nests"), "tissue.nests", "tumour nests").items();
            for (int i = 0; i < items.size(); i++) {
                nests.add(nest(items.get(i), "tissue.nests[" + i + "]", grid));
            }
        }
        double shellUm = r.number("stroma_shell_um", Range.nonNegative("µm"));
        TissueSpec.Fibroblasts fibroblasts = r.has("fibroblasts") ? fibroblasts(r.get("fibroblasts")) : null;
        List<TissueSpec.VesselSpec> vessels = new ArrayList<>();
        if (r.has("vessels")) {
            List<YamlNode> items = NodeReader.list(r.get("vessels"), "tissue.vessels", "vessels").items();
            for (int i = 0; i < items.size(); i++) {
                vessels.add(vessel(items.get(i), "tissue.vessels[" + i + "]", grid, species));
            }
            requireFewPlasmaGroups(vessels, r);
        }
        List<RegionSpec> regions = new ArrayList<>();
        if (r.has("regions")) {
            List<YamlNode> items = NodeReader.list(r.get("regions"), "tissue.regions", "tissue regions").items();
            for (int i = 0; i < items.size(); i++) {
                regions.add(RegionBinder.region(items.get(i), "tissue.regions[" + i + "]"));
            }
        }
        List<TissueImageSpec> images = new ArrayList<>();
        if (r.has("images")) {
            List<YamlNode> items = NodeReader.list(r.get("images"), "tissue.images", "tissue images").items();
            for (int i = 0; i < items.size(); i++) {
                images.add(TissueImageBinder.image(items.get(i), "tissue.images[" + i + "]", grid));
            }
        }
        return new TissueSpec(nests, shellUm, fibroblasts, vessels, regions, images);
    }

    private static TissueSpec.Nest nest(YamlNode node, String path, GridSpec grid) {
        MapReader r = MapReader.of(node, path, "a tumour nest", "centre_um", "radii_um");
        Vec3 centre = insideDomain(r, "centre_um", grid);
        Vec3 radii = r.vec3("radii_um", Range.positive("µm"));
        return new TissueSpec.Nest(centre, radii);
    }

    private static TissueSpec.Fibroblasts fibroblasts(YamlNode node) {
        MapReader r = MapReader.of(node, "tissue.fibroblasts", "fibroblast densities", "stroma_fraction",
                "normal_fraction", "caf_fraction_stroma", "caf_fraction_normal");
        Range fraction = Range.fraction();
        return new TissueSpec.Fibroblasts(r.number("stroma_fraction", fraction), r.number("normal_fraction", fraction),
                r.number("caf_fraction_stroma", fraction), r.number("caf_fraction_normal", fraction));
    }

    /**
     * A metabolite species is formed in a group's vessels from its parent's curve there
     * ({@code transport.PlasmaCurve.inGroup}), which therefore must be a dosing curve, unless the group
     * gives the metabolite a curve of its own.
     */
    private static void requireDosedParentsOfMetabolites(MapReader p, java.util.Map<String, PlasmaCurveSpec> bySpecies,
                                                         List<SpeciesSpec> species) {
        for (SpeciesSpec s : species) {
            if (s.vessel() == null || !(s.vessel().plasma() instanceof PlasmaCurveSpec.Metabolite m)
                    || bySpecies.containsKey(s.name()) || !bySpecies.containsKey(m.parent())
                    || bySpecies.get(m.parent()) instanceof PlasmaCurveSpec.Dosing) {
                continue;
            }
            throw ScenarioException.badValue(p.get(m.parent()), p.child(m.parent()), "gives '" + m.parent()
                    + "' a curve that is not dosing, but species '" + s.name() + "' is its metabolite and is formed"
                    + " from its dosing in these vessels; give '" + m.parent() + "' a dosing curve here or '"
                    + s.name() + "' a curve of its own in this group");
        }
    }

    /** Most vessel groups with plasma curves of their own in one tissue (each costs a reaction table per pass). */
    static final int MAX_PLASMA_GROUPS = 15;

    private static void requireFewPlasmaGroups(List<TissueSpec.VesselSpec> vessels, MapReader r) {
        int count = TissueSpec.plasmaGroupCount(vessels) - 1;
        if (count > MAX_PLASMA_GROUPS) {
            throw ScenarioException.badValue(r.get("vessels"), r.child("vessels"), "has " + count
                    + " vessel groups with plasma curves of their own; at most " + MAX_PLASMA_GROUPS
                    + " are allowed (merge groups that carry the same curves)");
        }
    }

    private static TissueSpec.VesselSpec vessel(YamlNode node, String path, GridSpec grid, List<SpeciesSpec> species) {
        Class<?> variant = SubtypeNames.variantOf(node, path, TissueSpec.VesselSpec.class, "vessel shape");
        if (variant == TissueSpec.StraightVessel.class) {
            MapReader r = MapReader.of(node, path, "a straight vessel", "shape", "from_um", "to_um", "radius_um");
            Vec3 from = insideDomain(r, "from_um", grid);
            Vec3 to = insideDomain(r, "to_um", grid);
            if (from.equals(to)) {
                throw ScenarioException.badValue(r.get("to_um"), r.child("to_um"),
                        "must differ from from_um (a vessel needs a length)");
            }
            return new TissueSpec.StraightVessel(from, to, r.number("radius_um", vesselRadius(grid)));
        }
        if (variant == TissueSpec.NetworkVessel.class) {
            MapReader n = MapReader.of(node, path, "a vessel network from a file", "shape", "file", "radius_array",
                    "length_unit_um", "groups");
            String text = n.text("file", "a path to a .csv (node–segment) or .vtp (VTK XML PolyData) file");
            double unitUm = n.number("length_unit_um", Range.positive("µm per file unit"), 1.0);
            java.nio.file.Path file = resolve(n.location(), text);
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".vtp")) {
                String radiusArray = n.has("radius_array") ? n.text("radius_array", "a point-data array name") : "radius";
                return VesselNetworkVtp.read(file, n.child("file"), grid, n.location(), radiusArray, unitUm, groups(n))
                        .withGroupPlasma(groupPlasma(n, species));
            }
            if (!name.endsWith(".csv")) {
                throw ScenarioException.badValue(n.get("file"), n.child("file"),
                        "must name a .csv (node–segment) or .vtp (VTK XML PolyData) file, got " + text);
            }
            if (n.has("radius_array")) {
                throw ScenarioException.badValue(n.get("radius_array"), n.child("radius_array"),
                        "applies to .vtp files only (a .csv file has its radius per segment)");
            }
            return VesselNetworkCsv.read(file, n.child("file"), grid, n.location(), unitUm, groups(n))
                    .withGroupPlasma(groupPlasma(n, species));
        }
        MapReader r = MapReader.of(node, path, "a random-walk vessel", "shape", "start_um", "direction", "length_um",
                "step_um", "turn_sd_deg", "radius_um");
        Vec3 start = insideDomain(r, "start_um", grid);
        Vec3 direction = r.vec3("direction", Range.anyFinite(""));
        if (direction.norm() == 0) {
            throw ScenarioException.badValue(r.get("direction"), r.child("direction"), "must be a non-zero vector [x, y, z]");
        }
        // a path that threads every voxel of the grid once is the longest that can still add lumen; a longer
        // one (a length typed in the wrong unit) only costs minutes of rasterising before any refusal
        double longestUsefulUm = (double) grid.nx() * grid.ny() * grid.nz() * grid.voxelUm();
        double lengthUm = r.number("length_um", new Range(0, false, longestUsefulUm, true,
                "µm, at most voxel count × voxel_um"));
        double stepUm = r.number("step_um", new Range(lengthUm / MAX_WALK_STEPS, true, lengthUm, true,
                "µm, at least length_um / " + MAX_WALK_STEPS));
        double turnSdDeg = r.number("turn_sd_deg", Range.between(0, 180, "degrees"));
        return new TissueSpec.RandomWalkVessel(start, direction, lengthUm, stepUm, turnSdDeg,
                r.number("radius_um", vesselRadius(grid)));
    }

    /**
     * A vessel radius: > 0 and at most the domain's longest edge. A wider vessel fills the whole block
     * (nothing would be left to diffuse into), and voxelising it would sweep a box of its own size, which
     * for a radius typed in the wrong unit (metres as µm) takes minutes to hours before any refusal.
     */
    /** The most steps a random-walk vessel may take (as the tissue builder's own guard). */
    private static final long MAX_WALK_STEPS = 10_000_000L;

    static Range vesselRadius(GridSpec grid) {
        double longestEdgeUm = Math.max(grid.nx(), Math.max(grid.ny(), grid.nz())) * grid.voxelUm();
        return new Range(0, false, longestEdgeUm, true, "µm, the domain's longest edge");
    }

    /** A path from the scenario, absolute; a relative one is taken from the scenario file's folder. */
    static java.nio.file.Path resolve(SourceLocation where, String file) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        if (!p.isAbsolute()) {
            java.nio.file.Path folder = java.nio.file.Path.of(where.source()).toAbsolutePath().getParent();
            p = folder == null ? p : folder.resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    /** A point that must lie in the closed box [0, n·dx] on each axis. */
    private static Vec3 insideDomain(MapReader r, String key, GridSpec grid) {
        Vec3 p = r.vec3(key, Range.anyFinite("µm"));
        double sx = grid.nx() * grid.voxelUm();
        double sy = grid.ny() * grid.voxelUm();
        double sz = grid.nz() * grid.voxelUm();
        if (p.x() < 0 || p.x() > sx || p.y() < 0 || p.y() > sy || p.z() < 0 || p.z() > sz) {
            throw ScenarioException.badValue(r.get(key), r.child(key), "must lie inside the domain [0, "
                    + Range.format(sx) + "] × [0, " + Range.format(sy) + "] × [0, " + Range.format(sz) + "] µm (grid "
                    + grid.nx() + " × " + grid.ny() + " × " + grid.nz() + " voxels of " + Range.format(grid.voxelUm())
                    + " µm)");
        }
        return p;
    }

    /**
     * {@code groups: {NAME: {permeability_scale: x}}} of a network vessel: each group's vessel
     * permeability relative to every species' own (its wall area counts x times in exchange); empty when
     * absent.
     */
    private static java.util.Map<String, Double> groups(MapReader n) {
        java.util.Map<String, Double> scales = new java.util.LinkedHashMap<>();
        if (!n.has("groups")) {
            return scales;
        }
        MapReader g = groupsMap(n);
        for (String name : g.keys()) {
            MapReader group = MapReader.of(g.get(name), g.child(name), "a vessel group", "permeability_scale", "plasma");
            scales.put(name, group.number("permeability_scale", new Range(0, false, 1000, true, "× the species' permeability"),
                    1.0));
        }
        return scales;
    }

    private static MapReader groupsMap(MapReader n) {
        String expected = "a map from group name to {permeability_scale: number > 0, plasma: {SPECIES: curve}}";
        YamlNode map = n.get("groups");
        if (!(map instanceof YamlNode.MapNode m)) {
            throw ScenarioException.badValue(map, n.child("groups"), "must be " + expected);
        }
        return MapReader.of(map, n.child("groups"), expected, m.entries().keySet().toArray(String[]::new));
    }

    /**
     * {@code groups: {NAME: {plasma: {SPECIES: curve}}}}: the plasma curve a group's vessels carry for a
     * species instead of the species' own. The species must exist and cross vessel walls (have a
     * {@code vessel} section); a metabolite curve is refused (its parent's dosing is the species' own).
     */
    private static java.util.Map<String, java.util.Map<String, PlasmaCurveSpec>> groupPlasma(MapReader n,
                                                                                         List<SpeciesSpec> species) {
        java.util.Map<String, java.util.Map<String, PlasmaCurveSpec>> curves = new java.util.LinkedHashMap<>();
        if (!n.has("groups")) {
            return curves;
        }
        MapReader g = groupsMap(n);
        for (String name : g.keys()) {
            MapReader group = MapReader.of(g.get(name), g.child(name), "a vessel group", "permeability_scale", "plasma");
            if (!group.has("plasma")) {
                continue;
            }
            String path = group.child("plasma");
            String expected = "a map from species name to its plasma curve in this group's vessels";
            if (!(group.get("plasma") instanceof YamlNode.MapNode pm)) {
                throw ScenarioException.badValue(group.get("plasma"), path, "must be " + expected);
            }
            MapReader p = MapReader.of(pm, path, expected, pm.entries().keySet().toArray(String[]::new));
            java.util.Map<String, PlasmaCurveSpec> bySpecies = new java.util.LinkedHashMap<>();
            for (String speciesName : p.keys()) {
                SpeciesSpec s = species.stream().filter(x -> x.name().equals(speciesName)).findFirst().orElse(null);
                if (s == null) {
                    throw ScenarioException.badValue(p.get(speciesName), p.child(speciesName), "names '" + speciesName
                            + "' is not a species of the scenario (species: "
                            + species.stream().map(SpeciesSpec::name).toList() + ")");
                }
                if (s.vessel() == null) {
                    throw ScenarioException.badValue(p.get(speciesName), p.child(speciesName), "names species '" + speciesName
                            + "' does not cross vessel walls (no vessel section), so no plasma curve applies to it");
                }
                PlasmaCurveSpec curve = PlasmaCurveBinder.curve(p.get(speciesName), p.child(speciesName), s.unit());
                if (curve instanceof PlasmaCurveSpec.Metabolite) {
                    throw ScenarioException.badValue(p.get(speciesName), p.child(speciesName), "is a metabolite curve;"
                            + " a vessel group takes a curve of its own (constant, bolus, infusion, repeated_bolus or"
                            + " dosing); a metabolite species follows its parent's dosing in the group by itself");
                }
                bySpecies.put(speciesName, curve);
            }
            requireDosedParentsOfMetabolites(p, bySpecies, species);
            curves.put(name, bySpecies);
        }
        return curves;
    }
}
