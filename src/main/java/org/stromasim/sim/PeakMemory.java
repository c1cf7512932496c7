package org.stromasim.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM's peak heap use so far: the sum over heap pools of each pool's peak. Pools peak at
 * different moments, and a pool's peak counts garbage not yet collected, so this is an upper bound of
 * the peak live heap that depends on the heap size the JVM chose — the safe side for a memory claim.
 * The live figure the memory target is measured in (largest heap after a full collection) comes from
 * {@code benchmarks/peak-heap.sh}; the state bytes here are the same ({@code Tissue.stateBytes}).
 */
public final class PeakMemory {

    private PeakMemory() {
    }

    /** Below this, the JVM's baseline (~100 MiB) swamps the state in the heap figure. */
    private static final long MEANINGFUL_STATE_BYTES = 64L << 20;

    static long heapBytesUpperBound() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Peak heap against the bytes of the state fields (the figure the memory budget is stated in).
     * On small grids the JVM's own baseline dominates the heap, so the ratio is given only when the
     * state is large enough for it to say something about the simulator.
     */
    public static String report(long stateBytes) {
        long peak = heapBytesUpperBound();
        String ratio = stateBytes >= MEANINGFUL_STATE_BYTES ? String.format(" (%.2f×)", peak / (double) stateBytes) : "";
        return String.format("memory: peak JVM heap ≤ %.1f MiB for %.1f MiB of state fields%s",
                peak / (double) (1L << 20), stateBytes / (double) (1L << 20), ratio);
    }
}
