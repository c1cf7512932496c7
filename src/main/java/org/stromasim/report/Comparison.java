package org.stromasim.report;

import java.util.Locale;

/**
 * One read-out of two runs said in words: "net suppression in cancer voxels at the end: 62.0 % vs 48.0 %,
 * 14.0 percentage points lower in b", "mean IFP in cancer voxels: 18.2 mmHg vs 9.1 mmHg, 9.1 mmHg
 * (50 %) lower in b". A difference too small to show at the printed precision reads "the same in both
 * runs"; a value missing in either run says so instead of a difference.
 */
final class Comparison {

    private Comparison() {
    }

    /** Fractions 0..1, shown in per cent; their difference in percentage points (one decimal). */
    static String fractions(String label, double a, double b, String secondName) {
        String shownA = percent(a);
        String shownB = percent(b);
        String head = label + ": " + shownA + " vs " + shownB;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return head + ", no difference can be given";
        }
        double points = 100 * (b - a);
        if (shownA.equals(shownB)) {
            return head + ", the same in both runs";
        }
        return head + ", " + String.format(Locale.ROOT, "%.1f", Math.abs(points)) + " percentage points "
                + (points > 0 ? "higher" : "lower") + " in " + secondName;
    }

    /** Values with a unit (three significant digits); the difference also as a share of the first run's. */
    static String values(String label, double a, double b, String unit, String secondName) {
        String shownA = value(a, unit);
        String shownB = value(b, unit);
        String head = label + ": " + shownA + " vs " + shownB;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return head + ", no difference can be given";
        }
        if (shownA.equals(shownB)) {
            return head + ", the same in both runs";
        }
        double d = b - a;
        String share = a != 0 ? " (" + Headline.number3(100 * Math.abs(d) / Math.abs(a)) + " %)" : "";
        return head + ", " + value(Math.abs(d), unit) + share + " " + (d > 0 ? "higher" : "lower") + " in " + secondName;
    }

    /** Two times to steady state: "2.8 d vs 4.1 d, 1.3 d later in b"; "not reached" on either side said as such. */
    static String settling(String label, SteadyState a, SteadyState b, String secondName) {
        String head = label + ": " + a.text() + " vs " + b.text();
        if (a.reached() && b.reached()) {
            double d = b.settledS() - a.settledS();
            if (SteadyState.duration(a.settledS()).equals(SteadyState.duration(b.settledS()))) {
                return head + ", the same in both runs";
            }
            return head + ", " + SteadyState.duration(Math.abs(d)) + " " + (d > 0 ? "later" : "earlier") + " in "
                    + secondName;
        }
        if (a.reached() != b.reached()) {
            return head + ", reached only in " + (b.reached() ? secondName : "the first run");
        }
        return head;
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", 100 * fraction) : "n/a";
    }

    static String value(double v, String unit) {
        return Double.isFinite(v) ? Headline.number3(v) + " " + unit : "n/a";
    }
}
