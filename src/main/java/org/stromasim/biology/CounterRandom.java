package org.stromasim.biology;

/**
 * Counter-based random numbers: a uniform number in [0, 1) that is a pure function of (seed, voxel,
 * slow step), made by chaining the SplitMix64 finaliser (Steele, Lea & Flood 2014, as in
 * java.util.SplittableRandom). No generator state exists, so a draw does not depend on the backend,
 * the thread count, the order voxels are visited in, or where a run was resumed, and snapshots need
 * no RNG state.
 */
public final class CounterRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public static double uniform(long seed, long voxel, long step) {
        long z = mix(mix(mix(seed + GOLDEN_GAMMA) + voxel * GOLDEN_GAMMA) + step);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser (a bijection of 64-bit words with good avalanche). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
