package org.stromasim.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one row per call to {@code metrics.csv}: a plain CSV, one header row of column names, then
 * numbers (provenance and units are in {@link RunInfo run.json}). Every row is flushed to the operating system as soon as it is written,
 * so a killed run keeps every row it reported (a power loss may still lose the last seconds; rows are
 * not fsynced one by one because that would cost a disk round-trip per row).
 */
public final class MetricsCsvWriter implements AutoCloseable {

    private final Path file;
    private final MetricsCsvHeader header;
    private final Writer out;
    private long rowsWritten;

    private MetricsCsvWriter(Path file, MetricsCsvHeader header, Writer out) {
        this.file = file;
        this.header = header;
        this.out = out;
    }

    /** Starts a new file, replacing any previous one, and writes the header row. */
    public static MetricsCsvWriter create(Path file, MetricsCsvHeader header) throws IOException {
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        out.write(header.columnLine());
        out.write('\n');
        out.flush();
        return new MetricsCsvWriter(file, header, out);
    }

    /**
     * Continues an existing file when a run resumes from a snapshot: keeps the header and every complete
     * row whose {@code keyColumn} value is at most {@code lastKeptValue} (rows past the resume point
     * are simulated again), drops a torn last line left by a kill, and appends after that. The existing
     * column header must equal {@code header}'s columns.
     */
    public static MetricsCsvWriter resume(Path file, MetricsCsvHeader header, String keyColumn, double lastKeptValue)
            throws IOException {
        int key = header.columns().indexOf(keyColumn);
        if (key < 0) {
            throw new IllegalArgumentException("resume key column '" + keyColumn + "' is not one of " + header.columns());
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no metrics file to resume");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        boolean columnLineSeen = false;
        long rows = 0;
        // Only lines ended by '\n' are complete; anything after the last one is a torn row.
        String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                continue; // '#' provenance lines of older files (run.json holds it): not data
            } else if (!columnLineSeen) {
                if (!line.equals(header.columnLine())) {
                    throw new IOException(file + ": line " + (n + 1) + " has columns '" + line
                            + "' but the run reports '" + header.columnLine() + "'; cannot append to it");
                }
                kept.add(line);
                columnLineSeen = true;
            } else if (keyValue(file, n + 1, line, key) <= lastKeptValue) {
                kept.add(line);
                rows++;
            }
        }
        if (!columnLineSeen) {
            throw new IOException(file + ": no column header line; not a metrics file this run wrote");
        }
        AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        MetricsCsvWriter writer = new MetricsCsvWriter(file, header, out);
        writer.rowsWritten = rows;
        return writer;
    }

    private static double keyValue(Path file, int lineNumber, String line, int column) throws IOException {
        String[] cells = line.split(",", -1);
        try {
            return Double.parseDouble(cells[column]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException bad) {
            throw new IOException(file + ": line " + lineNumber + " is not a row of numbers: '" + line + "'", bad);
        }
    }

    public Path file() {
        return file;
    }

    public MetricsCsvHeader header() {
        return header;
    }

    /** Data rows in the file, including those kept on resume. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /** Writes one row, one value per column in column order, and flushes it. */
    public void writeRow(double... values) throws IOException {
        if (values.length != header.columns().size()) {
            throw new IllegalArgumentException("metrics row has " + values.length + " values but there are "
                    + header.columns().size() + " columns " + header.columns());
        }
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                line.append(',');
            }
            // Shortest text that parses back to the same double.
            line.append(Double.toString(values[c]));
        }
        line.append('\n');
        out.write(line.toString());
        out.flush();
        rowsWritten++;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
