package org.stromasim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Plasma concentration of a species over time, in the species' unit (YAML key {@code type}).
 * Evaluated by {@code org.stromasim.transport.PlasmaCurve}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlasmaCurveSpec.Constant.class, name = "constant"),
        @JsonSubTypes.Type(value = PlasmaCurveSpec.Bolus.class, name = "bolus"),
        @JsonSubTypes.Type(value = PlasmaCurveSpec.Infusion.class, name = "infusion"),
        @JsonSubTypes.Type(value = PlasmaCurveSpec.RepeatedBolus.class, name = "repeated_bolus"),
        @JsonSubTypes.Type(value = PlasmaCurveSpec.Dosing.class, name = "dosing"),
        @JsonSubTypes.Type(value = PlasmaCurveSpec.Metabolite.class, name = "metabolite")
})
public sealed interface PlasmaCurveSpec {

    /** A fixed plasma level (e.g. systemic lactate). */
    record Constant(double level) implements PlasmaCurveSpec {
    }

    /**
     * A bolus at {@code startS}: peak·[f·2^(−t/t½₁) + (1 − f)·2^(−t/t½₂)] for t ≥ start, 0 before.
     * With one half-life, f = 1.
     *
     * @param peak         plasma concentration right after the injection
     * @param startS       injection time, s
     * @param halfLivesS   one (mono-exponential) or two (distribution, terminal) half-lives, s
     * @param fastFraction f, the share of the peak that decays with the first half-life (two half-lives only)
     */
    record Bolus(double peak, Double startS, List<Double> halfLivesS, Double fastFraction) implements PlasmaCurveSpec {
        public Bolus {
            startS = startS == null ? 0.0 : startS;
            halfLivesS = List.copyOf(halfLivesS);
            fastFraction = fastFraction == null ? 1.0 : fastFraction;
        }
    }

    /**
     * A constant-rate infusion reaching {@code level} at steady state, approached and left with
     * {@code halfLifeS}: level·(1 − 2^(−t/t½)) during the infusion, then decaying.
     */
    record Infusion(double level, Double startS, double durationS, double halfLifeS) implements PlasmaCurveSpec {
        public Infusion {
            startS = startS == null ? 0.0 : startS;
        }
    }

    /** {@code count} identical boluses, the first at {@code dose.startS}, every {@code intervalS}; contributions add. */
    record RepeatedBolus(Bolus dose, double intervalS, int count) implements PlasmaCurveSpec {
    }

    /**
     * A dosing schedule through a pharmacokinetic model (evaluated by
     * {@code org.stromasim.pharmacokinetics.DosingCurves}): doses in mg into a one- or two-compartment
     * disposition, each regimen a series of doses, doses that fall in an interruption skipped.
     *
     * @param molarMassGPerMol converts mg/L to the species' molar unit
     * @param volumeL          central volume of distribution (apparent V/F for oral drugs), L
     * @param halfLivesH       one half-life, or the distribution and the terminal half-life, h
     * @param fastFraction     share of the initial level that falls with the first half-life (two only)
     * @param regimens         the series of doses, in the order written
     * @param interruptions    windows in which no dose is given
     */
    record Dosing(double molarMassGPerMol, double volumeL, List<Double> halfLivesH, Double fastFraction,
                  List<Regimen> regimens, List<Interruption> interruptions) implements PlasmaCurveSpec {
        public Dosing {
            halfLivesH = List.copyOf(halfLivesH);
            fastFraction = fastFraction == null ? 1.0 : fastFraction;
            regimens = List.copyOf(regimens);
            interruptions = interruptions == null ? List.of() : List.copyOf(interruptions);
        }
    }

    /** How a dose enters the central compartment. */
    enum Route {
        /** all at once (IV bolus) */
        IV_BOLUS("iv_bolus"),
        /** at a constant rate over {@code duration_h} (zero-order infusion) */
        INFUSION("infusion"),
        /** first-order absorption from the gut, with bioavailability F */
        ORAL("oral"),
        /** slow first-order release from an intramuscular depot */
        DEPOT("depot");

        private final String key;

        Route(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Doses of {@code doseMg} from {@code startH}, every {@code intervalH} ({@code null}: one dose), for
     * {@code count} doses or while the dose time is before {@code untilH}.
     *
     * @param route               how the dose enters
     * @param doseMg              amount per dose, mg
     * @param startH              time of the first dose, h
     * @param intervalH           time between doses, h; {@code null} for a single dose
     * @param count               number of doses ({@code null} when {@code untilH} bounds them)
     * @param untilH              doses are given while their time is before this, h ({@code null} with count)
     * @param absorptionHalfLifeH absorption (oral) or release (depot) half-life, h; {@code null} otherwise
     * @param bioavailability     fraction absorbed (oral, depot); 1 otherwise
     * @param durationH           infusion duration, h; {@code null} otherwise
     */
    record Regimen(Route route, double doseMg, double startH, Double intervalH, Integer count, Double untilH,
                   Double absorptionHalfLifeH, double bioavailability, Double durationH) {
    }

    /** No dose is given at times fromH ≤ t &lt; toH (missed doses; an infusion already running continues). */
    record Interruption(double fromH, double toH) {
    }

    /**
     * A metabolite formed from the drug of species {@code parent} (which must have a {@link Dosing}
     * curve), cleared with {@code halfLifeH}; under constant dosing its molar level is
     * {@code steadyStateRatio} times the parent's.
     */
    record Metabolite(String parent, double halfLifeH, double steadyStateRatio) implements PlasmaCurveSpec {
    }
}
