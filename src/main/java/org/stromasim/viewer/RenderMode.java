package org.stromasim.viewer;

import java.util.Arrays;
import java.util.Locale;

/** How the ray through the volume becomes a pixel (numbers are the shader's {@code mode}). */
public enum RenderMode {
    /** Front-to-back emission–absorption compositing: opacity and colour both follow the colour-bar position. */
    COMPOSITE(0),
    /** Maximum-intensity projection: the highest value along the ray. */
    MIP(1),
    /** The first surface where the field crosses the iso level, lit from the eye. */
    ISO(2);

    private final int shaderCode;

    RenderMode(int shaderCode) {
        this.shaderCode = shaderCode;
    }

    public int shaderCode() {
        return shaderCode;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public RenderMode next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public static RenderMode fromKey(String key) {
        for (RenderMode mode : values()) {
            if (mode.key().equalsIgnoreCase(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown render mode '" + key + "' (allowed: "
                + Arrays.stream(values()).map(RenderMode::key).toList() + ")");
    }
}
