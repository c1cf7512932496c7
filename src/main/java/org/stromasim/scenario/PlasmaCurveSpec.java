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
        @JsonSubTypes.Type(value = PlasmaCurveSpec.RepeatedBolus.class, name = "repeated_bolus")
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
}
