package org.stromasim.io;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A run's metrics table: its columns and their units, and what produced it. The columns go into
 * {@code metrics.csv}'s one header row; the rest into {@link RunInfo run.json}, so that the CSV stays a
 * plain table any reader loads.
 *
 * @param scenarioName    scenario the run simulates
 * @param backend         what computed the run
 * @param softwareVersion stromasim version
 * @param columns         column names in order (computed by the caller)
 * @param units           unit of every column, e.g. time_s → s, drug_mean → µM ("1" for a fraction)
 */
public record MetricsCsvHeader(
        String scenarioName,
        String backend,
        String softwareVersion,
        List<String> columns,
        Map<String, String> units) {

    public MetricsCsvHeader {
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("metrics.csv needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty() || column.matches(".*[,\"\\r\\n].*") || column.startsWith("#")) {
                throw new IllegalArgumentException("metrics column name '" + column + "' is not usable in CSV: it must"
                        + " be non-empty, not start with '#', and contain no comma, quote or line break");
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException("metrics column '" + column + "' is listed twice in " + columns);
            }
        }
        if (!units.keySet().equals(seen)) {
            throw new IllegalArgumentException("metrics units are given for " + units.keySet()
                    + " but the columns are " + columns + "; give exactly one unit per column");
        }
        for (String value : List.of(scenarioName, backend, softwareVersion)) {
            if (value.contains("\n") || value.contains("\r")) {
                throw new IllegalArgumentException("metrics header value '" + value + "' contains a line break");
            }
        }
        units = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(units));
    }

    /**
     * What run.json records about these metrics: provenance, the requested end, every column's unit and
     * the backend options the run was started with ({@code request}, may be null).
     */
    public RunInfo runInfo(double requestedEndS, RunInfo.BackendRequest request) {
        Map<String, String> inColumnOrder = new LinkedHashMap<>();
        columns.forEach(c -> inColumnOrder.put(c, units.get(c)));
        return new RunInfo(scenarioName, backend, softwareVersion, requestedEndS, inColumnOrder, request);
    }

    /** The column header line. */
    String columnLine() {
        return String.join(",", columns);
    }
}
