package org.stromasim.backend;

import org.stromasim.backend.java.JavaBackend;
import org.stromasim.transport.TransportModel;

/**
 * Picks and builds the backend for a run. Today the pure-Java backend is the only one built in, so
 * {@code auto} resolves to it; the OpenCL backend (issue 3) joins here and {@code auto} will prefer a
 * GPU, then an OpenCL CPU device, then Java, saying which.
 */
public final class BackendFactory {

    private BackendFactory() {
    }

    /**
     * @param threads worker threads for the Java backend; 0 = one per available processor
     */
    public static Backend create(BackendChoice choice, TransportModel model, int threads) {
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return switch (choice) {
            case AUTO, JAVA -> new JavaBackend(model, workers);
        };
    }
}
