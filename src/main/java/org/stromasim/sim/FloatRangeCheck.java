package org.stromasim.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Face;
import org.stromasim.pharmacokinetics.DosingCurves;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.CellType;

/**
 * An upper bound on each species' concentration over a run, from its parameters alone, compared with
 * the float32 range the state is stored and computed in. Diffusion creates no new maximum (the
 * maximum principle), vessel exchange pulls towards the plasma level, uptake, binding and decay only
 * remove, and saturating secretion stops at its saturation level; what remains is secretion without
 * saturation, bounded by rate·T without decay and by rate/decay (its steady state) with it. So
 * <pre>
 *   C(t) ≤ max(initial, plasma maximum, fixed boundary values, saturation levels) + min(r·T, r/k)
 * </pre>
 * with r the largest unsaturated secretion rate and k the decay rate. The drug exposure (the time
 * integral of the drug) is bounded by the drug's bound times T.
 *
 * <p>The warning level sits {@link #HEADROOM} below {@link Float#MAX_VALUE}: the explicit stencil adds
 * six neighbours and the reaction updates multiply concentrations by rates and steps, so intermediate
 * values overflow before the concentrations themselves reach the float maximum.
 */
public final class FloatRangeCheck {

    /** Factor between the warning level and the float maximum (6-neighbour sums, rate × step products). */
    static final double HEADROOM = 1e3;
    /** Concentrations above this can overflow in intermediate float arithmetic. */
    public static final double WARNING_LEVEL = Float.MAX_VALUE / HEADROOM;

    /** One species (or the drug exposure) whose bound exceeds {@link #WARNING_LEVEL}. */
    public record Excess(String what, double bound, String unit, String why) {
        public String message() {
            return String.format("%s can reach %.3g %s by the end of the run (%s), beyond %.3g %s, within a factor"
                    + " %.0f of the float range (%.3g) the state is computed in: the run would overflow to ∞/NaN",
                    what, bound, unit, why, WARNING_LEVEL, unit, HEADROOM, (double) Float.MAX_VALUE);
        }
    }

    private FloatRangeCheck() {
    }

    /** Every species (and the drug exposure) whose bound over {@code endTimeS} exceeds the warning level. */
    public static List<Excess> check(Scenario scenario, double endTimeS) {
        List<Excess> excesses = new ArrayList<>();
        for (SpeciesSpec species : scenario.species()) {
            Bound b = bound(species, endTimeS, scenario);
            if (!(b.value() <= WARNING_LEVEL)) {
                excesses.add(new Excess(species.name(), b.value(), species.unit().symbol(), b.why()));
            }
            if (species.name().equals(scenario.metrics().drugSpecies())) {
                double exposure = b.value() * endTimeS;
                if (!(exposure <= WARNING_LEVEL) && b.value() <= WARNING_LEVEL) {
                    excesses.add(new Excess(species.name() + " exposure", exposure, species.unit().symbol() + "·s",
                            String.format("%.3g %s × %.6g s", b.value(), species.unit().symbol(), endTimeS)));
                }
            }
        }
        return excesses;
    }

    /** The bound for {@code species} over {@code endTimeS} and what makes it that large. */
    public static Bound bound(SpeciesSpec species, double endTimeS, Scenario scenario) {
        double level = species.initial();
        String why = "initial " + g(species.initial());
        if (species.vessel() != null) {
            double plasma = plasmaMaximum(species, scenario);
            if (plasma > level) {
                level = plasma;
                why = "plasma level " + g(plasma);
            }
        }
        for (Map.Entry<Face, SpeciesSpec.BoundarySpec> face : species.boundaries().entrySet()) {
            if (face.getValue().type() == SpeciesSpec.BoundaryType.FIXED && face.getValue().value() > level) {
                level = face.getValue().value();
                why = "fixed value " + g(level) + " on face " + face.getKey();
            }
        }
        double unsaturatedRate = 0;
        CellType source = null;
        for (Map.Entry<CellType, SpeciesSpec.SecretionSpec> s : species.secretion().entrySet()) {
            SpeciesSpec.SecretionSpec secretion = s.getValue();
            if (secretion.saturation() == null) {
                if (secretion.ratePerS() > unsaturatedRate) {
                    unsaturatedRate = secretion.ratePerS();
                    source = s.getKey();
                }
            } else if (secretion.saturation() > level) {
                level = secretion.saturation();
                why = "saturation " + g(level) + " of secretion by " + s.getKey().key();
            }
        }
        if (source == null) {
            return new Bound(level, why);
        }
        double growth = unsaturatedRate * endTimeS;
        String growthWhy = "secretion by " + source.key() + " at " + g(unsaturatedRate) + " " + species.unit().symbol()
                + "/s with no saturation";
        if (species.decayPerS() > 0 && unsaturatedRate / species.decayPerS() < growth) {
            growth = unsaturatedRate / species.decayPerS();
            growthWhy += String.format(", balanced by decay %s/s at rate/decay", g(species.decayPerS()));
        } else {
            growthWhy += (species.decayPerS() > 0 ? " and slow decay" : " and no decay") + " over " + g(endTimeS) + " s";
        }
        return growth > level ? new Bound(level + growth, growthWhy) : new Bound(level + growth, why);
    }

    /** An upper bound and its largest contribution, in words. */
    public record Bound(double value, String why) {
    }

    /** The highest plasma level of the species' own curve and of every vessel group's curve for it. */
    private static double plasmaMaximum(SpeciesSpec species, Scenario scenario) {
        double max = plasmaMaximum(species, species.vessel().plasma(), scenario);
        if (scenario.tissue() != null) {
            for (Map<String, PlasmaCurveSpec> group : org.stromasim.scenario.TissueSpec.plasmaGroups(
                    scenario.tissue().vessels())) {
                PlasmaCurveSpec curve = group.get(species.name());
                if (curve != null) {
                    max = Math.max(max, plasmaMaximum(species, curve, scenario));
                }
            }
        }
        return max;
    }

    private static double plasmaMaximum(SpeciesSpec species, PlasmaCurveSpec plasma, Scenario scenario) {
        if (plasma instanceof PlasmaCurveSpec.Dosing d) {
            return DosingCurves.of(d, species.unit()).upperBound();
        }
        if (plasma instanceof PlasmaCurveSpec.Metabolite m) {
            SpeciesSpec parent = scenario.findSpecies(m.parent()).orElseThrow();
            return DosingCurves.metabolite(m, (PlasmaCurveSpec.Dosing) parent.vessel().plasma(), parent.unit(),
                    species.unit()).upperBound();
        }
        if (plasma instanceof PlasmaCurveSpec.Constant c) {
            return c.level();
        }
        if (plasma instanceof PlasmaCurveSpec.Bolus b) {
            return b.peak();
        }
        if (plasma instanceof PlasmaCurveSpec.Infusion i) {
            return i.level();
        }
        if (plasma instanceof PlasmaCurveSpec.RepeatedBolus r) {
            return r.dose().peak() * Math.max(1, r.count()); // contributions add
        }
        return 0;
    }

    private static String g(double value) {
        return String.format("%.3g", value);
    }
}
