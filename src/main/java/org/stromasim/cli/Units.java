package org.stromasim.cli;

/** Formatting of physical quantities for people. */
final class Units {

    private Units() {
    }

    /** 90 → "90 s", 5400 → "1.5 h (5400 s)". */
    static String formatDuration(double seconds) {
        if (seconds < 120) {
            return String.format("%.4g s", seconds);
        }
        if (seconds < 7200) {
            return String.format("%.4g min (%.6g s)", seconds / 60, seconds);
        }
        return String.format("%.4g h (%.6g s)", seconds / 3600, seconds);
    }

    /** Bytes as MiB or GiB. */
    static String formatBytes(long bytes) {
        if (bytes < (1L << 30)) {
            return String.format("%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format("%.2f GiB", bytes / (double) (1L << 30));
    }
}
