package org.stromasim.viewer;

import java.util.Locale;
import org.stromasim.viewer.data.ViewerInputException;

/**
 * An opaque axis-aligned plane that shows the field's colours where it cuts the box; the volume in
 * front of it is still drawn.
 *
 * @param axis     -1 for no plane, 0/1/2 for a plane normal to x/y/z
 * @param position where along the axis, as a fraction of the box in [0, 1]
 */
public record SlicePlane(int axis, double position) {

    public static final SlicePlane NONE = new SlicePlane(-1, 0.5);

    public SlicePlane {
        if (axis < -1 || axis > 2) {
            throw new ViewerInputException("slice axis " + axis + " must be -1 (none), 0 (x), 1 (y) or 2 (z)");
        }
        if (!(position >= 0 && position <= 1)) {
            throw new ViewerInputException("slice position " + position + " must be a fraction of the box in [0, 1]");
        }
    }

    /** Parses {@code --slice x=0.5} (axis x, y or z, position as a fraction of the box). */
    public static SlicePlane parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.length() < 3 || value.charAt(1) != '=' || "xyz".indexOf(value.charAt(0)) < 0) {
            throw new ViewerInputException("--slice '" + text + "' must be AXIS=FRACTION with AXIS x, y or z, e.g. z=0.5");
        }
        try {
            return new SlicePlane("xyz".indexOf(value.charAt(0)), Double.parseDouble(value.substring(2)));
        } catch (NumberFormatException notANumber) {
            throw new ViewerInputException("--slice '" + text + "': '" + value.substring(2) + "' is not a number");
        }
    }

    public boolean shown() {
        return axis >= 0;
    }

    public SlicePlane movedBy(double delta) {
        return new SlicePlane(axis, Math.max(0, Math.min(1, position + delta)));
    }

    /** The next axis in the cycle none → x → y → z → none. */
    public SlicePlane nextAxis() {
        return new SlicePlane(axis == 2 ? -1 : axis + 1, position);
    }
}
