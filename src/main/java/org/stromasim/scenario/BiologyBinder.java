package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds the optional {@code biology} section (see {@link BiologySpec}); documented in docs/scenario-reference.md. */
final class BiologyBinder {

    private BiologyBinder() {
    }

    static BiologySpec biology(YamlNode node, List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, "biology", "slow biological processes", "slow_interval_s", "tgfb_species",
                "il6_species", "lactate_species", "activation", "remodelling", "drug_response", "interventions", "endocrine",
                "slow_clock");
        double slow = r.number("slow_interval_s", Range.positive("s"));
        BiologySpec.SlowClock clock = r.has("slow_clock") ? slowClock(r.get("slow_clock"), r.child("slow_clock"), slow)
                : null;
        String tgfb = speciesName(r, "tgfb_species", "tgfb", species);
        String il6 = speciesName(r, "il6_species", "il6", species);
        String lactate = speciesName(r, "lactate_species", "lactate", species);
        BiologySpec.Activation activation = activation(r.require("activation",
                "a map with threshold, ec50, hill_n, max_rate_per_s"), r.child("activation"));
        BiologySpec.Remodelling remodelling = remodelling(r.require("remodelling", "a map with caf_stiffening_per_s, "
                + "ceiling_kpa, spread_per_s, enzyme_softening_per_s, floor_kpa"), r.child("remodelling"));
        BiologySpec.DrugResponse response = drugResponse(r.require("drug_response", "a map with measure, ec50, hill_n, "
                + "max_kill_per_s, death_viability"), r.child("drug_response"));
        List<BiologySpec.Intervention> interventions = new ArrayList<>();
        if (r.has("interventions")) {
            List<YamlNode> items = NodeReader.list(r.get("interventions"), r.child("interventions"),
                    "one map per intervention").items();
            for (int i = 0; i < items.size(); i++) {
                interventions.add(intervention(items.get(i), r.child("interventions") + "[" + i + "]"));
            }
        }
        BiologySpec.Endocrine endocrine = r.has("endocrine")
                ? endocrine(r.get("endocrine"), r.child("endocrine"), species) : null;
        for (int i = 0; endocrine == null && i < interventions.size(); i++) {
            if (interventions.get(i).type() == BiologySpec.InterventionKind.AROMATASE_INHIBITOR) {
                YamlNode item = NodeReader.list(r.get("interventions"), r.child("interventions"), "").items().get(i);
                throw ScenarioException.badValue(((YamlNode.MapNode) item).entries().get("type").value(),
                        r.child("interventions") + "[" + i + "].type", "aromatase_inhibitor lowers the plasma "
                        + "oestradiol of biology.endocrine; add an endocrine section (estradiol_species, …)");
            }
        }
        return new BiologySpec(slow, tgfb, il6, lactate, activation, remodelling, response, interventions, endocrine,
                clock);
    }

    /** {@code slow_clock}: the longest step must be the shortest (slow_interval_s) times a power of two. */
    private static BiologySpec.SlowClock slowClock(YamlNode node, String path, double baseS) {
        MapReader r = MapReader.of(node, path, "the adaptive slow clock", "max_relative_change", "max_interval_s");
        double change = r.number("max_relative_change", Range.between(1e-6, 0.5, ""));
        double max = r.number("max_interval_s", Range.positive("s"));
        double doublings = Math.log(max / baseS) / Math.log(2.0);
        if (max < baseS || Math.abs(doublings - Math.rint(doublings)) > 1e-9 || doublings > 40) {
            throw ScenarioException.badValue(r.get("max_interval_s"), r.child("max_interval_s"), "= " + max
                    + " s must be biology.slow_interval_s = " + baseS + " s times a power of two (1, 2, 4, … 2^40), "
                    + "e.g. " + baseS * Math.pow(2, Math.max(0, Math.round(doublings))) + " s");
        }
        return new BiologySpec.SlowClock(change, max);
    }

    /**
     * With an adaptive slow clock every snapshot must fall on a slow step (a resumed run then continues
     * the clock exactly from the state alone): snapshot_interval_s a whole multiple of max_interval_s,
     * which every chain of steps passes through.
     */
    static void requireSnapshotsOnTheSlowClock(BiologySpec biology, RunSpec run, YamlNode biologyNode) {
        if (biology == null || biology.slowClock() == null) {
            return;
        }
        double ratio = run.snapshotIntervalS() / biology.slowClock().maxIntervalS();
        if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 * Math.max(1.0, ratio) || Math.rint(ratio) < 1) {
            throw ScenarioException.badValue(biologyNode, "biology.slow_clock.max_interval_s", "= "
                    + biology.slowClock().maxIntervalS() + " s must divide run.snapshot_interval_s = "
                    + run.snapshotIntervalS() + " s into a whole number of slow steps (snapshots fall on slow steps,"
                    + " so a resumed run continues the adaptive clock exactly)");
        }
    }

    static Map<String, BiologySpec.ResponseMode> responseModeNames() {
        Map<String, BiologySpec.ResponseMode> names = new LinkedHashMap<>();
        names.put("cytostatic", BiologySpec.ResponseMode.CYTOSTATIC);
        names.put("cytotoxic", BiologySpec.ResponseMode.CYTOTOXIC);
        return names;
    }

    private static BiologySpec.Endocrine endocrine(YamlNode node, String path, List<SpeciesSpec> species) {
        MapReader r = MapReader.of(node, path, "oestrogen-receptor pharmacodynamics", "estradiol_species",
                "estradiol_kd_nm", "ligands", "il6_bypass", "max_kill_per_s", "under_suppressed_below");
        String e2 = speciesName(r, "estradiol_species", "estradiol", species);
        SpeciesSpec e2Spec = species.stream().filter(s -> s.name().equals(e2)).findFirst().orElseThrow();
        if (e2Spec.vessel() == null) {
            YamlNode at = r.has("estradiol_species") ? r.get("estradiol_species") : node;
            throw ScenarioException.badValue(at, r.child("estradiol_species"), "species '" + e2 + "' has no vessel "
                    + "exchange; oestradiol needs a vessel plasma curve (its untreated plasma level)");
        }
        double kd = r.number("estradiol_kd_nm", Range.positive("nM"));
        List<YamlNode> items = NodeReader.list(r.require("ligands", "a list of {species, ki_nm, response}"),
                r.child("ligands"), "a list of ER antagonists").items();
        if (items.isEmpty()) {
            throw ScenarioException.badValue(r.get("ligands"), r.child("ligands"), "must hold at least one antagonist");
        }
        List<BiologySpec.ErLigand> ligands = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = r.child("ligands") + "[" + i + "]";
            MapReader l = MapReader.of(items.get(i), at, "an ER antagonist", "species", "ki_nm", "response",
                    "unbound_fraction");
            String name = speciesName(l, "species", null, species);
            if (name.equals(e2) || ligands.stream().anyMatch(x -> x.species().equals(name))) {
                throw ScenarioException.badValue(l.get("species"), l.child("species"), name.equals(e2)
                        ? "is the oestradiol species; a ligand must be an antagonist"
                        : "is listed twice; give each antagonist once");
            }
            ligands.add(new BiologySpec.ErLigand(name, l.number("ki_nm", Range.positive("nM")),
                    l.choice("response", "response mode", responseModeNames(), BiologySpec.ResponseMode.CYTOSTATIC),
                    l.number("unbound_fraction", Range.positiveFraction(), 1.0)));
        }
        MapReader b = MapReader.of(r.require("il6_bypass", "a map with max_fraction, ec50, hill_n"),
                r.child("il6_bypass"), "ER-independent signalling by IL-6", "max_fraction", "ec50", "hill_n");
        BiologySpec.Il6Bypass bypass = new BiologySpec.Il6Bypass(b.number("max_fraction", Range.fraction()),
                b.number("ec50", Range.positive("IL-6 species unit")), b.number("hill_n", Range.positive("")));
        double kill = r.number("max_kill_per_s", Range.nonNegative("1/s"), 0.0);
        double below = r.number("under_suppressed_below", Range.positiveFraction());
        return new BiologySpec.Endocrine(e2, kd, ligands, bypass, kill, below);
    }

    /** A species the biology reads; it must exist (defaults: tgfb, il6, lactate). */
    private static String speciesName(MapReader r, String key, String defaultName, List<SpeciesSpec> species) {
        if (defaultName == null) {
            r.require(key, "a species name");
        }
        String name = r.has(key) ? r.text(key, "a species name") : defaultName;
        if (species.stream().noneMatch(s -> s.name().equals(name))) {
            String names = String.join(", ", species.stream().map(SpeciesSpec::name).toList());
            String problem = "names no species; allowed: one of the species names (" + names + ")";
            if (r.has(key)) {
                throw ScenarioException.badValue(r.get(key), r.child(key), problem);
            }
            throw ScenarioException.at(r.location(), r.child(key), "= " + name + " (the default) " + problem);
        }
        return name;
    }

    private static BiologySpec.Activation activation(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "fibroblast activation", "threshold", "ec50", "hill_n", "max_rate_per_s");
        return new BiologySpec.Activation(r.number("threshold", Range.nonNegative("TGF-β species unit")),
                r.number("ec50", Range.positive("TGF-β species unit")), r.number("hill_n", Range.positive("")),
                r.number("max_rate_per_s", Range.nonNegative("1/s")));
    }

    private static BiologySpec.Remodelling remodelling(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "matrix remodelling", "caf_stiffening_per_s", "ceiling_kpa",
                "spread_per_s", "enzyme_softening_per_s", "floor_kpa");
        double stiffening = r.number("caf_stiffening_per_s", Range.nonNegative("1/s"));
        double ceiling = r.number("ceiling_kpa", Range.positive("kPa"));
        double spread = r.number("spread_per_s", Range.nonNegative("1/s"));
        double softening = r.number("enzyme_softening_per_s", Range.nonNegative("1/s"));
        double floor = r.number("floor_kpa", new Range(0, false, ceiling, true, "kPa, at most ceiling_kpa"));
        return new BiologySpec.Remodelling(stiffening, ceiling, spread, softening, floor);
    }

    static Map<String, BiologySpec.Measure> measureNames() {
        Map<String, BiologySpec.Measure> names = new LinkedHashMap<>();
        names.put("concentration", BiologySpec.Measure.CONCENTRATION);
        names.put("exposure", BiologySpec.Measure.EXPOSURE);
        return names;
    }

    static Map<String, BiologySpec.InterventionKind> interventionNames() {
        Map<String, BiologySpec.InterventionKind> names = new LinkedHashMap<>();
        for (BiologySpec.InterventionKind k : BiologySpec.InterventionKind.values()) {
            names.put(k.name().toLowerCase(java.util.Locale.ROOT), k);
        }
        return names;
    }

    private static BiologySpec.DrugResponse drugResponse(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "drug response", "measure", "ec50", "hill_n", "max_kill_per_s",
                "death_viability", "il6_resistance", "lactate_tolerance");
        BiologySpec.Measure measure = r.choice("measure", "kill measure", measureNames(), BiologySpec.Measure.EXPOSURE);
        double ec50 = r.number("ec50", Range.positive("drug unit, or unit·s for exposure"));
        double hill = r.number("hill_n", Range.positive(""));
        double kill = r.number("max_kill_per_s", Range.nonNegative("1/s"));
        double death = r.number("death_viability", Range.fraction());
        BiologySpec.Il6Resistance il6 = new BiologySpec.Il6Resistance(1.0, 1.0, 1.0);
        if (r.has("il6_resistance")) {
            MapReader c = MapReader.of(r.get("il6_resistance"), r.child("il6_resistance"), "EC50 shift by IL-6",
                    "ec50", "hill_n", "max_factor");
            il6 = new BiologySpec.Il6Resistance(c.number("ec50", Range.positive("IL-6 species unit")),
                    c.number("hill_n", Range.positive("")), c.number("max_factor", Range.atLeast(1, "fold")));
        }
        BiologySpec.LactateTolerance lactate = new BiologySpec.LactateTolerance(1.0, 1.0);
        if (r.has("lactate_tolerance")) {
            MapReader c = MapReader.of(r.get("lactate_tolerance"), r.child("lactate_tolerance"),
                    "EC50 shift by MCT1 lactate supply", "max_factor", "km");
            lactate = new BiologySpec.LactateTolerance(c.number("max_factor", Range.atLeast(1, "fold")),
                    c.number("km", Range.positive("lactate species unit")));
        }
        return new BiologySpec.DrugResponse(measure, ec50, hill, kill, death, il6, lactate);
    }

    private static BiologySpec.Intervention intervention(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "an intervention", "type", "start_s", "duration_s", "strength");
        if (!r.has("type")) {
            r.require("type", "one of: " + String.join(", ", interventionNames().keySet()));
        }
        BiologySpec.InterventionKind kind = r.choice("type", "intervention", interventionNames(), null);
        return new BiologySpec.Intervention(kind, r.number("start_s", Range.nonNegative("s")),
                r.number("duration_s", Range.positive("s")), r.number("strength", Range.fraction()));
    }
}
