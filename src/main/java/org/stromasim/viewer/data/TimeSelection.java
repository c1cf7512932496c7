package org.stromasim.viewer.data;

import java.util.Locale;

/**
 * Which snapshot to show, as the user wrote it: {@code last}, {@code first}, a snapshot index
 * ({@code 3}) or a simulated time in seconds ({@code 600s} or {@code 600.0}; the nearest snapshot is
 * shown). A bare integer is an index because a run's snapshots are what the user sees listed.
 */
public sealed interface TimeSelection {

    /** The index of the chosen snapshot in {@code series}; out-of-range requests name the run's range. */
    int resolve(SnapshotSeries series);

    record Last() implements TimeSelection {
        @Override
        public int resolve(SnapshotSeries series) {
            return series.size() - 1;
        }
    }

    record Index(int index) implements TimeSelection {
        @Override
        public int resolve(SnapshotSeries series) {
            if (index < 0 || index >= series.size()) {
                throw new ViewerInputException("--time " + index + ": no snapshot with that index in " + series.source()
                        + " (allowed: 0.." + (series.size() - 1) + " or 'last'; times " + series.describeTimes() + ")");
            }
            return index;
        }
    }

    record Seconds(double timeS) implements TimeSelection {
        @Override
        public int resolve(SnapshotSeries series) {
            double first = series.get(0).timeS();
            double last = series.get(series.size() - 1).timeS();
            double halfGap = series.size() > 1 ? (last - first) / (series.size() - 1) / 2 : 0;
            if (timeS < first - halfGap || timeS > last + halfGap) {
                throw new ViewerInputException("--time " + Units.seconds(timeS) + ": outside the run's snapshots "
                        + series.describeTimes() + " in " + series.source());
            }
            return series.nearestIndex(timeS);
        }
    }

    /** Parses the {@code --time} value; a malformed value is refused with the accepted forms. */
    static TimeSelection parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("last")) {
            return new Last();
        }
        if (value.equals("first")) {
            return new Index(0);
        }
        try {
            if (value.endsWith("s")) {
                return new Seconds(Double.parseDouble(value.substring(0, value.length() - 1)));
            }
            if (value.matches("[+-]?\\d+")) {
                return new Index(Integer.parseInt(value));
            }
            return new Seconds(Double.parseDouble(value));
        } catch (NumberFormatException notANumber) {
            throw new ViewerInputException("--time '" + text + "' is not a time (allowed: last, first, a snapshot "
                    + "index such as 3, or seconds such as 600s or 600.0)");
        }
    }
}
