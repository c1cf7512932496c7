package org.stromasim.grid;

/** The six faces of the box-shaped domain, named as they appear in scenario files. */
public enum Face {
    X_MIN("x_min", 0, -1), X_MAX("x_max", 0, +1),
    Y_MIN("y_min", 1, -1), Y_MAX("y_max", 1, +1),
    Z_MIN("z_min", 2, -1), Z_MAX("z_max", 2, +1);

    private final String key;
    private final int axis;
    private final int side;

    Face(String key, int axis, int side) {
        this.key = key;
        this.axis = axis;
        this.side = side;
    }

    /** The key used in scenario files, e.g. {@code x_min}. */
    public String key() {
        return key;
    }

    /** 0 for x, 1 for y, 2 for z. */
    public int axis() {
        return axis;
    }

    /** -1 for the low face, +1 for the high face. */
    public int side() {
        return side;
    }

    public Face opposite() {
        return values()[ordinal() ^ 1];
    }

    public static Face fromKey(String key) {
        for (Face f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown face '" + key + "'; allowed: x_min, x_max, y_min, y_max, z_min, z_max");
    }
}
