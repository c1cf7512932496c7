package org.stromasim.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk names of the snapshot format: file names, root attributes, field datasets and their
 * units. Writer, reader, XDMF index and run directory all take their names from here, so the format
 * is described in exactly one place.
 */
public final class SnapshotLayout {

    /**
     * Version of the layout written by this code; readers refuse anything newer. 2: every field dataset
     * carries a CRC-32C checksum attribute ({@link SnapshotIntegrity}).
     */
    public static final int FORMAT_VERSION = 2;

    public static final String ATTR_FORMAT_VERSION = "format_version";
    public static final String ATTR_SOFTWARE_VERSION = "software_version";
    /** [nx, ny, nz], int32. */
    public static final String ATTR_GRID_DIMS = "grid_dims";
    public static final String ATTR_VOXEL_UM = "voxel_um";
    public static final String ATTR_TIME_S = "time_s";
    public static final String ATTR_STEP = "step";
    public static final String ATTR_SNAPSHOT_INDEX = "snapshot_index";
    public static final String ATTR_BACKEND = "backend";
    /** Full text of the resolved scenario YAML. */
    public static final String ATTR_SCENARIO = "scenario";
    public static final String ATTR_SCENARIO_NAME = "scenario_name";
    /**
     * Dataset (int8, UTF-8 bytes) holding the scenario text when it is too long for the {@code scenario}
     * attribute; exactly one of the two is present.
     */
    public static final String DATASET_SCENARIO_YAML = "scenario_yaml";
    /**
     * Longest scenario text (UTF-8 bytes) stored as an attribute. jhdf 0.13 keeps attributes in the
     * object header, whose messages are limited to 64 KiB; it writes an unreadable file beyond about
     * 50 KB (measured), so longer texts go to {@link #DATASET_SCENARIO_YAML}.
     */
    public static final int SCENARIO_ATTRIBUTE_MAX_BYTES = 32 * 1024;
    /** Species names in field order (the order of {@code Tissue.speciesNames()}). */
    public static final String ATTR_SPECIES = "species";

    /** Attribute on every field dataset. */
    public static final String ATTR_UNITS = "units";
    /** Attribute on the cell dataset spelling out the codes. */
    public static final String ATTR_DESCRIPTION = "description";

    public static final String FIELDS_GROUP = "fields";
    public static final String FIELD_CELL = "cell";
    public static final String FIELD_STIFFNESS = "stiffness_kpa";
    public static final String FIELD_VIABILITY = "viability";
    public static final String FIELD_VESSEL_DISTANCE = "vessel_distance_um";
    public static final String FIELD_DRUG_EXPOSURE = "drug_exposure";
    /**
     * The hyaluronan state (GAG volume fraction of the extracellular space), present only when the tissue has one
     * ({@code ecm.hyaluronan}); the composition's derived {@code gag_fraction} field repeats it.
     */
    public static final String FIELD_HYALURONAN = "hyaluronan_fraction";

    public static final String UNIT_KPA = "kPa";
    public static final String UNIT_DIMENSIONLESS = "1";
    public static final String UNIT_UM = "µm";

    private static final String PREFIX = "snap_";
    private static final String SUFFIX = ".h5";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Six digits, more only when a run has a million snapshots or more. */
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("snap_(\\d{6,})\\.h5");

    private SnapshotLayout() {
    }

    /** {@code snap_000042.h5} for ordinal 42. */
    public static String snapshotFileName(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("snapshot ordinal must be >= 0, got " + ordinal);
        }
        return PREFIX + String.format("%06d", ordinal) + SUFFIX;
    }

    /**
     * Temporary name a snapshot is written under before its atomic rename. Starts with a dot and
     * ends in {@code .tmp}, so it never matches {@link #snapshotOrdinal} and listing ignores it.
     */
    public static String tempFileName(String finalName) {
        return "." + finalName + TEMP_SUFFIX;
    }

    public static boolean isTempFileName(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
    }

    /** The ordinal of a complete snapshot file name, or -1 when the name is not one. */
    public static int snapshotOrdinal(String fileName) {
        Matcher m = SNAPSHOT_NAME.matcher(fileName);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }

    /**
     * Group of the split scheme's state that is not a voxel field of the tissue: written only by the
     * rebalanced RKL2 coupling (no longer offered), one float32 [nz][ny][nx] dataset per reacting
     * species named after it, the rebalancing term (units: the species' unit per second). Read back so
     * that a resume of such a snapshot is refused by the backend rather than run without it (viewers
     * ignore it: it is not under /fields).
     */
    public static final String SPLIT_STATE_GROUP = "split_state";
    public static final String SPLIT_STATE_DESCRIPTION = "rebalancing term of the rebalanced splitting (RKL2): the "
            + "constant rate added to diffusion and taken from the reactions; state of the split scheme, restored on resume";

    /** Path of a split-state dataset, e.g. {@code /split_state/drug}. */
    public static String splitStatePath(String species) {
        return "/" + SPLIT_STATE_GROUP + "/" + species;
    }

    /**
     * Group of the vessel wall built from the vessel segments (absent for a state given only as a
     * voxel mask): float32 [nz][ny][nx] datasets {@link #WALL_AREA_PER_VOLUME} (1/µm) and
     * {@link #VESSEL_VOLUME_FRACTION} (1). Fixed for a run; read back on resume so the resumed run
     * exchanges through the same wall. Not under /fields: it is geometry, not an evolving field.
     */
    public static final String VESSEL_WALL_GROUP = "vessel_wall";
    public static final String WALL_AREA_PER_VOLUME = "vessel_wall_area_per_volume_per_um";
    public static final String VESSEL_VOLUME_FRACTION = "vessel_volume_fraction";
    /**
     * Optional third dataset of the wall group: per voxel the plasma group (integer 0..127, as float32)
     * whose curves its lumen holds and its wall exchanges with; absent when every vessel carries the
     * species' own curves.
     */
    public static final String VESSEL_PLASMA_GROUP = "vessel_plasma_group";
    /** Distance from each wall voxel's centre to its vessel wall, µm (the series resistance of the exchange). */
    public static final String WALL_DISTANCE = "vessel_wall_distance_um";
    public static final String UNIT_PER_UM = "1/µm";

    /** Path of a vessel-wall dataset, e.g. {@code /vessel_wall/vessel_volume_fraction}. */
    public static String vesselWallPath(String name) {
        return "/" + VESSEL_WALL_GROUP + "/" + name;
    }

    /** Path of a field dataset inside a snapshot file, e.g. {@code /fields/drug}. */
    public static String fieldPath(String fieldName) {
        return "/" + FIELDS_GROUP + "/" + fieldName;
    }
}
