package org.stromasim.sim;

/** Told about the progress of the time loop (a progress bar, or nothing). */
public interface ProgressListener extends AutoCloseable {

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void advanced(double timeS, long steps) {
        }

        @Override
        public void close() {
        }
    };

    /** Simulated time reached and steps taken so far. */
    void advanced(double timeS, long steps);

    @Override
    void close();
}
