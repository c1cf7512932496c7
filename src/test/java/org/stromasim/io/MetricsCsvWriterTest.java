package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv: header, every row on disk as soon as written, exact numbers, safe resume after a kill. */
class MetricsCsvWriterTest {

    @TempDir
    Path dir;

    private static MetricsCsvHeader header() {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("time_s", "s");
        units.put("drug_mean", "µM");
        units.put("viable_fraction", "1");
        return new MetricsCsvHeader("io-test", "java (2 threads)", "0.1.0-test", List.copyOf(units.keySet()), units);
    }

    @Test
    void rowsAreOnDiskBeforeTheWriterIsClosed() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsCsvWriter writer = MetricsCsvWriter.create(file, header());
        writer.writeRow(0.0, 0.1, 1.0);
        writer.writeRow(60.0, 1.0 / 3.0, 0.9999999999999999);
        // Read while still open: a run killed now would leave exactly this.
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of(
                "time_s,drug_mean,viable_fraction",
                "0.0,0.1,1.0",
                "60.0,0.3333333333333333,0.9999999999999999"), lines);
        String[] last = lines.get(2).split(",");
        assertEquals(1.0 / 3.0, Double.parseDouble(last[1]), 0.0, "value parses back to the same double");
        assertEquals(0.9999999999999999, Double.parseDouble(last[2]), 0.0);
        writer.close();
    }

    @Test
    void rowOfTheWrongWidthIsRefused() throws Exception {
        try (MetricsCsvWriter writer = MetricsCsvWriter.create(dir.resolve("metrics.csv"), header())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.writeRow(1, 2));
            assertEquals("metrics row has 2 values but there are 3 columns [time_s, drug_mean, viable_fraction]",
                    e.getMessage());
        }
    }

    @Test
    void resumeDropsATornLineAndRowsPastTheResumePoint() throws Exception {
        Path file = dir.resolve("metrics.csv");
        try (MetricsCsvWriter writer = MetricsCsvWriter.create(file, header())) {
            writer.writeRow(0, 0, 1);
            writer.writeRow(60, 0.5, 1);
            writer.writeRow(120, 0.7, 0.9);
        }
        Files.writeString(file, "180,0.8", StandardOpenOption.APPEND); // killed mid-row

        try (MetricsCsvWriter writer = MetricsCsvWriter.resume(file, header(), "time_s", 60.0)) {
            assertEquals(2, writer.rowsWritten());
            writer.writeRow(120, 0.75, 0.95);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(List.of("time_s,drug_mean,viable_fraction", "0.0,0.0,1.0", "60.0,0.5,1.0", "120.0,0.75,0.95"),
                lines);
    }

    @Test
    void resumeOfAFileFromBeforeRunJsonDropsItsCommentLines() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.csv"),
                "# stromasim metrics\n# units: time_s=s; drug_mean=µM; viable_fraction=1\n"
                        + "time_s,drug_mean,viable_fraction\n0.0,0.0,1.0\n60.0,0.5,1.0\n");
        try (MetricsCsvWriter writer = MetricsCsvWriter.resume(file, header(), "time_s", 60.0)) {
            assertEquals(2, writer.rowsWritten());
        }
        assertEquals(List.of("time_s,drug_mean,viable_fraction", "0.0,0.0,1.0", "60.0,0.5,1.0"), Files.readAllLines(file));
    }

    @Test
    void resumeRefusesAFileWithOtherColumns() throws Exception {
        Path file = Files.writeString(dir.resolve("metrics.csv"), "# old\ntime_s,other\n0,1\n");
        IOException e = assertThrows(IOException.class,
                () -> MetricsCsvWriter.resume(file, header(), "time_s", 0));
        assertTrue(e.getMessage().contains("line 2 has columns 'time_s,other' but the run reports"
                + " 'time_s,drug_mean,viable_fraction'"), e.getMessage());
    }

    @Test
    void headerNeedsOneUnitPerColumnAndCsvSafeNames() {
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> new MetricsCsvHeader("s", "b", "v", List.of("time_s", "drug"), Map.of("time_s", "s")));
        assertTrue(units.getMessage().contains("give exactly one unit per column"), units.getMessage());
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
                () -> new MetricsCsvHeader("s", "b", "v", List.of("a,b"), Map.of("a,b", "1")));
        assertTrue(comma.getMessage().startsWith("metrics column name 'a,b' is not usable in CSV"), comma.getMessage());
    }
}
