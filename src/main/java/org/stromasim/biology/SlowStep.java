package org.stromasim.biology;

import org.stromasim.scenario.BiologySpec.InterventionKind;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.TransportFields;

/**
 * One biology slow step over [startS, endS] of {@code processes} ({@link org.stromasim.backend.Backend#runSlowStep}).
 * A backend that keeps the state on the host applies it to the host arrays ({@link #apply}); a backend that keeps it
 * on a device runs the same step there from the numbers this record gives (the step index of the
 * random draws, the intervention strengths at the step midpoint) and then calls {@link #finishOnHost}.
 */
public record SlowStep(SlowProcesses processes, double startS, double endS, long index) {

    /**
     * A step on the base grid: the random-draw counter is t₁/base interval, so a resumed run continues
     * the sequence (every step of a fixed or adaptive clock ends on a distinct multiple of the base).
     */
    public SlowStep(SlowProcesses processes, double startS, double endS) {
        this(processes, startS, endS, Math.round(endS / processes.intervalS()));
    }

    /**
     * A step that ends off the base grid (the closing step of an adaptive run at its end or at a stop
     * request): its draws are numbered apart from every step on the grid, −1 − ⌊t₁/base⌋.
     */
    public static SlowStep closing(SlowProcesses processes, double startS, double endS) {
        return new SlowStep(processes, startS, endS, -1 - (long) Math.floor(endS / processes.intervalS()));
    }

    /**
     * Runs the step on the arrays of {@code state} (the host-side implementation) and sets the new matrix
     * state and interventions in {@code fields}, those of the backend that runs it.
     */
    public void apply(Tissue state, TransportFields fields) {
        processes.step(state, this, fields);
    }

    public double dtS() {
        return endS - startS;
    }

    /** Strength of {@code kind} over the step, 0..1 (taken at the step midpoint). */
    public double level(InterventionKind kind) {
        return processes.interventions().at(kind, 0.5 * (startS + endS));
    }

    /** LOX inhibitor and losartan together over the step (midpoint), 0..1 ({@link MatrixTreatment}). */
    public double collagenDepositionBlock() {
        return MatrixTreatment.collagenDepositionBlock(processes.interventions(), 0.5 * (startS + endS));
    }

    /** Matrix enzyme and collagenase together over the step (midpoint), 0..1 ({@link MatrixTreatment}). */
    public double collagenDegradation() {
        return MatrixTreatment.collagenDegradation(processes.interventions(), 0.5 * (startS + endS));
    }

    /**
     * The host side of a step a device ran, in the device backend's {@code fields}: the compressed vessel
     * wall of the new stiffness and hyaluronan, and the interventions of the next interval that the transport
     * reads (the MCT1 inhibition of the cancer cells' lactate uptake). The device has already written the
     * diffusivity (see {@link TransportFields#acceptDeviceDiffusivity}); {@code host} holds its new stiffness
     * and cells.
     */
    public void finishOnHost(Tissue host, TransportFields fields) {
        if (dtS() > 0) {
            processes.recompressAfterDeviceStep(host, fields);
        }
        processes.applyInterventionsAt(endS, fields);
    }
}
