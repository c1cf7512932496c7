package org.stromasim.backend;

import java.util.Optional;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.tissue.Tissue;

/**
 * Executes the transport and reaction numerics of a compiled model on some device. State lives in the
 * backend between {@link #upload} and {@link #download}; the host reads it back only for snapshots and
 * metrics. Implementations: {@code JavaBackend} (reference, multi-threaded CPU), and {@code OpenClBackend} (OpenCL
 * devices through JOCL).
 */
public interface Backend extends AutoCloseable {

    /** Human-readable description of what runs the numerics, e.g. "java (2 threads)". */
    String description();

    /**
     * Loads the full state into the backend. Must be called before {@link #advance}. A backend may
     * copy the state (OpenCL) or work in its arrays in place until the next upload (the Java backend,
     * to save memory): so until then the caller changes {@code state} only through
     * {@link #updateState} and reads it only after {@link #download}.
     */
    void upload(Tissue state);

    /**
     * Advances the state by {@code steps} steps of {@code dtS} seconds, starting at simulated time
     * {@code startTimeS} (plasma curves are evaluated at the right times inside).
     */
    void advance(double startTimeS, double dtS, int steps);

    /**
     * Makes {@code state} (same grid and species as uploaded) hold the current state: copied back, or,
     * where {@code state} is the one the backend works in, completed in place (e.g. the drug
     * exposure's compensation folded into the float field).
     */
    void download(Tissue state);

    /**
     * The metric sums of the current state reduced where the state lives, so that a metrics interval
     * reads back a few numbers instead of the grid; empty when this backend has no such reduction
     * (the caller then downloads the state and reduces on the host). The default has none.
     * {@code host} is the host copy whose cells and vessel distances {@code plan} was built from: a
     * device builds the plan's index lists from it when the plan is new ({@link ReductionPlan#buildSegments}).
     */
    default Optional<StateReductions> reduce(ReductionPlan plan, Tissue host) {
        return Optional.empty();
    }

    /**
     * The first NaN or ±∞ in the current concentrations or drug exposure ({@link NonFiniteValue}), found
     * where the state lives. The default downloads the state into {@code host} and scans it there; a
     * backend that keeps the state on a device searches it there instead, so a metrics interval that is
     * reduced on the device does not download the grid to learn that it is intact.
     */
    default Optional<NonFiniteValue> firstNonFinite(Tissue host) {
        download(host);
        return NonFiniteValue.firstIn(host);
    }

    /**
     * Runs {@code update} on the current state where it lives, then continues from the updated state
     * (new cell codes, viability and stiffness take effect at the next {@link #advance}). {@code host}
     * is the host copy; it holds the updated state afterwards. The default refuses: a backend that
     * cannot run the slow step must never silently run a different model.
     */
    default void updateState(Tissue host, StateUpdate update) {
        throw new UnsupportedOperationException(description() + " cannot run the biology slow step; use --backend java");
    }

    /** Releases threads and device memory. Never throws a checked exception. */
    @Override
    void close();
}
