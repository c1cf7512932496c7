package org.stromasim.transport;

import java.util.List;
import java.util.function.Function;
import org.stromasim.pharmacokinetics.DosingCurve;
import org.stromasim.pharmacokinetics.DosingCurves;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.SpeciesSpec;

/**
 * Plasma concentration of a species over time (in the species' unit), as described by a
 * {@link PlasmaCurveSpec}. Evaluated a few times per step on the host thread, never per voxel.
 */
public abstract sealed class PlasmaCurve {

    /** Plasma concentration at simulated time {@code timeS}, s. */
    public abstract double at(double timeS);

    /** The curve a scenario describes; rejects impossible parameters with the value and the allowed range. */
    public static PlasmaCurve of(PlasmaCurveSpec spec) {
        if (spec instanceof PlasmaCurveSpec.Constant c) {
            requireFiniteNonNegative("constant plasma level", c.level());
            return new Constant(c.level());
        }
        if (spec instanceof PlasmaCurveSpec.Bolus b) {
            return Bolus.of(b);
        }
        if (spec instanceof PlasmaCurveSpec.Infusion i) {
            return Infusion.of(i);
        }
        if (spec instanceof PlasmaCurveSpec.RepeatedBolus r) {
            return Repeated.of(r);
        }
        if (spec instanceof PlasmaCurveSpec.Dosing || spec instanceof PlasmaCurveSpec.Metabolite) {
            throw new IllegalArgumentException("a dosing or metabolite curve needs its species: use forSpecies");
        }
        throw new IllegalArgumentException("unknown plasma curve " + spec);
    }

    /**
     * The plasma curve of {@code species} (which crosses vessel walls). A dosing curve is in the
     * species' unit; a metabolite curve reads its parent's dosing from {@code speciesByName}.
     */
    public static PlasmaCurve forSpecies(SpeciesSpec species, Function<String, SpeciesSpec> speciesByName) {
        PlasmaCurveSpec spec = species.vessel().plasma();
        if (spec instanceof PlasmaCurveSpec.Dosing d) {
            return new Dosed(DosingCurves.of(d, species.unit()));
        }
        if (spec instanceof PlasmaCurveSpec.Metabolite m) {
            SpeciesSpec parent = speciesByName.apply(m.parent());
            if (parent == null || parent.vessel() == null
                    || !(parent.vessel().plasma() instanceof PlasmaCurveSpec.Dosing parentDosing)) {
                throw new IllegalArgumentException("species " + species.name() + ": metabolite parent " + m.parent()
                        + " must be a species with a dosing plasma curve");
            }
            return new Dosed(DosingCurves.metabolite(m, parentDosing, parent.unit(), species.unit()));
        }
        return of(spec);
    }

    /**
     * The curve a vessel group carries for {@code species} instead of the species' own: any curve but a
     * metabolite's (which the scenario binder refuses for groups); a dosing curve in the species' unit.
     */
    public static PlasmaCurve forGroup(PlasmaCurveSpec spec, SpeciesSpec species) {
        if (spec instanceof PlasmaCurveSpec.Dosing d) {
            return new Dosed(DosingCurves.of(d, species.unit()));
        }
        return of(spec);
    }

    /**
     * The curve the vessels of one group carry for {@code species}: the group's own curve for it where
     * the group gives one ({@link #forGroup}); for a metabolite species whose parent the group doses with
     * a curve of its own, the metabolite formed from that dosing (the vessels of a group carry one blood,
     * so a metabolite follows its parent there); else {@code speciesOwn}, the species' curve.
     *
     * @param groupCurves species name → curve in this group (empty for the group of the species' own curves)
     */
    public static PlasmaCurve inGroup(SpeciesSpec species, java.util.Map<String, PlasmaCurveSpec> groupCurves,
                                      Function<String, SpeciesSpec> speciesByName, PlasmaCurve speciesOwn) {
        PlasmaCurveSpec own = groupCurves.get(species.name());
        if (own != null) {
            return forGroup(own, species);
        }
        if (species.vessel().plasma() instanceof PlasmaCurveSpec.Metabolite m && groupCurves.containsKey(m.parent())) {
            if (!(groupCurves.get(m.parent()) instanceof PlasmaCurveSpec.Dosing parentDosing)) {
                throw new IllegalArgumentException("species " + species.name() + ": its parent " + m.parent()
                        + " carries a curve other than dosing in a vessel group; a metabolite is formed from dosing only");
            }
            SpeciesSpec parent = speciesByName.apply(m.parent());
            return new Dosed(DosingCurves.metabolite(m, parentDosing, parent.unit(), species.unit()));
        }
        return speciesOwn;
    }

    private static void requireFiniteNonNegative(String what, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
        }
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, got " + value);
        }
    }

    /** 2^(−t/t½). */
    private static double halving(double timeS, double halfLifeS) {
        return Math.pow(2.0, -timeS / halfLifeS);
    }

    /** {@code curve} times {@code factor(t)}: a plasma level lowered by a time-dependent intervention. */
    public static PlasmaCurve scaled(PlasmaCurve curve, java.util.function.DoubleUnaryOperator factor) {
        return new Scaled(curve, factor);
    }

    /** A curve times a factor of time (an aromatase inhibitor lowering plasma oestradiol). */
    static final class Scaled extends PlasmaCurve {
        private final PlasmaCurve curve;
        private final java.util.function.DoubleUnaryOperator factor;

        Scaled(PlasmaCurve curve, java.util.function.DoubleUnaryOperator factor) {
            this.curve = curve;
            this.factor = factor;
        }

        @Override
        public double at(double timeS) {
            return curve.at(timeS) * factor.applyAsDouble(timeS);
        }
    }

    /** A dosing schedule through a pharmacokinetic model, or a metabolite formed from one. */
    static final class Dosed extends PlasmaCurve {
        private final DosingCurve curve;

        Dosed(DosingCurve curve) {
            this.curve = curve;
        }

        @Override
        public double at(double timeS) {
            return curve.at(timeS);
        }

        /** An upper bound of the level over all time. */
        public double upperBound() {
            return curve.upperBound();
        }
    }

    /** A fixed level at all times. */
    static final class Constant extends PlasmaCurve {
        private final double level;

        Constant(double level) {
            this.level = level;
        }

        @Override
        public double at(double timeS) {
            return level;
        }
    }

    /** peak·[f·2^(−τ/t½₁) + (1 − f)·2^(−τ/t½₂)], τ = t − start ≥ 0; 0 before the injection. */
    static final class Bolus extends PlasmaCurve {
        private final double peak;
        private final double startS;
        private final double fastHalfLifeS;
        private final double slowHalfLifeS;
        private final double fastFraction;

        private Bolus(double peak, double startS, double fastHalfLifeS, double slowHalfLifeS, double fastFraction) {
            this.peak = peak;
            this.startS = startS;
            this.fastHalfLifeS = fastHalfLifeS;
            this.slowHalfLifeS = slowHalfLifeS;
            this.fastFraction = fastFraction;
        }

        static Bolus of(PlasmaCurveSpec.Bolus b) {
            requireFiniteNonNegative("bolus peak", b.peak());
            requireFiniteNonNegative("bolus start_s", b.startS());
            List<Double> halfLives = b.halfLivesS();
            if (halfLives.isEmpty() || halfLives.size() > 2) {
                throw new IllegalArgumentException("bolus half_lives_s must list 1 or 2 half-lives, got " + halfLives);
            }
            for (double h : halfLives) {
                requirePositive("bolus half-life (s)", h);
            }
            double fraction = halfLives.size() == 1 ? 1.0 : b.fastFraction();
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("bolus fast_fraction must be in [0, 1], got " + fraction);
            }
            double fast = halfLives.get(0);
            double slow = halfLives.size() == 1 ? fast : halfLives.get(1);
            return new Bolus(b.peak(), b.startS(), fast, slow, fraction);
        }

        @Override
        public double at(double timeS) {
            double tau = timeS - startS;
            if (tau < 0) {
                return 0.0;
            }
            double slowPart = fastFraction == 1.0 ? 0.0 : (1.0 - fastFraction) * halving(tau, slowHalfLifeS);
            return peak * (fastFraction * halving(tau, fastHalfLifeS) + slowPart);
        }
    }

    /**
     * level·(1 − 2^(−τ/t½)) for 0 ≤ τ ≤ duration (τ = t − start), then the end level decays with
     * the same half-life: C_end·2^(−(τ − duration)/t½); 0 before the start.
     */
    static final class Infusion extends PlasmaCurve {
        private final double level;
        private final double startS;
        private final double durationS;
        private final double halfLifeS;

        private Infusion(double level, double startS, double durationS, double halfLifeS) {
            this.level = level;
            this.startS = startS;
            this.durationS = durationS;
            this.halfLifeS = halfLifeS;
        }

        static Infusion of(PlasmaCurveSpec.Infusion i) {
            requireFiniteNonNegative("infusion level", i.level());
            requireFiniteNonNegative("infusion start_s", i.startS());
            requireFiniteNonNegative("infusion duration_s", i.durationS());
            requirePositive("infusion half_life_s", i.halfLifeS());
            return new Infusion(i.level(), i.startS(), i.durationS(), i.halfLifeS());
        }

        @Override
        public double at(double timeS) {
            double tau = timeS - startS;
            if (tau < 0) {
                return 0.0;
            }
            if (tau <= durationS) {
                return level * (1.0 - halving(tau, halfLifeS));
            }
            double endLevel = level * (1.0 - halving(durationS, halfLifeS));
            return endLevel * halving(tau - durationS, halfLifeS);
        }
    }

    /** {@code count} copies of a bolus, every {@code interval}; contributions add. */
    static final class Repeated extends PlasmaCurve {
        private final Bolus dose;
        private final double intervalS;
        private final int count;

        private Repeated(Bolus dose, double intervalS, int count) {
            this.dose = dose;
            this.intervalS = intervalS;
            this.count = count;
        }

        static Repeated of(PlasmaCurveSpec.RepeatedBolus r) {
            if (r.dose() == null) {
                throw new IllegalArgumentException("repeated_bolus needs a dose");
            }
            requirePositive("repeated_bolus interval_s", r.intervalS());
            if (r.count() < 1) {
                throw new IllegalArgumentException("repeated_bolus count must be >= 1, got " + r.count());
            }
            return new Repeated(Bolus.of(r.dose()), r.intervalS(), r.count());
        }

        @Override
        public double at(double timeS) {
            double sum = 0.0;
            // Dose n is the first dose shifted by n·interval; doses not yet given contribute nothing.
            for (int n = 0; n < count; n++) {
                double shifted = timeS - n * intervalS;
                if (shifted < dose.startS) {
                    break;
                }
                sum += dose.at(shifted);
            }
            return sum;
        }
    }
}
