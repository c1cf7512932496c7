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

    /**
     * A simulated time for a caption in the unit people think of it in: seconds below 2 minutes, minutes
     * below 2 hours, hours beyond, the seconds after it for matching with metrics.csv: "10 min (600 s)".
     */
    public static String clock(double timeS) {
        if (Math.abs(timeS) < 120) {
            return seconds(timeS);
        }
        String inSeconds = " (" + String.format(Locale.ROOT, "%.0f", timeS) + " s)";
        return Math.abs(timeS) < 7200 ? compact(timeS / 60) + " min" + inSeconds : compact(timeS / 3600) + " h" + inSeconds;
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
