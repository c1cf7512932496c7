package org.stromasim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine;

/** Runs the command line in-process with captured output (shared by the command tests of every package). */
public final class CliHarness {

    public record Result(int exitCode, String out, String err) {
    }

    private CliHarness() {
    }

    public static Result run(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public static Path testScenario(String name) {
        try {
            return Path.of(Objects.requireNonNull(CliHarness.class.getResource("/scenarios/" + name),
                    "test scenario " + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
