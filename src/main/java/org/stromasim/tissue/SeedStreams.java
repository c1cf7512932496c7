package org.stromasim.tissue;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the run seed, one per feature of tissue building, so that
 * changing one feature (say, adding a vessel) does not reshuffle the random numbers of another (the
 * stiffness texture, fibroblast placement, the other vessels).
 *
 * <p>Each stream is seeded by a bijective 64-bit mix of (run seed, feature, index), not by splitting one
 * generator in sequence: splitting would make a stream depend on how many were split before it.
 */
public final class SeedStreams {

    /** What a stream is used for; the tag is part of the derivation and must never change. */
    public enum Purpose {
        STIFFNESS_TEXTURE(0x7E47_0001L),
        FIBROBLAST_PLACEMENT(0xF1B0_0002L),
        VESSEL_WALK(0x7E55_0003L);

        private final long tag;

        Purpose(long tag) {
            this.tag = tag;
        }
    }

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private SeedStreams() {
    }

    /** The stream for a purpose; {@code index} tells apart several users of one purpose (vessel number). */
    public static SplittableRandom stream(long runSeed, Purpose purpose, long index) {
        long h = mix64(runSeed);
        h = mix64(h ^ purpose.tag * GOLDEN_GAMMA);
        h = mix64(h + (index + 1) * GOLDEN_GAMMA);
        return new SplittableRandom(h);
    }

    public static SplittableRandom stream(long runSeed, Purpose purpose) {
        return stream(runSeed, purpose, 0);
    }

    /** Stafford's "variant 13" finaliser (as in SplitMix64): a bijection with good avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
