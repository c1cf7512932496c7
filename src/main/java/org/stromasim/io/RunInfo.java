package org.stromasim.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code run.json}, the sidecar that says what produced a run directory's files, so that
 * {@code metrics.csv} can stay a plain table (one header row) that every CSV reader loads as it is:
 * scenario name, backend, software version, the requested end time (what {@code resume} continues to)
 * and the unit of every metrics column.
 *
 * @param scenarioName    scenario the run simulates
 * @param backend         what computed the run's latest part (each start and resume is also in run.log)
 * @param softwareVersion stromasim version that wrote it last
 * @param requestedEndS   simulated time the run was asked to reach: {@code --until}, else the scenario's
 *                        run.end_time_s
 * @param metricsUnits    metrics.csv column → unit, in column order ("1" for a fraction)
 * @param request         the backend options the run was started with, which {@code resume} continues
 *                        on unless told otherwise; null in a run.json written before they were recorded
 */
public record RunInfo(String scenarioName, String backend, String softwareVersion, double requestedEndS,
                      Map<String, String> metricsUnits, BackendRequest request) {

    /**
     * The backend options of a run as given on its command line ({@code --backend}, {@code --threads},
     * {@code --device}): a run resumed on another backend or thread count is not bitwise the
     * uninterrupted one, so resume keeps them.
     *
     * @param backend {@code auto}, {@code opencl} or {@code java}
     * @param threads Java backend threads, 0 = one per processor
     * @param device  {@code --device}, or null
     */
    public record BackendRequest(String backend, int threads, String device) {
        public BackendRequest {
            Objects.requireNonNull(backend, "backend");
        }
    }

    public static final String FILE = "run.json";
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunInfo {
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        if (!(requestedEndS > 0) || !Double.isFinite(requestedEndS)) {
            throw new IllegalArgumentException("requested end time " + requestedEndS + " s: must be a time > 0 s");
        }
        metricsUnits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metricsUnits));
    }

    /** Writes {@code run.json} into {@code runRoot}, atomically. */
    public void write(Path runRoot) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("scenario", scenarioName);
        root.put("backend", backend);
        root.put("software_version", softwareVersion);
        root.put("requested_end_time_s", requestedEndS);
        if (request != null) {
            ObjectNode options = root.putObject("backend_request");
            options.put("backend", request.backend());
            options.put("threads", request.threads());
            if (request.device() != null) {
                options.put("device", request.device());
            }
        }
        ObjectNode units = root.putObject("metrics_units");
        metricsUnits.forEach(units::put);
        AtomicFiles.writeString(runRoot.resolve(FILE), JSON.writeValueAsString(root) + "\n");
    }

    /**
     * Reads {@code run.json} from {@code runRoot}; empty when there is none (a run directory written
     * before this file existed).
     */
    public static Optional<RunInfo> read(Path runRoot) throws IOException {
        Path file = runRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message ends in a second line about its input source; the line and column say where
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IOException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not readable JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        } catch (IOException e) {
            throw new IOException(file + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(file + ": format_version " + root.path("format_version")
                    + " is not one this stromasim reads (" + FORMAT_VERSION + ")");
        }
        JsonNode end = root.path("requested_end_time_s");
        if (!end.isNumber()) {
            throw new IOException(file + ": requested_end_time_s is missing or not a number");
        }
        Map<String, String> units = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("metrics_units").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            units.put(e.getKey(), e.getValue().asText());
        }
        BackendRequest request = null;
        JsonNode options = root.path("backend_request");
        if (!options.isMissingNode()) {
            if (!options.path("backend").isTextual() || !options.path("threads").canConvertToInt()) {
                throw new IOException(file + ": backend_request needs a text 'backend' and an integer 'threads'");
            }
            request = new BackendRequest(options.path("backend").asText(), options.path("threads").asInt(),
                    options.path("device").isTextual() ? options.path("device").asText() : null);
        }
        try {
            return Optional.of(new RunInfo(root.path("scenario").asText(), root.path("backend").asText(),
                    root.path("software_version").asText(), end.asDouble(), units, request));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
