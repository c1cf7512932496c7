package org.stromasim.scenario;

import java.util.ArrayList;
import java.util.List;

/** Binds a plasma curve ({@code type: constant | bolus | infusion | repeated_bolus}). */
final class PlasmaCurveBinder {

    private PlasmaCurveBinder() {
    }

    static PlasmaCurveSpec curve(YamlNode node, String path, String unit) {
        Class<?> variant = SubtypeNames.variantOf(node, path, PlasmaCurveSpec.class, "plasma curve type");
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
}
