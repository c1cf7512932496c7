package org.stromasim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stromasim.scenario.KeyLocator;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.sim.TimeStepRefusedException;

/**
 * Turns a time-step refusal, found only once the model is compiled, into a message that names the file,
 * line and key like every other scenario error: {@code run.yaml:12:3: run.dt_s: dt=50 s exceeds ...}.
 */
final class LocatedRefusal {

    private LocatedRefusal() {
    }

    /** For a scenario loaded from {@code scenarioFile} (null: the embedded default) with {@code overrides}. */
    static UserInputException of(TimeStepRefusedException refusal, Path scenarioFile, List<String> overrides) {
        String text;
        String source;
        try {
            text = scenarioFile == null ? ScenarioLoader.defaultText()
                    : Files.readString(scenarioFile, StandardCharsets.UTF_8);
            source = scenarioFile == null ? ScenarioLoader.DEFAULT_RESOURCE : scenarioFile.toString();
        } catch (IOException e) {
            return new UserInputException(scenarioFile + ": " + refusal.keyPath() + ": " + refusal.getMessage(), refusal);
        }
        String where = KeyLocator.locate(text, source, overrides, refusal.keyPath())
                .orElse(scenarioFile == null ? "the default scenario" : source);
        return new UserInputException(where + ": " + refusal.keyPath() + ": " + refusal.getMessage(), refusal);
    }
}
