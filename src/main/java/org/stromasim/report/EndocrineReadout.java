package org.stromasim.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.metrics.DepthProfiles;
import org.stromasim.metrics.PenetrationProfile;

/**
 * The endocrine read-outs of a run with {@code biology.endocrine}, over living cancer voxels: when ER
 * occupancy and signalling suppression settle ({@link SteadyState}, from metrics.csv), and ER occupancy
 * and net suppression against depth below the tumour boundary (from the newest snapshot's
 * {@code er_occupancy} and {@code er_net_suppression}, in the drug's depth shells).
 *
 * @param occupancySettles    steady state of the mean ER occupancy
 * @param suppressionSettles  steady state of the mean fraction of ER signalling suppressed
 * @param netSettles          steady state of the mean net suppression (after the IL-6 bypass)
 * @param occupancyByDepth    mean occupancy per depth shell; null when the snapshot has no such field
 * @param netByDepth          mean net suppression per depth shell; null likewise
 */
public record EndocrineReadout(SteadyState occupancySettles, SteadyState suppressionSettles, SteadyState netSettles,
                               PenetrationProfile occupancyByDepth, PenetrationProfile netByDepth) {

    public static final String OCCUPANCY = "cancer_mean_er_occupancy";
    public static final String SUPPRESSION = "cancer_mean_er_suppression";
    public static final String NET_SUPPRESSION = "cancer_mean_net_suppression";
    public static final String UNDER_SUPPRESSED = "cancer_under_suppressed_fraction";
    /** The courses whose steady state the report gives (and marks on their time-course panels). */
    public static final java.util.Set<String> SETTLING_COLUMNS = java.util.Set.of(OCCUPANCY, SUPPRESSION, NET_SUPPRESSION);
    /** The resistance read-out's own figure (ReportPlots.ENDOCRINE_TIME_COURSES). */
    public static final java.util.Set<String> TIME_COURSE_COLUMNS = java.util.Set.of(OCCUPANCY, SUPPRESSION,
            NET_SUPPRESSION, UNDER_SUPPRESSED);
    public static final String OCCUPANCY_FIELD = "er_occupancy";
    public static final String NET_SUPPRESSION_FIELD = "er_net_suppression";
    /** At most this many depth rows are printed (every k-th shell and the deepest). */
    static final int MAX_DEPTH_ROWS = 10;

    /** The read-outs of {@code run}; null when its metrics carry no endocrine columns. */
    public static EndocrineReadout of(RunData run) throws IOException {
        MetricsTable m = run.metrics();
        if (!m.has(NET_SUPPRESSION)) {
            return null;
        }
        double[] t = m.series("time_s");
        float[] occupancy = run.derivedField(OCCUPANCY_FIELD);
        float[] net = run.derivedField(NET_SUPPRESSION_FIELD);
        var tissue = run.lastSnapshot().tissue();
        return new EndocrineReadout(SteadyState.of(t, m.series(OCCUPANCY)), SteadyState.of(t, m.series(SUPPRESSION)),
                SteadyState.of(t, m.series(NET_SUPPRESSION)),
                occupancy == null ? null : DepthProfiles.overLivingCancer(tissue, occupancy),
                net == null ? null : DepthProfiles.overLivingCancer(tissue, net));
    }

    /** The single-run section of the report. */
    void print(PrintWriter out, RunData run) {
        out.printf("endocrine read-outs, living cancer voxels (steady: from when the mean stays within ±%d %% of its "
                + "whole change around its last value, held over at least the last %d %% of the run):%n",
                Math.round(100 * SteadyState.BAND), Math.round(100 * SteadyState.MIN_HOLD));
        settling(out, "ER occupancy by antagonists", occupancySettles);
        settling(out, "ER signalling suppressed", suppressionSettles);
        settling(out, "net suppression (after IL-6)", netSettles);
        if (occupancyByDepth == null || netByDepth == null) {
            out.println("  by depth: the newest snapshot has no er_occupancy/er_net_suppression fields");
            return;
        }
        out.printf("  by depth below the tumour rim shell, newest snapshot (t = %s):%n",
                SteadyState.duration(run.lastSnapshot().info().timeS()));
        out.printf("    %-12s %-14s %-17s %s%n", "depth (µm)", "ER occupancy", "net suppression", "cancer voxels");
        for (int b : depthRows(netByDepth, null)) {
            out.printf("    %-12s %-14s %-17s %d%n", Headline.number3(depthUm(netByDepth, b)),
                    Comparison.percent(occupancyByDepth.meanInShell(b)), Comparison.percent(netByDepth.meanInShell(b)),
                    netByDepth.voxelsInShell(b));
        }
    }

    private static void settling(PrintWriter out, String label, SteadyState s) {
        String when = s.reached() ? "steady after " + s.text() : "steady state " + s.text();
        out.printf("    %-30s %-72s last %s%n", label, when, Comparison.percent(s.lastValue()));
    }

    /** The comparison section: the second run against the first, in words. */
    static void printComparison(PrintWriter out, EndocrineReadout a, EndocrineReadout b, String secondName) {
        out.println("  endocrine read-outs, living cancer voxels:");
        out.println("    " + Comparison.fractions("net suppression at the end", a.netSettles.lastValue(),
                b.netSettles.lastValue(), secondName));
        out.println("    " + Comparison.fractions("ER occupancy at the end", a.occupancySettles.lastValue(),
                b.occupancySettles.lastValue(), secondName));
        out.println("    " + Comparison.settling("time to steady state of the net suppression", a.netSettles,
                b.netSettles, secondName));
        out.println("    " + Comparison.settling("time to steady state of the ER occupancy", a.occupancySettles,
                b.occupancySettles, secondName));
        if (a.netByDepth == null || b.netByDepth == null) {
            return;
        }
        out.println("    net suppression by depth below the tumour rim shell (newest snapshots):");
        for (int s : depthRows(a.netByDepth, b.netByDepth)) {
            out.println("      " + Comparison.fractions("at " + Headline.number3(depthUm(a.netByDepth, s)) + " µm",
                    a.netByDepth.meanInShell(s), b.netByDepth.meanInShell(s), secondName));
        }
    }

    /** Depth of shell b's centre beyond the first shell's, µm, as the depth profiles draw it. */
    static double depthUm(PenetrationProfile p, int shell) {
        return p.shellCentreUm(shell) - p.shellCentreUm(0);
    }

    /**
     * The shells to print: those with living cancer voxels (in both profiles when two are given), every
     * k-th so that at most {@link #MAX_DEPTH_ROWS} remain, always with the deepest.
     */
    static List<Integer> depthRows(PenetrationProfile p, PenetrationProfile q) {
        List<Integer> filled = new ArrayList<>();
        int shells = q == null ? p.shellCount() : Math.min(p.shellCount(), q.shellCount());
        for (int b = 0; b < shells; b++) {
            if (p.voxelsInShell(b) > 0 && (q == null || q.voxelsInShell(b) > 0)) {
                filled.add(b);
            }
        }
        if (filled.size() <= MAX_DEPTH_ROWS) {
            return filled;
        }
        int stride = (filled.size() + MAX_DEPTH_ROWS - 2) / (MAX_DEPTH_ROWS - 1);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < filled.size() - 1; i += stride) {
            rows.add(filled.get(i));
        }
        rows.add(filled.get(filled.size() - 1));
        return rows;
    }
}
