package org.stromasim.backend.java;

/**
 * Which row loops the explicit Java step runs: the Vector API loops of {@link VectorRows} when the
 * incubator module {@code jdk.incubator.vector} is in the boot layer (JVM option
 * {@code --add-modules jdk.incubator.vector}), else the scalar loops of {@link InPlaceSweep}. Both
 * compute the same numbers bit for bit (the same model, not a fallback to a different one);
 * {@link JavaBackend#description()} says which runs. This class must not reference the incubator
 * classes itself, so that it loads without the module.
 */
final class RowKernels {

    private RowKernels() {
    }

    /** True when {@code jdk.incubator.vector} was added to the boot layer at JVM start. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** "vectorised, 8 float lanes (256-bit, capped; CPU offers 512)" or "scalar", for the backend's description. */
    static String describe(boolean vectorised) {
        return vectorised ? "vectorised, " + VectorRows.lanes() + " float lanes (" + VectorRows.widthReason() + ")"
                : "scalar";
    }
}
