package org.stromasim.report;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The barrier columns of metrics.csv ({@code metrics.FlowMetrics}) at the end of a run: tumour IFP (mean and
 * centre), fluid speed at the tumour rim, perfused vessel fraction and hyaluronan, the read-outs through which
 * hyaluronidase, collagenase and losartan act. Their time courses are in metrics.csv.
 *
 * @param last column → value in the last row, for the columns the run has
 */
public record BarrierCourse(Map<String, Double> last) {

    /** Column, label, unit of every barrier column, in print order. */
    static final String[][] COLUMNS = {
            {"tumour_ifp_mean_mmHg", "mean IFP in living cancer voxels", "mmHg"},
            {"tumour_ifp_centre_mmHg", "IFP in the deepest layer of the tumour", "mmHg"},
            {"tumour_rim_speed_um_per_s", "fluid speed at the tumour surface", "µm/s"},
            {"perfused_vessel_fraction", "perfused vessel fraction (wall-area weighted)", ""},
            {"gag_level", "hyaluronan / baseline, mean over tissue", ""},
            {"cancer_mean_gag_fraction", "mean GAG fraction, cancer voxels", ""},
            {"caf_mean_gag_fraction", "mean GAG fraction, CAF voxels", ""},
    };

    /** The barrier columns of {@code run}; null when it has none. */
    public static BarrierCourse of(RunData run) {
        Map<String, Double> last = new LinkedHashMap<>();
        for (String[] c : COLUMNS) {
            if (run.metrics().has(c[0])) {
                last.put(c[0], run.metrics().last(c[0]));
            }
        }
        return last.isEmpty() ? null : new BarrierCourse(last);
    }

    void print(PrintWriter out) {
        out.println("stromal barrier at the end of the run (time courses in metrics.csv):");
        for (String[] c : COLUMNS) {
            if (last.containsKey(c[0])) {
                out.printf("  %-46s %s%n", c[1], Comparison.value(last.get(c[0]), c[2]).trim());
            }
        }
    }

    /** The second run against the first, in words, for the columns either has. */
    static void printComparison(PrintWriter out, BarrierCourse a, BarrierCourse b, String secondName) {
        out.println("  stromal barrier at the end of the runs (metrics.csv):");
        for (String[] c : COLUMNS) {
            Double x = a.last.get(c[0]);
            Double y = b.last.get(c[0]);
            if (x == null && y == null) {
                continue;
            }
            out.println("    " + Comparison.values(c[1], x == null ? Double.NaN : x, y == null ? Double.NaN : y, c[2],
                    secondName).replace("  ", " ").replace(" ,", ","));
        }
    }
}
