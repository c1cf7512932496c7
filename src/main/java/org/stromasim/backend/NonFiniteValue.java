package org.stromasim.backend;

import java.util.Optional;
import org.stromasim.tissue.Tissue;

/**
 * The first value of a state that is NaN or ±∞: a float field past its range holds +∞, and the next
 * update turns it into NaN (∞ − ∞), so either means the run has stopped computing numbers. Fields are
 * searched in the order species 0, 1, …, then the drug exposure; voxels in flat index order, so the
 * device search and the host scan name the same voxel.
 *
 * @param field index of the species, or the species count for the drug exposure
 * @param voxel flat voxel index ({@code Grid3D.index})
 * @param value the value found there (NaN, +∞ or −∞)
 */
public record NonFiniteValue(int field, int voxel, float value) {

    /** Whether this value is in the drug exposure rather than a concentration. */
    public boolean inExposure(Tissue state) {
        return field == state.speciesCount();
    }

    /** The first non-finite concentration or exposure value of {@code state} on the host, if any. */
    public static Optional<NonFiniteValue> firstIn(Tissue state) {
        int species = state.speciesCount();
        for (int f = 0; f <= species; f++) {
            float[] values = f < species ? state.concentration(f) : state.drugExposure();
            for (int v = 0; v < values.length; v++) {
                if (!Float.isFinite(values[v])) {
                    return Optional.of(new NonFiniteValue(f, v, values[v]));
                }
            }
        }
        return Optional.empty();
    }
}
