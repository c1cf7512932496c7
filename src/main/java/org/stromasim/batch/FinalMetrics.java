package org.stromasim.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last complete row of a run's metrics.csv, by column name. */
final class FinalMetrics {

    private FinalMetrics() {
    }

    /** Column → value of the last complete row; empty when the file is missing or holds no row. */
    static Map<String, Double> read(Path metricsCsv) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(metricsCsv)) {
            return values;
        }
        String text = Files.readString(metricsCsv, StandardCharsets.UTF_8);
        // Only lines ended by '\n' are complete (a killed run may leave a torn last line).
        List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.size() < 2) {
            return values;
        }
        String[] columns = lines.get(0).split(",", -1);
        String[] cells = lines.get(lines.size() - 1).split(",", -1);
        if (cells.length != columns.length) {
            throw new IOException(metricsCsv + ": last row has " + cells.length + " values for " + columns.length
                    + " columns");
        }
        for (int c = 0; c < columns.length; c++) {
            try {
                values.put(columns[c], Double.parseDouble(cells[c]));
            } catch (NumberFormatException e) {
                throw new IOException(metricsCsv + ": column " + columns[c] + " of the last row is not a number: '"
                        + cells[c] + "'", e);
            }
        }
        return values;
    }
}
