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

    /**
     * ∫ of the plasma concentration over [fromS, toS] (fromS ≤ toS), unit × s, in closed form: exact
     * across a dose or a bolus start inside the interval, where a value at any one time is not.
     */
    public abstract double integral(double fromS, double toS);

    /**
     * Times where the level or its slope jumps (bolus and dose times, infusion starts and ends, changes
     * of a scaling factor), s, ascending, without repeats: a step that straddles one sees a level that
     * does not change smoothly with the step, so the run ends steps there. Those up to {@code untilS}.
     */
    public abstract double[] breakTimesS(double untilS);

    /** The entries of ascending {@code times} at or before {@code untilS}. */
    static double[] upTo(double[] times, double untilS) {
        int n = 0;
        while (n < times.length && times[n] <= untilS) {
            n++;
        }
        return java.util.Arrays.copyOf(times, n);
    }

    /**
     * The mean plasma concentration over the step [fromS, toS]: the exchange source that makes a step's
     * delivered amount exact however the curve varies within it (the level at the step's midpoint is
     * 0 or the peak for a step that straddles a bolus start, whatever its length); the level at
     * {@code fromS} for an empty interval.
     */
    public final double mean(double fromS, double toS) {
        double h = toS - fromS;
        return h > 0 ? integral(atBreakIfWithin(fromS), atBreakIfWithin(toS)) / h : at(fromS);
    }

    /**
     * Relative tolerance within which a step end is taken to be a break time. A run ends steps at
     * breaks, but a step end computed as start + n·dt can miss the break by an ulp (30 s in 9 steps
     * from 30 s ends at 60.000000000000007); a bolus starting at 60 s then leaks 10⁻¹⁵ of its peak
     * into a step that should see none, and a relative comparison of two runs there (step control's
     * pilots, at the bolus start) reads that sliver as a 100 % difference.
     */
    static final double BREAK_TOLERANCE = 1e-12;

    /** {@code timeS}, or the break time it misses by at most {@link #BREAK_TOLERANCE} relative. */
    private double atBreakIfWithin(double timeS) {
        double tolerance = BREAK_TOLERANCE * Math.max(1, Math.abs(timeS));
        double[] breaks = breakTimesS(timeS + tolerance);
        if (breaks.length > 0 && Math.abs(breaks[breaks.length - 1] - timeS) <= tolerance) {
            return breaks[breaks.length - 1];
        }
        return timeS;
    }

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

    /** ∫ 2^(−τ/t½) dτ over [a, b]. */
    private static double halvingIntegral(double a, double b, double halfLifeS) {
        return org.stromasim.pharmacokinetics.ExponentialResponse.exponentialIntegral(Math.log(2.0) / halfLifeS, a, b);
    }

    /** 2^(−t/t½). */
    private static double halving(double timeS, double halfLifeS) {
        return Math.pow(2.0, -timeS / halfLifeS);
    }

    /**
     * {@code curve} times {@code factor(t)}: a plasma level lowered by a time-dependent intervention.
     * The factor must be constant between consecutive {@code factorChangesS} (ascending), as an
     * intervention's strength is between its window's start and end.
     */
    public static PlasmaCurve scaled(PlasmaCurve curve, java.util.function.DoubleUnaryOperator factor,
                                     double[] factorChangesS) {
        return new Scaled(curve, factor, factorChangesS);
    }

    /** A curve times a piecewise-constant factor of time (an aromatase inhibitor lowering plasma oestradiol). */
    static final class Scaled extends PlasmaCurve {
        private final PlasmaCurve curve;
        private final java.util.function.DoubleUnaryOperator factor;
        private final double[] factorChangesS;

        Scaled(PlasmaCurve curve, java.util.function.DoubleUnaryOperator factor, double[] factorChangesS) {
            this.curve = curve;
            this.factor = factor;
            this.factorChangesS = java.util.Arrays.stream(factorChangesS).sorted().distinct().toArray();
        }

        @Override
        public double at(double timeS) {
            return curve.at(timeS) * factor.applyAsDouble(timeS);
        }

        /** Piece by piece between the factor's changes, each piece the curve's integral times its factor. */
        @Override
        public double integral(double fromS, double toS) {
            double sum = 0.0;
            double pieceStart = fromS;
            for (double change : factorChangesS) {
                if (change <= pieceStart) {
                    continue;
                }
                if (change >= toS) {
                    break;
                }
                sum += piece(pieceStart, change);
                pieceStart = change;
            }
            return sum + piece(pieceStart, toS);
        }

        private double piece(double a, double b) {
            // the factor is constant inside (a, b): read it in the middle, away from either change
            return b > a ? factor.applyAsDouble(a + (b - a) / 2) * curve.integral(a, b) : 0.0;
        }

        @Override
        public double[] breakTimesS(double untilS) {
            return union(curve.breakTimesS(untilS), upTo(factorChangesS, untilS));
        }
    }

    /** The ascending union of two ascending arrays, without repeats. */
    static double[] union(double[] a, double[] b) {
        return java.util.stream.DoubleStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .sorted().distinct().toArray();
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

        @Override
        public double integral(double fromS, double toS) {
            return curve.integral(fromS, toS);
        }

        @Override
        public double[] breakTimesS(double untilS) {
            return upTo(curve.breakTimesS(), untilS);
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

        @Override
        public double integral(double fromS, double toS) {
            return level * (toS - fromS);
        }

        @Override
        public double[] breakTimesS(double untilS) {
            return new double[0];
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

        /** peak·Σ share·∫2^(−τ/t½)dτ over the part of the interval after the injection. */
        @Override
        public double integral(double fromS, double toS) {
            double tau1 = toS - startS;
            if (tau1 <= 0) {
                return 0.0;
            }
            double tau0 = Math.max(fromS - startS, 0.0);
            double slowPart = fastFraction == 1.0 ? 0.0
                    : (1.0 - fastFraction) * halvingIntegral(tau0, tau1, slowHalfLifeS);
            return peak * (fastFraction * halvingIntegral(tau0, tau1, fastHalfLifeS) + slowPart);
        }

        @Override
        public double[] breakTimesS(double untilS) {
            return upTo(new double[] {startS}, untilS);
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

        /** The rise level·(τ − ∫2^(−τ/t½)) within [0, duration], then the end level's decay. */
        @Override
        public double integral(double fromS, double toS) {
            double a = Math.max(fromS - startS, 0.0);
            double b = toS - startS;
            if (b <= a) {
                return 0.0;
            }
            double sum = 0.0;
            double riseEnd = Math.min(b, durationS);
            if (riseEnd > a) {
                sum += level * ((riseEnd - a) - halvingIntegral(a, riseEnd, halfLifeS));
            }
            if (b > durationS) {
                double endLevel = level * (1.0 - halving(durationS, halfLifeS));
                sum += endLevel * halvingIntegral(Math.max(a, durationS) - durationS, b - durationS, halfLifeS);
            }
            return sum;
        }

        @Override
        public double[] breakTimesS(double untilS) {
            return upTo(durationS > 0 ? new double[] {startS, startS + durationS} : new double[] {startS}, untilS);
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

        /** Σ over the doses given before {@code toS} of the first dose's integral, shifted. */
        @Override
        public double integral(double fromS, double toS) {
            double sum = 0.0;
            for (int n = 0; n < count; n++) {
                double shift = n * intervalS;
                if (toS - shift <= dose.startS) {
                    break;
                }
                sum += dose.integral(fromS - shift, toS - shift);
            }
            return sum;
        }

        @Override
        public double[] breakTimesS(double untilS) {
            java.util.List<Double> times = new java.util.ArrayList<>();
            for (int n = 0; n < count && dose.startS + n * intervalS <= untilS; n++) {
                times.add(dose.startS + n * intervalS);
            }
            return times.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
