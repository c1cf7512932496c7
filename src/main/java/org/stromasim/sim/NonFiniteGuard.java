package org.stromasim.sim;

import java.util.Optional;
import org.stromasim.backend.NonFiniteValue;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.SpeciesSpec;
import org.stromasim.tissue.Tissue;

/**
 * Stops a run whose state went NaN or ±∞ before anything of that state is written: the time loop asks
 * at every metrics row and snapshot (on a device, by a search there that returns one index, see
 * {@link org.stromasim.backend.Backend#firstNonFinite}), so a run never writes a non-finite snapshot or
 * metrics row and stops within one metrics interval of the overflow. The failure names the species,
 * the time, the first bad voxel and the likely cause, logs it in run.log and marks the last snapshot
 * written as the last good one ({@link RunOutput#stoppedOnBadState}).
 */
final class NonFiniteGuard {

    private final Scenario scenario;
    private final double endTimeS;
    private final RunOutput output;

    NonFiniteGuard(Scenario scenario, double endTimeS, RunOutput output) {
        this.scenario = scenario;
        this.endTimeS = endTimeS;
        this.output = output;
    }

    /** Throws when {@code bad} is present: logs why the run ended and marks the last good snapshot first. */
    void stopIfPresent(Optional<NonFiniteValue> bad, Tissue host, double timeS, long step) {
        if (bad.isEmpty()) {
            return;
        }
        String what = describe(bad.get(), host, timeS, step);
        String lastGood = output.stoppedOnBadState("run ended: " + what);
        throw new NonFiniteStateException(what + "; " + (lastGood == null
                ? "no snapshot was written before it"
                : "earlier outputs are intact; the last good snapshot is " + lastGood));
    }

    String describe(NonFiniteValue bad, Tissue host, double timeS, long step) {
        Grid3D g = host.grid();
        int i = bad.voxel() % g.nx();
        int j = (bad.voxel() / g.nx()) % g.ny();
        int k = bad.voxel() / (g.nx() * g.ny());
        boolean exposure = bad.inExposure(host);
        String field = exposure ? "the drug exposure" : host.speciesNames().get(bad.field());
        return String.format("%s became %s by t = %.6g s (step %d), first at voxel (i=%d, j=%d, k=%d) (cell type %s);"
                + " the run stopped (exit code 5). Likely cause: %s", field, bad.value(), timeS, step, i, j, k,
                host.cellAt(bad.voxel()).key(), cause(bad, host, exposure));
    }

    private String cause(NonFiniteValue bad, Tissue host, boolean exposure) {
        SpeciesSpec species = exposure
                ? scenario.findSpecies(scenario.metrics().drugSpecies()).orElse(null)
                : scenario.species().get(bad.field());
        if (species != null) {
            for (FloatRangeCheck.Excess excess : FloatRangeCheck.check(scenario, endTimeS)) {
                if (excess.what().startsWith(species.name())) {
                    return "overflow: " + excess.message() + ". Lower the value named there (a source may instead get decay or a saturation"
                            + " level), or shorten the run; 'stromasim validate' warns of this";
                }
            }
        }
        if (Float.isInfinite(bad.value())) {
            return "overflow: a value passed the float range (3.4e38); check rates and levels for values far"
                    + " beyond physiological ones";
        }
        return "NaN usually follows an overflow elsewhere (∞ − ∞) or a step too long for a fast reaction;"
                + " check rates and levels for values far beyond physiological ones and run.dt_s";
    }
}
