package org.stromasim.sim;

/**
 * A stop request reached step control while it was piloting: the pilot left the backend holding the
 * window's start state again, no step was chosen, and the run stops at the window start.
 */
final class PilotStopped extends RuntimeException {

    PilotStopped() {
        super("stop requested while step control was piloting", null, false, false);
    }
}
