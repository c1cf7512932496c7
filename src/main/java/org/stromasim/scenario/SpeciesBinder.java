package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.stromasim.grid.Face;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;
import org.stromasim.tissue.CellType;

/**
 * Binds the {@code species} list. Paths in messages name a species by its name once it is known
 * ({@code species[drug].d0_um2_per_s}), otherwise by position ({@code species[2]}).
 */
final class SpeciesBinder {

    /** A species name becomes a field name in snapshots. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String NAME_RULE = "a name of letters, digits and '_', starting with a letter"
            + " (it names a field in snapshots)";

    private SpeciesBinder() {
    }

    static List<SpeciesSpec> speciesList(YamlNode node) {
        List<YamlNode> items = NodeReader.list(node, "species", "one map per diffusing species").items();
        if (items.isEmpty()) {
            throw ScenarioException.badValue(node, "species", "must hold at least one species");
        }
        List<SpeciesSpec> species = new ArrayList<>();
        Map<String, YamlNode> nameNodes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            SpeciesSpec s = species(items.get(i), i);
            YamlNode nameNode = ((YamlNode.MapNode) items.get(i)).entries().get("name").value();
            YamlNode earlier = nameNodes.putIfAbsent(s.name(), nameNode);
            if (earlier != null) {
                throw ScenarioException.badValue(nameNode, "species[" + i + "].name", "duplicate species name (also given at line "
                        + earlier.location().line() + "); every species needs its own name");
            }
            species.add(s);
        }
        for (int i = 0; i < items.size(); i++) {
            checkMetaboliteParent(species, i, items.get(i));
        }
        return species;
    }

    /** A metabolite curve names a species with a dosing curve, and the two together give a valid model. */
    private static void checkMetaboliteParent(List<SpeciesSpec> species, int index, YamlNode item) {
        SpeciesSpec s = species.get(index);
        if (s.vessel() == null || !(s.vessel().plasma() instanceof PlasmaCurveSpec.Metabolite m)) {
            return;
        }
        String path = "species[" + s.name() + "].vessel.plasma";
        YamlNode plasmaNode = ((YamlNode.MapNode) ((YamlNode.MapNode) item).entries().get("vessel").value())
                .entries().get("plasma").value();
        YamlNode parentNode = ((YamlNode.MapNode) plasmaNode).entries().get("parent").value();
        SpeciesSpec parent = species.stream().filter(p -> p.name().equals(m.parent())).findFirst().orElse(null);
        if (parent == null || parent.vessel() == null
                || !(parent.vessel().plasma() instanceof PlasmaCurveSpec.Dosing dosing)) {
            List<String> dosed = species.stream().filter(p -> p.vessel() != null
                    && p.vessel().plasma() instanceof PlasmaCurveSpec.Dosing).map(SpeciesSpec::name).toList();
            throw ScenarioException.badValue(parentNode, path + ".parent", (parent == null ? "no species named '"
                    + m.parent() + "'" : "species '" + m.parent() + "' has no dosing plasma curve")
                    + "; the parent must be a species with type: dosing (here: "
                    + (dosed.isEmpty() ? "none" : String.join(", ", dosed)) + ")");
        }
        try {
            org.stromasim.pharmacokinetics.DosingCurves.metabolite(m, dosing, parent.unit(), s.unit());
        } catch (IllegalArgumentException e) {
            throw ScenarioException.badValue(plasmaNode, path, e.getMessage());
        }
    }

    private static SpeciesSpec species(YamlNode node, int index) {
        String path = pathOf(node, index);
        MapReader r = MapReader.of(node, path, "a species", "name", "unit", "d0_um2_per_s", "stokes_radius_nm",
                "decay_per_s", "initial", "boundaries", "vessel", "uptake", "secretion", "binding_per_s", "ecm_binding", "preset");
        DrugPreset preset = r.choice("preset", "drug preset", DrugPreset.names(), null);
        YamlNode nameNode = r.require("name", NAME_RULE);
        String name = NodeReader.text(nameNode, r.child("name"), NAME_RULE);
        if (!NAME.matcher(name).matches()) {
            throw ScenarioException.badValue(nameNode, r.child("name"), "must be " + NAME_RULE);
        }
        ConcentrationUnit unit = r.choice("unit", "concentration unit", unitNames(), ConcentrationUnit.MICROMOLAR);
        String u = unit.symbol();
        double d0 = preset == null ? r.number("d0_um2_per_s", Range.positive("µm²/s"))
                : r.number("d0_um2_per_s", Range.positive("µm²/s"), preset.d0Um2PerS());
        double stokesRadiusNm = preset == null ? r.number("stokes_radius_nm", Range.nonNegative("nm"))
                : r.number("stokes_radius_nm", Range.nonNegative("nm"), preset.stokesRadiusNm());
        double decayPerS = r.number("decay_per_s", Range.nonNegative("1/s"), 0.0);
        double initial = r.number("initial", Range.nonNegative(u), 0.0);
        Map<Face, SpeciesSpec.BoundarySpec> boundaries = BoundaryBinder.boundaries(r.get("boundaries"),
                r.child("boundaries"), r.location(), u);
        SpeciesSpec.VesselExchangeSpec vessel = r.has("vessel") ? vessel(r.get("vessel"), r.child("vessel"), unit, preset) : null;
        Map<CellType, SpeciesSpec.UptakeSpec> uptake = new EnumMap<>(CellType.class);
        if (r.has("uptake")) {
            byCellType(r.get("uptake"), r.child("uptake"), "uptake by cell type", (cellNode, cellPath, cell) -> {
                MapReader c = MapReader.of(cellNode, cellPath, "Michaelis–Menten uptake", "vmax_per_s", "km");
                uptake.put(cell, new SpeciesSpec.UptakeSpec(c.number("vmax_per_s", Range.nonNegative(u + "/s")),
                        c.number("km", Range.positive(u))));
            });
        }
        if (preset != null && !r.has("uptake")) {
            uptake.put(CellType.CANCER, new SpeciesSpec.UptakeSpec(preset.cancerVmaxPerS(), preset.cancerKm()));
        }
        Map<CellType, SpeciesSpec.SecretionSpec> secretion = new EnumMap<>(CellType.class);
        if (r.has("secretion")) {
            byCellType(r.get("secretion"), r.child("secretion"), "secretion by cell type", (cellNode, cellPath, cell) -> {
                MapReader c = MapReader.of(cellNode, cellPath, "secretion", "rate_per_s", "saturation");
                secretion.put(cell, new SpeciesSpec.SecretionSpec(c.number("rate_per_s", Range.nonNegative(u + "/s")),
                        c.optionalNumber("saturation", Range.positive(u))));
            });
        }
        Map<CellType, Double> binding = new EnumMap<>(CellType.class);
        if (r.has("binding_per_s")) {
            byCellType(r.get("binding_per_s"), r.child("binding_per_s"), "binding rate by cell type",
                    (cellNode, cellPath, cell) -> binding.put(cell, NodeReader.number(cellNode, cellPath,
                            Range.nonNegative("1/s"))));
        }
        if (preset != null && !r.has("binding_per_s") && preset.ecmBindingPerS() > 0) {
            for (CellType c : new CellType[] {CellType.ECM, CellType.FIBROBLAST, CellType.CAF}) {
                binding.put(c, preset.ecmBindingPerS());
            }
        }
        SpeciesSpec.EcmBindingSpec ecmBinding = null;
        if (r.has("ecm_binding")) {
            MapReader b = MapReader.of(r.get("ecm_binding"), r.child("ecm_binding"), "reversible matrix binding",
                    "bound_to_free_per_collagen_fraction");
            ecmBinding = new SpeciesSpec.EcmBindingSpec(b.number("bound_to_free_per_collagen_fraction",
                    Range.between(0, 1e4, "")));
        }
        return new SpeciesSpec(name, unit, d0, stokesRadiusNm, decayPerS, initial, boundaries, vessel, uptake,
                secretion, binding, ecmBinding);
    }

    /**
     * Refuses {@code ecm_binding} unless the ECM law has a matrix composition ({@code fibre_matrix}): the
     * binding sites follow the collagen fraction, which only that law defines per voxel.
     */
    static void requireCompositionForBinding(List<SpeciesSpec> species, EcmSpec ecm, YamlNode speciesNode) {
        if (ecm.diffusivityLaw() instanceof DiffusivityLawSpec.FibreMatrix) {
            return;
        }
        for (int i = 0; i < species.size(); i++) {
            if (species.get(i).ecmBinding() != null) {
                YamlNode item = ((YamlNode.ListNode) speciesNode).items().get(i);
                YamlNode binding = ((YamlNode.MapNode) item).entries().get("ecm_binding").value();
                throw ScenarioException.badValue(binding, "species[" + species.get(i).name() + "].ecm_binding",
                        "needs ecm.diffusivity_law fibre_matrix: its sites follow the collagen fraction, which only"
                        + " that law's composition gives per voxel");
            }
        }
    }

    /** {@code species[drug]} when the entry has a usable name, else {@code species[3]}. */
    private static String pathOf(YamlNode node, int index) {
        if (node instanceof YamlNode.MapNode m && m.entries().get("name") != null
                && m.entries().get("name").value() instanceof YamlNode.ScalarNode s
                && NAME.matcher(s.text()).matches()) {
            return "species[" + s.text() + "]";
        }
        return "species[" + index + "]";
    }

    private static SpeciesSpec.VesselExchangeSpec vessel(YamlNode node, String path, ConcentrationUnit unit,
                                                         DrugPreset preset) {
        MapReader r = MapReader.of(node, path, "exchange across vessel walls", "permeability_um_per_s", "plasma");
        double permeability = preset == null ? r.number("permeability_um_per_s", Range.nonNegative("µm/s"))
                : r.number("permeability_um_per_s", Range.nonNegative("µm/s"), preset.permeabilityUmPerS());
        PlasmaCurveSpec plasma = PlasmaCurveBinder.curve(r.require("plasma", "a map with type: constant, bolus, "
                + "infusion, repeated_bolus, dosing or metabolite"), r.child("plasma"), unit);
        return new SpeciesSpec.VesselExchangeSpec(permeability, plasma);
    }

    static Map<String, ConcentrationUnit> unitNames() {
        Map<String, ConcentrationUnit> names = new LinkedHashMap<>();
        for (ConcentrationUnit u : ConcentrationUnit.values()) {
            names.put(u.key(), u);
        }
        return names;
    }

    static Map<String, CellType> cellTypeNames() {
        Map<String, CellType> names = new LinkedHashMap<>();
        for (CellType t : CellType.values()) {
            names.put(t.key(), t);
        }
        return names;
    }

    interface CellEntryReader {
        void read(YamlNode value, String path, CellType cell);
    }

    /** A map keyed by cell type (ecm, vessel, cancer, fibroblast, caf, dead). */
    private static void byCellType(YamlNode node, String path, String what, CellEntryReader reader) {
        YamlNode.MapNode map = NodeReader.map(node, path, what + ", keyed by cell type");
        Map<String, CellType> names = cellTypeNames();
        for (Map.Entry<String, YamlNode.Entry> e : map.entries().entrySet()) {
            CellType cell = names.get(e.getKey());
            String cellPath = path + "." + e.getKey();
            if (cell == null) {
                throw ScenarioException.at(e.getValue().keyLocation(), cellPath, "unknown cell type."
                        + Suggestions.didYouMean(e.getKey(), names.keySet())
                        + " Allowed: " + String.join(", ", names.keySet()));
            }
            if (!e.getValue().value().isNull()) {
                reader.read(e.getValue().value(), cellPath, cell);
            }
        }
    }
}
