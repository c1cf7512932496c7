package org.stromasim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics.csv read back: column names and every complete row. Lines starting with {@code #}
 * (written by versions before run.json held the provenance) are
 * skipped; only lines ended by a newline count (a killed run may leave a torn last line).
 */
public final class MetricsTable {

    private final List<String> columns;
    private final List<double[]> rows;

    private MetricsTable(List<String> columns, List<double[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
    }

    public static MetricsTable read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new ReportInputException(csv + ": no metrics.csv (is this a run directory?)");
        }
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        List<String> lines = text.substring(0, text.lastIndexOf('\n') + 1).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.size() < 2) {
            throw new ReportInputException(csv + ": no metrics row yet (" + (lines.isEmpty() ? "empty" : "header only")
                    + ")");
        }
        List<String> columns = List.of(lines.get(0).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            String[] cells = lines.get(r).split(",", -1);
            if (cells.length != columns.size()) {
                throw new ReportInputException(csv + ": line " + (r + 1) + " of the table has " + cells.length
                        + " values for " + columns.size() + " columns");
            }
            double[] values = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    values[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new ReportInputException(csv + ": column " + columns.get(c) + " of table line " + (r + 1)
                            + " is not a number: '" + cells[c] + "'", e);
                }
            }
            rows.add(values);
        }
        return new MetricsTable(columns, rows);
    }

    public List<String> columns() {
        return columns;
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The value of {@code column} in the last row; NaN when there is no such column. */
    public double last(String column) {
        int c = columns.indexOf(column);
        return c < 0 ? Double.NaN : rows.get(rows.size() - 1)[c];
    }

    /** Every row's value of {@code column} (NaN for every row when there is no such column). */
    public double[] series(String column) {
        int c = columns.indexOf(column);
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = c < 0 ? Double.NaN : rows.get(r)[c];
        }
        return values;
    }

    /** The first column that starts with {@code prefix} and ends with {@code suffix}, or null. */
    public String find(String prefix, String suffix) {
        return columns.stream().filter(c -> c.startsWith(prefix) && c.endsWith(suffix)).findFirst().orElse(null);
    }
}
