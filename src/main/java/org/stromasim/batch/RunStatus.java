package org.stromasim.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.stromasim.io.AtomicFiles;

/**
 * {@code status.json} in a sweep's run directory: where the run stands, written atomically at each
 * change so that a killed worker leaves the previous complete state.
 *
 * @param state      what happened last
 * @param attempts   how many times the run was started or resumed
 * @param wallS      wall-clock seconds over all attempts (tissue building, time loop and output)
 * @param endTimeS   simulated time reached, s (NaN before the first result)
 * @param error      the error of a failed run, or empty
 * @param updated    when this status was written
 */
public record RunStatus(State state, int attempts, double wallS, double endTimeS, String error, String updated) {

    public static final String FILE = "status.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run's state. PENDING: never started (no status file). */
    public enum State {
        PENDING, RUNNING, COMPLETED, FAILED, STOPPED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final RunStatus PENDING = new RunStatus(State.PENDING, 0, 0, Double.NaN, "", "");

    public RunStatus {
        error = error == null ? "" : error;
        updated = updated == null ? "" : updated;
    }

    RunStatus started() {
        return new RunStatus(State.RUNNING, attempts + 1, wallS, endTimeS, "", Instant.now().toString());
    }

    RunStatus finished(State result, double addedWallS, double reachedS, String failure) {
        return new RunStatus(result, attempts, wallS + addedWallS, reachedS, failure, Instant.now().toString());
    }

    public static RunStatus read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return PENDING;
        }
        JsonNode n = JSON.readTree(file.toFile());
        State state;
        try {
            state = State.valueOf(n.path("state").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IOException(file + ": state = " + n.path("state") + " is not one of pending, running, completed, "
                    + "failed, stopped", unknown);
        }
        return new RunStatus(state, n.path("attempts").asInt(), n.path("wall_s").asDouble(),
                n.path("end_time_s").isNumber() ? n.path("end_time_s").asDouble() : Double.NaN,
                n.path("error").asText(""), n.path("updated").asText(""));
    }

    public void write(Path runDir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("state", state.key());
        n.put("attempts", attempts);
        n.put("wall_s", wallS);
        if (Double.isFinite(endTimeS)) {
            n.put("end_time_s", endTimeS);
        }
        n.put("error", error);
        n.put("updated", updated);
        AtomicFiles.writeString(runDir.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
    }
}
