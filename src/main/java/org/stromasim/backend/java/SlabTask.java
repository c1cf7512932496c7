package org.stromasim.backend.java;

/** Work on the z-planes {@code kFrom ≤ k < kTo}; called once per slab per phase, never per voxel. */
@FunctionalInterface
interface SlabTask {
    void run(int kFrom, int kTo);
}
