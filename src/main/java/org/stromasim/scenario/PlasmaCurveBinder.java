package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.pharmacokinetics.DosingCurves;
import org.stromasim.scenario.PlasmaCurveSpec.Route;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;

/**
 * Binds a plasma curve ({@code type: constant | bolus | infusion | repeated_bolus | dosing | metabolite}).
 * A dosing curve is checked by building it here, so that what only the model can see (two rates too
 * close for the closed form) is reported at the curve's place in the file.
 */
final class PlasmaCurveBinder {

    private PlasmaCurveBinder() {
    }

    static PlasmaCurveSpec curve(YamlNode node, String path, ConcentrationUnit concentrationUnit) {
        String unit = concentrationUnit.symbol();
        Class<?> variant = SubtypeNames.variantOf(node, path, PlasmaCurveSpec.class, "plasma curve type");
        if (variant == PlasmaCurveSpec.Dosing.class) {
            return dosing(node, path, concentrationUnit);
        }
        if (variant == PlasmaCurveSpec.Metabolite.class) {
            MapReader r = MapReader.of(node, path, "a metabolite plasma curve", "type", "parent", "half_life_h",
                    "steady_state_ratio");
            return new PlasmaCurveSpec.Metabolite(r.text("parent", "the name of a species with a dosing curve"),
                    r.number("half_life_h", Range.positive("h")), r.number("steady_state_ratio", Range.positive("")));
        }
        if (variant == PlasmaCurveSpec.Constant.class) {
            MapReader r = MapReader.of(node, path, "a constant plasma level", "type", "level");
            return new PlasmaCurveSpec.Constant(r.number("level", Range.nonNegative(unit)));
        }
        if (variant == PlasmaCurveSpec.Bolus.class) {
            return bolus(MapReader.of(node, path, "a bolus", "type", "peak", "start_s", "half_lives_s", "fast_fraction"),
                    unit);
        }
        if (variant == PlasmaCurveSpec.Infusion.class) {
            MapReader r = MapReader.of(node, path, "an infusion", "type", "level", "start_s", "duration_s", "half_life_s");
            return new PlasmaCurveSpec.Infusion(r.number("level", Range.nonNegative(unit)),
                    r.number("start_s", Range.nonNegative("s"), 0.0), r.number("duration_s", Range.positive("s")),
                    r.number("half_life_s", Range.positive("s")));
        }
        MapReader r = MapReader.of(node, path, "repeated boluses", "type", "dose", "interval_s", "count");
        String dosePath = r.child("dose");
        PlasmaCurveSpec.Bolus dose = bolus(MapReader.of(r.require("dose", "a bolus: peak, start_s, half_lives_s, "
                + "fast_fraction"), dosePath, "one bolus", "peak", "start_s", "half_lives_s", "fast_fraction"), unit);
        return new PlasmaCurveSpec.RepeatedBolus(dose, r.number("interval_s", Range.positive("s")),
                r.integer("count", Range.between(1, Integer.MAX_VALUE, "doses")));
    }

    private static PlasmaCurveSpec.Bolus bolus(MapReader r, String unit) {
        double peak = r.number("peak", Range.nonNegative(unit));
        double startS = r.number("start_s", Range.nonNegative("s"), 0.0);
        String expected = "one or two half-lives [t½ in s] or [distribution t½, terminal t½], each > 0 (s)";
        YamlNode listNode = r.require("half_lives_s", expected);
        if (!(listNode instanceof YamlNode.ListNode list) || list.items().isEmpty() || list.items().size() > 2) {
            throw ScenarioException.badValue(listNode, r.child("half_lives_s"), "must be a list of " + expected);
        }
        List<Double> halfLives = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            halfLives.add(NodeReader.number(list.items().get(i), r.child("half_lives_s") + "[" + i + "]",
                    Range.positive("s")));
        }
        Double fastFraction;
        if (halfLives.size() == 2) {
            fastFraction = NodeReader.number(r.require("fast_fraction", "a fraction in [0, 1] (share of the peak that "
                    + "decays with the first half-life)"), r.child("fast_fraction"), Range.fraction());
        } else {
            fastFraction = r.optionalNumber("fast_fraction", Range.fraction());
            if (fastFraction != null && fastFraction != 1.0) {
                throw ScenarioException.badValue(r.get("fast_fraction"), r.child("fast_fraction"), "with one half-life the"
                        + " whole peak decays with it; allowed: 1 or absent (give two half-lives to split the peak)");
            }
        }
        return new PlasmaCurveSpec.Bolus(peak, startS, halfLives, fastFraction);
    }

    private static Map<String, Route> routeNames() {
        Map<String, Route> names = new LinkedHashMap<>();
        for (Route route : Route.values()) {
            names.put(route.key(), route);
        }
        return names;
    }

    private static PlasmaCurveSpec.Dosing dosing(YamlNode node, String path, ConcentrationUnit unit) {
        MapReader r = MapReader.of(node, path, "a dosing schedule", "type", "molar_mass_g_per_mol", "volume_l",
                "half_lives_h", "fast_fraction", "regimens", "interruptions");
        double molarMass = r.number("molar_mass_g_per_mol", Range.positive("g/mol"));
        double volume = r.number("volume_l", Range.positive("L"));
        String expected = "one or two half-lives [t½ in h] or [distribution t½, terminal t½], each > 0 (h)";
        YamlNode listNode = r.require("half_lives_h", expected);
        if (!(listNode instanceof YamlNode.ListNode list) || list.items().isEmpty() || list.items().size() > 2) {
            throw ScenarioException.badValue(listNode, r.child("half_lives_h"), "must be a list of " + expected);
        }
        List<Double> halfLives = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            halfLives.add(NodeReader.number(list.items().get(i), r.child("half_lives_h") + "[" + i + "]",
                    Range.positive("h")));
        }
        Double fastFraction = null;
        if (halfLives.size() == 2) {
            fastFraction = NodeReader.number(r.require("fast_fraction", "a fraction in [0, 1] (share of the initial "
                    + "level that falls with the first half-life)"), r.child("fast_fraction"), Range.fraction());
        } else if (r.has("fast_fraction")) {
            throw ScenarioException.badValue(r.get("fast_fraction"), r.child("fast_fraction"), "applies to two "
                    + "half-lives only; with one, remove it");
        }
        List<YamlNode> regimenNodes = NodeReader.list(r.require("regimens", "a list of regimens (route, dose_mg, …)"),
                r.child("regimens"), "a list of regimens").items();
        if (regimenNodes.isEmpty()) {
            throw ScenarioException.badValue(r.get("regimens"), r.child("regimens"), "must hold at least one regimen");
        }
        List<PlasmaCurveSpec.Regimen> regimens = new ArrayList<>();
        for (int i = 0; i < regimenNodes.size(); i++) {
            regimens.add(regimen(regimenNodes.get(i), r.child("regimens") + "[" + i + "]"));
        }
        List<PlasmaCurveSpec.Interruption> interruptions = new ArrayList<>();
        if (r.has("interruptions")) {
            List<YamlNode> items = NodeReader.list(r.get("interruptions"), r.child("interruptions"),
                    "a list of {from_h, to_h}").items();
            for (int i = 0; i < items.size(); i++) {
                String at = r.child("interruptions") + "[" + i + "]";
                MapReader w = MapReader.of(items.get(i), at, "an interruption", "from_h", "to_h");
                double from = w.number("from_h", Range.nonNegative("h"));
                double to = w.number("to_h", Range.positive("h"));
                if (!(to > from)) {
                    throw ScenarioException.badValue(w.get("to_h"), w.child("to_h"), "must be after from_h (" + from
                            + " h), got " + to);
                }
                interruptions.add(new PlasmaCurveSpec.Interruption(from, to));
            }
        }
        PlasmaCurveSpec.Dosing spec = new PlasmaCurveSpec.Dosing(molarMass, volume, halfLives, fastFraction, regimens,
                interruptions);
        try {
            DosingCurves.of(spec, unit);
        } catch (IllegalArgumentException e) {
            throw ScenarioException.badValue(node, path, e.getMessage());
        }
        return spec;
    }

    private static PlasmaCurveSpec.Regimen regimen(YamlNode node, String path) {
        MapReader r = MapReader.of(node, path, "a regimen", "route", "dose_mg", "start_h", "interval_h", "count",
                "until_h", "absorption_half_life_h", "release_half_life_h", "bioavailability", "duration_h");
        Route route = NodeReader.choice(r.require("route", "one of: " + String.join(", ", routeNames().keySet())),
                r.child("route"), "route", routeNames());
        double dose = r.number("dose_mg", Range.positive("mg"));
        double start = r.number("start_h", Range.nonNegative("h"), 0.0);
        Double interval = r.optionalNumber("interval_h", Range.positive("h"));
        Integer count = r.has("count") ? r.integer("count", Range.between(1, DosingCurves.MAX_DOSES, "doses")) : null;
        Double until = r.optionalNumber("until_h", Range.positive("h"));
        if (interval == null) {
            for (String key : new String[] {"count", "until_h"}) {
                if (r.has(key)) {
                    throw ScenarioException.badValue(r.get(key), r.child(key), "needs interval_h (without it the regimen"
                            + " is one dose)");
                }
            }
        } else if ((count == null) == (until == null)) {
            throw ScenarioException.at(r.location(), path, "with interval_h give exactly one of count (number of "
                    + "doses) or until_h (no dose at or after this time, h)");
        }
        String absorptionKey = route == Route.DEPOT ? "release_half_life_h" : "absorption_half_life_h";
        Double absorption = null;
        Double durationH = null;
        double bioavailability = 1.0;
        requireAbsentUnless(r, "absorption_half_life_h", route == Route.ORAL, "route oral");
        requireAbsentUnless(r, "release_half_life_h", route == Route.DEPOT, "route depot");
        requireAbsentUnless(r, "bioavailability", route == Route.ORAL || route == Route.DEPOT, "routes oral and depot");
        requireAbsentUnless(r, "duration_h", route == Route.INFUSION, "route infusion");
        if (route == Route.ORAL || route == Route.DEPOT) {
            absorption = r.number(absorptionKey, Range.positive("h"));
            bioavailability = r.number("bioavailability", Range.positiveFraction(), 1.0);
        }
        if (route == Route.INFUSION) {
            durationH = r.number("duration_h", Range.positive("h"));
        }
        return new PlasmaCurveSpec.Regimen(route, dose, start, interval, count, until, absorption, bioavailability,
                durationH);
    }

    private static void requireAbsentUnless(MapReader r, String key, boolean allowed, String where) {
        if (!allowed && r.has(key)) {
            throw ScenarioException.badValue(r.get(key), r.child(key), "applies to " + where + " only; remove it");
        }
    }
}
