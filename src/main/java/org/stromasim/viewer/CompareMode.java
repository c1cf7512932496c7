package org.stromasim.viewer;

import java.util.Arrays;
import java.util.Locale;

/** How a second run is shown next to the first, for the same field and time. */
public enum CompareMode {
    /** Only the first run. */
    NONE,
    /** Two panels with the same camera and the same colour scale. */
    SIDE_BY_SIDE,
    /** One panel of first − second, on a diverging map centred on zero. */
    DIFFERENCE;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CompareMode fromKey(String key) {
        for (CompareMode mode : values()) {
            if (mode.key().equalsIgnoreCase(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown compare mode '" + key + "' (allowed: "
                + Arrays.stream(values()).map(CompareMode::key).toList() + ")");
    }
}
