package org.stromasim.sim;

/** A progress listener that remembers the simulated time the run has reached, for stop requests in tests. */
final class ReachedTime implements ProgressListener {

    private volatile double timeS;

    /** Simulated time reached so far, s. */
    double timeS() {
        return timeS;
    }

    @Override
    public void advanced(double timeS, long steps) {
        this.timeS = timeS;
    }

    @Override
    public void close() {
    }
}
