package org.stromasim.backend;

import java.util.Optional;
import org.stromasim.biology.SlowStep;
import org.stromasim.metrics.ReductionPlan;
import org.stromasim.metrics.StateReductions;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportFields;

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
     * Whether {@link #reduce} computes the metric sums where the state lives. Asked before a metrics
     * interval (and before the step control decides whether its pilot may stand in for the run): when
     * false, the caller downloads the state and reduces it on the host.
     */
    boolean reducesOnDevice();

    /**
     * The metric sums of the current state reduced where the state lives, so that a metrics interval
     * reads back a few numbers instead of the grid. Only for a backend whose {@link #reducesOnDevice} is
     * true; the default has no such reduction and refuses.
     * {@code host} is the host copy whose cells and vessel distances {@code plan} was built from: a
     * device builds the plan's index lists from it when the plan is new ({@link ReductionPlan#buildSegments}).
     */
    default StateReductions reduce(ReductionPlan plan, Tissue host) {
        throw new UnsupportedOperationException(description() + " does not reduce where the state lives; ask reducesOnDevice() first");
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
     * Runs {@code update} (host code, e.g. a convection step) on the current state, then continues from
     * the updated state. {@code host} is the host copy; it holds the updated state afterwards.
     */
    void updateState(Tissue host, StateUpdate update);

    /**
     * Runs the biology slow step {@code step} where the state lives, then continues from the updated
     * state (new cell codes, viability and stiffness take effect at the next {@link #advance}).
     * {@code host} is the host copy; it holds the new cells, stiffness and viability afterwards. A
     * separate method from {@link #updateState} because a device backend runs the slow step in its own
     * kernels rather than as host code. A device backend compiled for a model without biology has no
     * such kernels and refuses.
     */
    void runSlowStep(Tissue host, SlowStep step);

    /**
     * The live transport fields this backend runs with (diffusivity, vessel wall, uptake scales), made from
     * its model when it was built and owned by it: the slow step, the step control and convection change
     * and read them here. On a device backend they are the host copy of its device buffers.
     */
    TransportFields fields();

    /** Releases threads and device memory. Never throws a checked exception. */
    @Override
    void close();
}
