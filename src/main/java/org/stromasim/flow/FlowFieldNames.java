package org.stromasim.flow;

/** Snapshot names of the flow fields. The velocity components share a stem so viewers can join them into a vector. */
public final class FlowFieldNames {

    public static final String PRESSURE = "ifp_mmHg";
    /** Perfused fraction of each voxel's vessel wall (vessel compression). */
    public static final String PERFUSED = "perfused_vessel_fraction";
    /** Stem of the velocity components {@code darcy_velocity_x_um_per_s} etc. */
    public static final String VELOCITY_STEM = "darcy_velocity";
    public static final String VELOCITY_UNIT_SUFFIX = "_um_per_s";

    private FlowFieldNames() {
    }

    public static String velocity(int axis) {
        return VELOCITY_STEM + "_" + "xyz".charAt(axis) + VELOCITY_UNIT_SUFFIX;
    }
}
