package org.stromasim.sim;

/**
 * Asks a running time loop to stop early (SIGTERM from a batch system, Ctrl-C). The loop polls it at
 * each chunk boundary, writes a snapshot of the state reached there and returns, so the run can be
 * resumed from that snapshot.
 */
@FunctionalInterface
public interface StopRequest {

    /** Never asks to stop. */
    StopRequest NEVER = () -> false;

    boolean isRequested();
}
