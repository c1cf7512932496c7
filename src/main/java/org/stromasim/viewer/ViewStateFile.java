package org.stromasim.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.stromasim.viewer.data.ViewerInputException;

/** Saves and loads a {@link ViewState} as JSON (readable, and diffable between figures). */
public final class ViewStateFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ViewStateFile() {
    }

    public static void save(ViewState state, Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(state) + "\n");
    }

    public static ViewState load(Path file) {
        try {
            return JSON.readValue(Files.readString(file), ViewState.class);
        } catch (NoSuchFileException missing) {
            throw new ViewerInputException("no view state file " + file.toAbsolutePath());
        } catch (JsonProcessingException malformed) {
            Throwable cause = malformed.getCause() instanceof IllegalArgumentException invalid ? invalid : malformed;
            throw new ViewerInputException("view state file " + file + " is not a valid view state: "
                    + (cause == malformed ? malformed.getOriginalMessage() : cause.getMessage()), malformed);
        } catch (IOException unreadable) {
            throw new ViewerInputException("cannot read view state file " + file + ": " + unreadable.getMessage(), unreadable);
        }
    }
}
