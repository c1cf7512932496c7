package org.stromasim.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.stromasim.sim.ProgressListener;

/**
 * A terminal progress bar over simulated time (in simulated seconds, with the library's ETA), plus
 * the transport speed in steps per wall second.
 */
final class ConsoleProgress implements ProgressListener {

    private final ProgressBar bar;
    private final long wallStart = System.nanoTime();
    private final double startTimeS;

    ConsoleProgress(PrintWriter err, double startTimeS, double endTimeS) {
        this.startTimeS = startTimeS;
        this.bar = new ProgressBarBuilder()
                .setTaskName("simulated")
                .setInitialMax(Math.max(1, Math.round((endTimeS - startTimeS) * 1000)))
                .setUnit(" s", 1000)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }))
                .build();
    }

    @Override
    public void advanced(double timeS, long steps) {
        bar.stepTo(Math.round((timeS - startTimeS) * 1000));
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        if (wall > 0) {
            bar.setExtraMessage(String.format(" %.0f steps/s", steps / wall));
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
