package org.stromasim.tissue;

/**
 * What occupies a voxel. The byte codes are part of the snapshot format (field {@code cell}) and
 * must never be renumbered.
 */
public enum CellType {
    /** Interstitium / extracellular matrix without a resident cell. */
    ECM(0, "ecm"),
    /** Vessel lumen: blood, held at the plasma concentration; exchanges across its wall. */
    VESSEL(1, "vessel"),
    /** ER-positive cancer cells. */
    CANCER(2, "cancer"),
    /** Quiescent fibroblast. */
    FIBROBLAST(3, "fibroblast"),
    /** Cancer-associated (activated) fibroblast. */
    CAF(4, "caf"),
    /** Dead cells. */
    DEAD(5, "dead");

    private final byte code;
    private final String key;

    CellType(int code, String key) {
        this.code = (byte) code;
        this.key = key;
    }

    public byte code() {
        return code;
    }

    /** The name used in scenario files. */
    public String key() {
        return key;
    }

    public static CellType fromCode(int code) {
        for (CellType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown cell code " + code);
    }

    public static CellType fromKey(String key) {
        for (CellType t : values()) {
            if (t.key.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown cell type '" + key
                + "'; allowed: ecm, vessel, cancer, fibroblast, caf, dead");
    }

    public static final int COUNT = values().length;
}
