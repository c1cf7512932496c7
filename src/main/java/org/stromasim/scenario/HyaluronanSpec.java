package org.stromasim.scenario;

/**
 * Hyaluronan (the GAG of the fibre_matrix composition) as a state of the slow clock (YAML {@code ecm.hyaluronan}).
 * The GAG level g multiplies every cell type's {@code gag_fraction}; it starts at 1 and follows
 * dg/dt = k_t·((1 − losartan) − g) − k_h·(hyaluronidase)·g: synthesis balances turnover at g = 1, losartan lowers
 * synthesis, hyaluronidase adds first-order degradation.
 *
 * @param turnoverPerS      k_t, the first-order turnover rate of tissue hyaluronan, 1/s
 * @param hyaluronidasePerS k_h, the degradation rate at hyaluronidase strength 1, 1/s
 */
public record HyaluronanSpec(double turnoverPerS, double hyaluronidasePerS) {

    public HyaluronanSpec {
        if (!(turnoverPerS >= 0) || !Double.isFinite(turnoverPerS)) {
            throw new IllegalArgumentException("turnover_per_s must be a finite number >= 0, got " + turnoverPerS);
        }
        if (!(hyaluronidasePerS >= 0) || !Double.isFinite(hyaluronidasePerS)) {
            throw new IllegalArgumentException("hyaluronidase_per_s must be a finite number >= 0, got " + hyaluronidasePerS);
        }
    }
}
