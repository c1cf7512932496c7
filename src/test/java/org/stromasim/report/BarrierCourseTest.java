package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The barrier columns compared in words, on values whose differences are worked out by hand. */
class BarrierCourseTest {

    @Test
    void comparisonSaysEachDifferenceInWords() {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("tumour_ifp_mean_mmHg", 8.0);
        a.put("tumour_rim_speed_um_per_s", 0.2);
        a.put("perfused_vessel_fraction", 0.4);
        a.put("gag_level", 1.0);
        Map<String, Double> b = new LinkedHashMap<>(a);
        b.put("tumour_ifp_mean_mmHg", 6.0);
        b.put("tumour_rim_speed_um_per_s", 0.3);
        b.put("perfused_vessel_fraction", 0.6);
        b.put("gag_level", 0.25);
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            BarrierCourse.printComparison(out, new BarrierCourse(a), new BarrierCourse(b), "hyal");
        }
        String n = System.lineSeparator();
        assertEquals("  stromal barrier at the end of the runs (metrics.csv):" + n
                + "    mean IFP in living cancer voxels: 8 mmHg vs 6 mmHg, 2 mmHg (25 %) lower in hyal" + n
                + "    fluid speed at the tumour surface: 0.2 µm/s vs 0.3 µm/s, 0.1 µm/s (50 %) higher in hyal" + n
                + "    perfused vessel fraction (wall-area weighted): 0.4 vs 0.6, 0.2 (50 %) higher in hyal" + n
                + "    hyaluronan / baseline, mean over tissue: 1 vs 0.25, 0.75 (75 %) lower in hyal" + n, text.toString());
    }
}
