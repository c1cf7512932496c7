package org.stromasim.batch;

/**
 * The seed of each replicate of a sweep. Replicate 0 keeps the scenario's own {@code run.seed}, so a
 * one-replicate sweep reproduces its base scenario exactly. Replicate r ≥ 1 uses
 * {@code splitmix64(baseSeed + r · 0x9E3779B97F4A7C15)}: the SplitMix64 output function (Steele, Lea
 * and Flood 2014, the seeding generator of {@code java.util.SplittableRandom}) applied to the base seed
 * advanced r times by its golden-ratio increment, which spreads neighbouring replicates over unrelated
 * seeds. The seed depends on the replicate only, not on the swept values: every parameter point of
 * replicate r is built on the same tissue (common random numbers), so differences between points are
 * the parameters' effect and not tissue noise.
 */
public final class SeedDerivation {

    /** The golden-ratio increment of SplitMix64, 2^64 / φ rounded to odd. */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedDerivation() {
    }

    public static long replicateSeed(long baseSeed, int replicate) {
        if (replicate < 0) {
            throw new IllegalArgumentException("replicate must be >= 0, got " + replicate);
        }
        return replicate == 0 ? baseSeed : mix(baseSeed + replicate * GOLDEN_GAMMA);
    }

    /** SplitMix64's output function (David Stafford's Mix13 variant of the MurmurHash3 finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
