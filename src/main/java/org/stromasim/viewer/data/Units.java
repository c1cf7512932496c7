package org.stromasim.viewer.data;

import java.util.Locale;

/** Short number formats for messages and the on-screen labels. */
public final class Units {

    private Units() {
    }

    /** "600 s", "12.5 s". */
    public static String seconds(double timeS) {
        return compact(timeS) + " s";
    }

    /** A simulated time for a caption: seconds, and from 2 minutes on also minutes or hours, "600 s (10 min)". */
    public static String clock(double timeS) {
        if (Math.abs(timeS) < 120) {
            return seconds(timeS);
        }
        return seconds(timeS) + (Math.abs(timeS) < 7200 ? " (" + compact(timeS / 60) + " min)"
                : " (" + compact(timeS / 3600) + " h)");
    }

    /** A number in at most four significant digits, without trailing zeros; scientific when far from 1. */
    public static String compact(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e5 || magnitude < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", value).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        if (text.contains(".") && !text.contains("e")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }
}
