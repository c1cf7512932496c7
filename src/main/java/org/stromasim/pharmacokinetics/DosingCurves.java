package org.stromasim.pharmacokinetics;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.PlasmaCurveSpec.Interruption;
import org.stromasim.scenario.PlasmaCurveSpec.Regimen;
import org.stromasim.scenario.SpeciesSpec.ConcentrationUnit;

/**
 * Builds the {@link DosingCurve} a scenario's {@code type: dosing} or {@code type: metabolite} plasma
 * curve describes. Rejects impossible input with {@link IllegalArgumentException} naming the value
 * and the allowed range (the scenario binder turns it into a located error).
 */
public final class DosingCurves {

    /** Upper bound on doses per curve: each is summed at every plasma evaluation. */
    public static final int MAX_DOSES = 100_000;

    private DosingCurves() {
    }

    /** The species unit per µM. */
    public static double unitsPerMicromolar(ConcentrationUnit unit) {
        return switch (unit) {
            case MICROMOLAR -> 1.0;
            case NANOMOLAR -> 1000.0;
        };
    }

    /** The curve of a dosed drug, in {@code unit}. */
    public static DosingCurve of(PlasmaCurveSpec.Dosing spec, ConcentrationUnit unit) {
        double[] halfLives = spec.halfLivesH().stream().mapToDouble(Double::doubleValue).toArray();
        Disposition disposition = new Disposition(spec.volumeL(), halfLives, spec.fastFraction(),
                spec.molarMassGPerMol());
        ExponentialResponse impulse = disposition.impulsePerMgMicromolar();
        if (spec.regimens().isEmpty()) {
            throw new IllegalArgumentException("regimens: give at least one regimen");
        }
        for (Interruption i : spec.interruptions()) {
            if (!(i.fromH() >= 0 && i.toH() > i.fromH()) || !Double.isFinite(i.toH())) {
                throw new IllegalArgumentException("interruption from_h " + i.fromH() + " to_h " + i.toH()
                        + ": need 0 <= from_h < to_h, finite");
            }
        }
        List<DoseEvent> events = new ArrayList<>();
        for (int r = 0; r < spec.regimens().size(); r++) {
            Regimen regimen = spec.regimens().get(r);
            try {
                DoseEvent template = doseAtZero(regimen, impulse);
                for (double timeH : doseTimesH(regimen)) {
                    if (!interrupted(timeH, spec.interruptions())) {
                        events.add(new DoseEvent(timeH * 3600.0, template.response(), template.durationS()));
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("regimens[" + r + "]: " + e.getMessage(), e);
            }
            if (events.size() > MAX_DOSES) {
                throw new IllegalArgumentException("regimens: more than " + MAX_DOSES + " doses in all");
            }
        }
        return new DosingCurve(events, unitsPerMicromolar(unit));
    }

    /** The curve of a metabolite of {@code parent} (the parent's own curve spec and unit), in {@code unit}. */
    public static DosingCurve metabolite(PlasmaCurveSpec.Metabolite spec, PlasmaCurveSpec.Dosing parent,
                                         ConcentrationUnit parentUnit, ConcentrationUnit unit) {
        // the parent's dose events are in µM whatever its unit; the metabolite's are formed from them
        return of(parent, parentUnit).metabolite(spec.halfLifeH(), spec.steadyStateRatio(), unitsPerMicromolar(unit));
    }

    /** One dose of the regimen given at t = 0. */
    private static DoseEvent doseAtZero(Regimen regimen, ExponentialResponse impulsePerMg) {
        Disposition.requirePositive("dose_mg", regimen.doseMg());
        double dose = regimen.doseMg();
        return switch (regimen.route()) {
            case IV_BOLUS -> new DoseEvent(0.0, impulsePerMg.scaled(dose), 0.0);
            case INFUSION -> {
                Disposition.requirePositive("duration_h", regimen.durationH() == null ? Double.NaN : regimen.durationH());
                double durationS = regimen.durationH() * 3600.0;
                yield new DoseEvent(0.0, impulsePerMg.scaled(dose / durationS).integrated(), durationS);
            }
            case ORAL, DEPOT -> {
                double halfLife = regimen.absorptionHalfLifeH() == null ? Double.NaN : regimen.absorptionHalfLifeH();
                Disposition.requirePositive(regimen.route() == PlasmaCurveSpec.Route.ORAL ? "absorption_half_life_h"
                        : "release_half_life_h", halfLife);
                double f = regimen.bioavailability();
                if (!(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("bioavailability must be in (0, 1], got " + f);
                }
                yield new DoseEvent(0.0, impulsePerMg.through(Disposition.ratePerS(halfLife)).scaled(dose * f), 0.0);
            }
        };
    }

    /** Dose times of a regimen, h. */
    static List<Double> doseTimesH(Regimen regimen) {
        if (!(regimen.startH() >= 0) || !Double.isFinite(regimen.startH())) {
            throw new IllegalArgumentException("start_h must be a finite number >= 0, got " + regimen.startH());
        }
        List<Double> times = new ArrayList<>();
        if (regimen.intervalH() == null) {
            if (regimen.count() != null && regimen.count() != 1 || regimen.untilH() != null) {
                throw new IllegalArgumentException("count > 1 or until_h needs interval_h");
            }
            times.add(regimen.startH());
            return times;
        }
        Disposition.requirePositive("interval_h", regimen.intervalH());
        if ((regimen.count() == null) == (regimen.untilH() == null)) {
            throw new IllegalArgumentException("with interval_h give exactly one of count or until_h");
        }
        long limit = regimen.count() != null ? regimen.count() : Long.MAX_VALUE;
        if (limit < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + limit);
        }
        double until = regimen.untilH() != null ? regimen.untilH() : Double.POSITIVE_INFINITY;
        for (long n = 0; n < limit; n++) {
            // each time from the start, not by accumulation, so the n-th dose is exactly start + n·interval
            double t = regimen.startH() + n * regimen.intervalH();
            if (!(t < until)) {
                break;
            }
            if (times.size() >= MAX_DOSES) {
                throw new IllegalArgumentException("more than " + MAX_DOSES + " doses");
            }
            times.add(t);
        }
        return times;
    }

    private static boolean interrupted(double timeH, List<Interruption> interruptions) {
        for (Interruption i : interruptions) {
            if (timeH >= i.fromH() && timeH < i.toH()) {
                return true;
            }
        }
        return false;
    }
}
