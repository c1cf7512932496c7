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
}
