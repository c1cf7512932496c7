package org.stromasim.scenario;

/**
 * Hyaluronan (the GAG of the fibre_matrix composition) as a per-voxel state of the slow clock (YAML
 * {@code ecm.hyaluronan}; biology.HyaluronanTurnover): each voxel's GAG fraction φ starts at its cell type's
 * {@code gag_fraction} φ_b and follows dφ/dt = k_t·φ_b·(1 − losartan) − (k_t + k_h·hyaluronidase)·φ.
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
