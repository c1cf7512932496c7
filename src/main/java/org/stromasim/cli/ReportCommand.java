package org.stromasim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stromasim.metrics.PenetrationProfile;
import org.stromasim.report.Headline;
import org.stromasim.report.ModelReadouts;
import org.stromasim.report.ReportPlots;
import org.stromasim.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stromasim report}: PNG plots and a summary table of a run, optionally compared with a second run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Summarise a run: print its headline metrics at the end (from metrics.csv) and write PNGs of the "
                + "drug profile against distance to the nearest vessel and against depth into the tumour (from the "
                + "newest snapshot) and of the headline metrics over time. Runs with biology.endocrine also get "
                + "the time to steady state of ER occupancy and suppression and their profile by depth; runs with "
                + "ecm.flow the interstitial pressure and speed.",
                "With --compare, also print how the second run differs from the first, in words and numbers."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "Run directory (with metrics.csv and snapshots/).")
    Path runDir;

    @Option(names = "--compare", paramLabel = "OTHER_RUN_DIR",
            description = "A second run on the same grid: its lines are drawn dashed and the differences printed.")
    Path compareDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the PNGs go (default: RUN_DIR/report, or RUN_DIR/report-vs-OTHER with --compare).")
    Path outDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (outDir != null) {
            OutputTargets.requireWritableDirectory(outDir, "--out");
        }
        RunData first = RunData.load(runDir);
        RunData second = compareDir == null ? null : RunData.load(compareDir);
        if (second != null) {
            first.requireSameGrid(second);
        }
        // a comparison gets its own directory, so it never replaces the run's own report
        Path target = outDir != null ? outDir
                : second == null ? runDir.resolve("report")
                : runDir.resolve("report-vs-" + compareDir.toAbsolutePath().normalize().getFileName());
        if (outDir == null) { // --out was checked before any work
            OutputTargets.requireWritableDirectory(target, "the report directory");
        }
        ModelReadouts firstModels = ModelReadouts.of(first);
        ModelReadouts secondModels = second == null ? null : ModelReadouts.of(second);
        List<Path> pngs;
        try {
            pngs = ReportPlots.write(first, second, target, firstModels, secondModels);
        } catch (IOException e) {
            throw OutputTargets.failedWrite(target, e);
        }
        printSummary(out, first);
        firstModels.print(out, first);
        if (second != null) {
            out.println();
            printSummary(out, second);
            secondModels.print(out, second);
            out.println();
            out.printf("%s (%s) compared with %s (%s), at t = %s and %s:%n", second.name(), second.root(),
                    first.name(), first.root(),
                    Units.formatDuration(second.metrics().last("time_s")),
                    Units.formatDuration(first.metrics().last("time_s")));
            for (Headline h : Headline.of(first.metrics(), first.drug())) {
                if (second.metrics().has(h.column())) {
                    out.println("  " + h.difference(first.metrics(), second.metrics()));
                }
            }
            ModelReadouts.printComparison(out, firstModels, secondModels, second);
        }
        out.println();
        pngs.forEach(p -> out.println("wrote " + p));
        out.flush();
        return ExitCodes.OK;
    }

    private static void printSummary(PrintWriter out, RunData run) {
        out.printf("%s (%s), %s, t = %s, %d metrics rows:%n", run.name(), run.root(), run.gridText(),
                Units.formatDuration(run.metrics().last("time_s")), run.metrics().rowCount());
        for (Headline h : Headline.of(run.metrics(), run.drug())) {
            out.printf("  %-44s %-24s %s%n", h.label(), h.text(run.metrics()), h.column());
        }
        if (run.profiles() != null) {
            // imaging studies read the drug that cells have taken up, which follows the exposure (∫C dt)
            // rather than the concentration at one instant; only the newest snapshot holds the profile
            PenetrationProfile exposure = run.profiles().exposureByVesselDistance();
            out.printf("  exposure L50 from the nearest vessel at t = %s (newest snapshot): %s%n",
                    Units.formatDuration(run.lastSnapshot().header().info().timeS()),
                    PenetrationProfile.describeHalfDepth(exposure.halfDepthUm(), exposure.notReachedBeyondUm()));
        }
    }
}
