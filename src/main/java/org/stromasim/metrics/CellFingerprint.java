package org.stromasim.metrics;

import java.util.Arrays;

/**
 * A compact stand-in for a cell field, to tell whether the cells changed since a reduction plan was built
 * without keeping a copy of the field (a byte per voxel, which a run's peak heap cannot spare): the
 * count of every cell code and a 64-bit hash of the whole field. The slow step changes cells one way
 * only (fibroblast → CAF, cancer → dead), so any change it makes alters the counts; the hash catches
 * any other change but for a 2⁻⁶⁴ chance.
 */
record CellFingerprint(long[] countByCode, long hash) {

    static CellFingerprint of(byte[] cell) {
        long[] counts = new long[256];
        long h = 0x9E3779B97F4A7C15L;
        for (int v = 0; v < cell.length; v++) {
            int code = cell[v] & 0xFF;
            counts[code]++;
            h = mix(h ^ ((long) v << 8 | code));
        }
        return new CellFingerprint(counts, h);
    }

    /** The SplitMix64 finaliser: a bijection on 64 bits that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CellFingerprint f && f.hash == hash && Arrays.equals(f.countByCode, countByCode);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }
}
