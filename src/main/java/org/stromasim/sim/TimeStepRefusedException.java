package org.stromasim.sim;

/**
 * A time step the compiled model refuses (unstable explicit step, too many RKL2 stages, or so many
 * steps per output interval that their count overflows), with the scenario key that decides it, so the
 * command can name where that key is written ({@code org.stromasim.scenario.KeyLocator}).
 */
public final class TimeStepRefusedException extends IllegalArgumentException {

    private final String keyPath;

    public TimeStepRefusedException(String keyPath, String message, Throwable cause) {
        super(message, cause);
        this.keyPath = keyPath;
    }

    /** The key to change, e.g. {@code run.dt_s} or {@code species[drug].d0_um2_per_s}. */
    public String keyPath() {
        return keyPath;
    }
}
