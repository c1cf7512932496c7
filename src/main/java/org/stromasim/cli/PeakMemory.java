package org.stromasim.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM's peak heap use so far: the sum over heap pools of each pool's peak. Pools peak at
 * different moments, so this is an upper bound of the true peak — the safe side for a memory claim.
 */
final class PeakMemory {

    private PeakMemory() {
    }

    static long heapBytesUpperBound() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
