package org.stromasim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Differences too small for the usual decimals keep two significant digits instead of reading "+0.0". */
class HeadlineFormatTest {

    @Test
    void smallDifferencesAreNotHiddenAsZero() {
        assertEquals("+16.0", Headline.signed(16.0, 1));
        assertEquals("-2.5", Headline.signed(-2.5, 1));
        assertEquals("+0.0041", Headline.signed(0.0041416, 1));
        assertEquals("-0.018", Headline.signed(-0.01829, 1));
        assertEquals("+0.0", Headline.signed(0.0, 1));
        assertEquals("41.2", Headline.number(41.2));
        assertEquals("0.0002", Headline.number(2e-4));
        assertEquals("1.235e+07", Headline.number(12345678));
    }

    @Test
    void aDepthReachedInOnlyOneRunSaysSo() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("headline");
        MetricsTable a = table(dir.resolve("a.csv"), "NaN,500");
        MetricsTable b = table(dir.resolve("b.csv"), "298.6,NaN");
        Headline h = new Headline("L50", "drug_penetration_depth_um", Headline.Kind.DEPTH, "µm");
        assertEquals("L50: > 500 µm (not reached) → 298.6 µm (reached only in the second run)", h.difference(a, b));
        assertEquals("L50: 298.6 µm → > 500 µm (not reached) (reached only in the first run)", h.difference(b, a));
        assertEquals("L50: > 500 µm (not reached) → > 500 µm (not reached) (not reached in either run)",
                h.difference(a, a));
    }

    private static MetricsTable table(java.nio.file.Path csv, String values) throws java.io.IOException {
        java.nio.file.Files.writeString(csv, "time_s,drug_penetration_depth_um,drug_penetration_depth_beyond_um\n0,"
                + values + "\n");
        return MetricsTable.read(csv);
    }
}
