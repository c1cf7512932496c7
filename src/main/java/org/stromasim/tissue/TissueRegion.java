package org.stromasim.tissue;

/**
 * The anatomical region of a voxel, used to pick its baseline stiffness and fibroblast density and
 * by metrics that compare stroma with tumour. Codes are stable (they may be written to files).
 */
public enum TissueRegion {
    /** Interstitium away from tumour nests. */
    NORMAL(0),
    /** The fibrotic shell around a tumour nest. */
    STROMA(1),
    /** Inside a tumour nest. */
    TUMOUR(2),
    /** Vessel lumen (vessels overwrite every other region). */
    VESSEL(3);

    private final byte code;

    TissueRegion(int code) {
        this.code = (byte) code;
    }

    public byte code() {
        return code;
    }

    public static TissueRegion fromCode(int code) {
        for (TissueRegion r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown tissue region code " + code + "; allowed 0..3");
    }
}
