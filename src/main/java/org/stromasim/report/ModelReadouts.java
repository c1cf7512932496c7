package org.stromasim.report;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The report's sections for optional models, each present only when the run has that model: the
 * endocrine read-outs ({@code biology.endocrine}) and the interstitial flow ({@code ecm.flow}).
 *
 * @param endocrine null without endocrine columns in metrics.csv
 * @param flow      null without a pressure field in the newest snapshot
 * @param barrier   null without the barrier columns (IFP, rim speed, perfused fraction, GAG level) in metrics.csv
 */
public record ModelReadouts(EndocrineReadout endocrine, FlowReadout flow, BarrierCourse barrier) {

    public ModelReadouts(EndocrineReadout endocrine, FlowReadout flow) {
        this(endocrine, flow, null);
    }

    public static ModelReadouts of(RunData run) throws IOException {
        return new ModelReadouts(EndocrineReadout.of(run), FlowReadout.of(run), BarrierCourse.of(run));
    }

    /** Prints the sections this run has. */
    public void print(PrintWriter out, RunData run) {
        if (endocrine != null) {
            endocrine.print(out, run);
        }
        if (flow != null) {
            flow.print(out, run);
        }
        if (barrier != null) {
            barrier.print(out);
        }
    }

    /**
     * Prints, in words, how {@code second} differs from {@code first} in the sections both have; a
     * section only one run has is named, so its absence in the other is not mistaken for no difference.
     */
    public static void printComparison(PrintWriter out, ModelReadouts first, ModelReadouts second, RunData secondRun) {
        String name = secondRun.directoryName();
        if (first.endocrine != null && second.endocrine != null) {
            EndocrineReadout.printComparison(out, first.endocrine, second.endocrine, name);
        } else if (first.endocrine != null || second.endocrine != null) {
            out.println("  endocrine read-outs: only in " + (first.endocrine != null ? "the first run" : name));
        }
        if (first.flow != null && second.flow != null) {
            FlowReadout.printComparison(out, first.flow, second.flow, name);
        } else if (first.flow != null || second.flow != null) {
            out.println("  interstitial flow: only in " + (first.flow != null ? "the first run" : name));
        }
        if (first.barrier != null && second.barrier != null) {
            BarrierCourse.printComparison(out, first.barrier, second.barrier, name);
        } else if (first.barrier != null || second.barrier != null) {
            out.println("  stromal barrier columns: only in " + (first.barrier != null ? "the first run" : name));
        }
    }
}
