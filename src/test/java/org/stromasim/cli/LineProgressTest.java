package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress into a file or pipe: whole lines, at most one per interval, never a carriage return. */
class LineProgressTest {

    @Test
    void oneLinePerIntervalWithShareDoneAndTimeLeft() {
        StringWriter text = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        long second = 1_000_000_000L;
        LineProgress progress = new LineProgress(new PrintWriter(text), 0, 100, now::get, 10 * second);
        for (int t = 1; t <= 100; t++) { // one simulated second per wall second, 10 steps each
            now.set(t * second);
            progress.advanced(t, 10L * t);
        }
        progress.close();
        String[] lines = text.toString().split("\n");
        // at 10, 20, ..., 100 wall seconds
        assertEquals(10, lines.length, text.toString());
        // after 20 s wall, 20 of 100 simulated seconds are done: 80 s left at that pace
        assertEquals("progress: t = 20.00 s of 100.0 s (20 %), 10 steps/s, about 80.00 s left", lines[1]);
        assertFalse(text.toString().contains("\r"));
    }
}
