package org.stromasim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.stromasim.LaunchCommand;
import org.stromasim.sim.RunResult;

/** What {@code run} and {@code resume} print when a stop request ended the run early. */
final class StoppedRunMessage {

    private StoppedRunMessage() {
    }

    /** Prints where the run stopped and how to continue it; returns {@link ExitCodes#STOPPED}. */
    static int print(PrintWriter out, Path runRoot, RunResult result) {
        out.println();
        out.printf("stopped on request at t = %s after %d steps; the final snapshot holds this state.%n",
                Units.formatDuration(result.endTimeS()), result.steps());
        out.println("continue with: " + LaunchCommand.get() + " resume " + LaunchCommand.shellWord(runRoot.toString()));
        out.flush();
        return ExitCodes.STOPPED;
    }
}
