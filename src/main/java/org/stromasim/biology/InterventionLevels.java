package org.stromasim.biology;

import java.util.List;
import org.stromasim.scenario.BiologySpec.Intervention;
import org.stromasim.scenario.BiologySpec.InterventionKind;

/**
 * The strength of each kind of intervention at a time: 0 outside every window; inside, entries of the
 * same kind combine as independent blockades, 1 − Π(1 − strength) (two half-blocking doses block 75 %).
 */
public final class InterventionLevels {

    private final List<Intervention> interventions;

    public InterventionLevels(List<Intervention> interventions) {
        this.interventions = List.copyOf(interventions);
    }

    /** Strength of {@code kind} at {@code timeS}, 0..1 (active for start ≤ t &lt; start + duration). */
    public double at(InterventionKind kind, double timeS) {
        double passing = 1.0;
        for (Intervention i : interventions) {
            if (i.type() == kind && timeS >= i.startS() && timeS < i.startS() + i.durationS()) {
                passing *= 1.0 - i.strength();
            }
        }
        return 1.0 - passing;
    }

    /** Where the strength of {@code kind} can change (each window's start and end), s, ascending: it is constant between. */
    public double[] changeTimesS(InterventionKind kind) {
        return interventions.stream().filter(i -> i.type() == kind)
                .flatMapToDouble(i -> java.util.stream.DoubleStream.of(i.startS(), i.startS() + i.durationS()))
                .sorted().distinct().toArray();
    }
}
