package org.stromasim.sim;

/**
 * A run stopped because its state held NaN or ±∞ ({@link NonFiniteGuard}): nothing computed from then
 * on means anything, so nothing of it is written. The message names the species, time, first bad voxel
 * and the likely cause; earlier outputs are intact and the last good snapshot is named.
 */
public final class NonFiniteStateException extends RuntimeException {

    public NonFiniteStateException(String message) {
        super(message);
    }
}
