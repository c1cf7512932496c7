package org.stromasim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.csv loads with default readers as it is — a strict RFC 4180 parser here, and pandas'
 * {@code read_csv(path)} with no options where python3-pandas is installed (always under CI=true) — and
 * its metadata is in run.json.
 */
class PlainOutputsTest {

    @TempDir
    static Path temp;

    static Path run;

    @BeforeAll
    static void runTinyScenario() {
        run = temp.resolve("run");
        CliHarness.Result r = CliHarness.run("run", CliHarness.testScenario("tiny.yaml").toString(),
                "--out", run.toString(), "--no-progress", "--until", "20");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void metricsCsvIsOneHeaderRowThenNumbersForAStrictCsvParser() throws IOException {
        CSVFormat strict = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        List<CSVRecord> rows;
        List<String> columns;
        try (Reader in = Files.newBufferedReader(run.resolve("metrics.csv"), StandardCharsets.UTF_8);
             CSVParser parser = strict.parse(in)) {
            columns = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertEquals("time_s", columns.get(0));
        assertEquals(columnsOf(runJson()), columns, "run.json gives one unit per metrics column, in order");
        // tiny.yaml: metrics every 5 s, so t = 0, 5, 10, 15, 20
        assertEquals(5, rows.size());
        for (CSVRecord row : rows) {
            assertTrue(row.isConsistent(), "row " + row.getRecordNumber() + " has " + row.size() + " cells");
            for (String column : columns) {
                Double.parseDouble(row.get(column)); // every cell a number (NaN allowed: a half-depth not reached)
            }
        }
        assertEquals(20.0, Double.parseDouble(rows.get(4).get("time_s")), 0.0);
    }

    @Test
    void runJsonHoldsProvenanceTheRequestedEndAndUnits() throws IOException {
        JsonNode info = runJson();
        assertEquals(1, info.path("format_version").asInt());
        assertEquals(20.0, info.path("requested_end_time_s").asDouble(), 0.0);
        assertFalse(info.path("backend").asText().isEmpty());
        assertFalse(info.path("scenario").asText().isEmpty());
        assertEquals("s", info.path("metrics_units").path("time_s").asText());
        assertEquals("µm", info.path("metrics_units").path("drug_penetration_depth_um").asText());
    }

    @Test
    void pandasReadsMetricsCsvWithDefaultOptions() throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(ci || pythonImports("pandas"), "python3 with pandas not installed (optional here; "
                + "required under CI=true)");
        String script = String.join("\n",
                "import sys, pandas",
                "d = pandas.read_csv(sys.argv[1])",
                "print(','.join(d.columns))",
                "print(d.shape[0])",
                "print(repr(float(d['time_s'].iloc[-1])))",
                "print(str(d['drug_total_amol'].dtype))");
        Process p = new ProcessBuilder("python3", "-c", script, run.resolve("metrics.csv").toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pandas timed out");
        assertEquals(0, p.exitValue(), output);
        String[] lines = output.strip().split("\n");
        assertEquals(String.join(",", columnsOf(runJson())), lines[0]);
        assertEquals("5", lines[1]);
        assertEquals("20.0", lines[2]);
        assertEquals("float64", lines[3], "numbers, not text");
    }

    private static boolean pythonImports(String module) {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static JsonNode runJson() throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    private static List<String> columnsOf(JsonNode info) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = info.path("metrics_units").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
