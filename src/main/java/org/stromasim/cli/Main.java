package org.stromasim.cli;

import java.io.PrintWriter;
import org.stromasim.SoftwareVersion;
import org.stromasim.batch.GracefulShutdown;
import org.stromasim.scenario.ScenarioException;
import org.stromasim.sim.NonFiniteStateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code stromasim} command: subcommands for running, checking and inspecting simulations. */
@Command(name = "stromasim",
        mixinStandardHelpOptions = true,
        versionProvider = SoftwareVersion.Provider.class,
        description = "3D reaction-diffusion simulation of drug penetration through fibrotic tumour stroma.",
        subcommands = {RunCommand.class, ValidateCommand.class, ResumeCommand.class, SweepCommand.class,
                DevicesCommand.class, ViewCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    public static void main(String[] args) {
        int code = newCommandLine().execute(args);
        // after a SIGINT/SIGTERM the shutdown hook ends the JVM with this code once it is known
        GracefulShutdown.commandFinished(code);
        System.exit(code);
    }

    /** The configured command line, also used by tests with captured output. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(Main::handleExecutionException);
        cli.setParameterExceptionHandler(Main::handleParameterException);
        return cli;
    }

    private static int handleExecutionException(Exception ex, CommandLine commandLine,
                                                CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = parseResult.hasMatchedOption("-v") || isVerbose(parseResult);
        int code = exitCodeFor(ex);
        err.println("error: " + messageOf(ex));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    static int exitCodeFor(Throwable ex) {
        if (ex instanceof NonFiniteStateException) {
            return ExitCodes.NON_FINITE;
        }
        if (ex instanceof ScenarioException || ex instanceof UserInputException
                || ex instanceof IllegalArgumentException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static String messageOf(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName() + " (run with -v for the stack trace)";
        }
        if (ex instanceof NonFiniteStateException || ex instanceof java.io.UncheckedIOException) {
            return message; // an I/O failure: its message names the file and the cause
        }
        if (exitCodeFor(ex) == ExitCodes.INTERNAL_ERROR) {
            return message + " [" + ex.getClass().getSimpleName() + "; run with -v for the stack trace]";
        }
        return message;
    }
}
