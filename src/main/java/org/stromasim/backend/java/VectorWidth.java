package org.stromasim.backend.java;

import java.util.Locale;

/**
 * How many bits wide the Java backend's float vectors are. Not simply the widest shape the CPU offers:
 * with 512-bit vectors (16 float lanes on AVX-512) the explicit step measured several times slower than
 * with 256-bit vectors on the same CPU, and slower than the scalar loops (benchmarks/README.md, "Vector
 * lanes"). So the default caps the width at 256 bits; the system property
 * {@value #PROPERTY} ({@code 128}, {@code 256}, {@code 512} or {@code preferred}) overrides it, for
 * example through {@code STROMASIM_JAVA_OPTS="-Dstromasim.vectorBits=512"}.
 *
 * <p>This class must not reference the incubator classes, so that it loads without the module.
 */
public final class VectorWidth {

    /** System property that overrides the default cap. */
    public static final String PROPERTY = "stromasim.vectorBits";
    /** The default cap on the vector width, in bits. */
    static final int DEFAULT_CAP_BITS = 256;

    private VectorWidth() {
    }

    /**
     * The vector width to use, in bits, for a CPU whose widest float vector is {@code preferredBits}
     * and a request of {@code requested} (the property's value, or null for the default): never wider
     * than the CPU's widest shape.
     *
     * @throws IllegalArgumentException naming the property and the allowed values when the request is not
     *         one of them
     */
    static int chooseBits(int preferredBits, String requested) {
        if (requested == null || requested.isBlank()) {
            return Math.min(preferredBits, DEFAULT_CAP_BITS);
        }
        String value = requested.trim().toLowerCase(Locale.ROOT);
        if (value.equals("preferred")) {
            return preferredBits;
        }
        int bits;
        try {
            bits = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested
                    + " is not a vector width; allowed: 128, 256, 512 or preferred");
        }
        return Math.min(preferredBits, bits);
    }

    /**
     * Refuses a request that is not a width, before any vector class loads (a bad value would otherwise
     * surface as a class-initialisation error).
     */
    static void checkRequest(String requested) {
        chooseBits(512, requested);
    }

    /** Why the chosen width is what it is, for the backend's description, e.g. "256-bit, capped; CPU offers 512". */
    static String reason(int chosenBits, int preferredBits, String requested) {
        boolean explicit = requested != null && !requested.isBlank();
        if (chosenBits == preferredBits) {
            return chosenBits + "-bit" + (explicit ? ", -D" + PROPERTY + "=" + requested.trim() : ", the CPU's widest");
        }
        return chosenBits + "-bit, " + (explicit ? "-D" + PROPERTY + "=" + requested.trim() : "capped")
                + "; CPU offers " + preferredBits;
    }
}
