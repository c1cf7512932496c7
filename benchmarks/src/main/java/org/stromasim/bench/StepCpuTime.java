package org.stromasim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * Thread CPU time of {@code advance(10)} of the Java backend with one thread (the calling thread does all
 * the work), on the n³ default-scenario cube of {@link StepBenchmark}: updates per CPU-second, which
 * other users' load disturbs much less than wall time. Arguments: n, species, repetitions (the first
 * three are warm-up); prints the backend's description with the CPU model and ISA, the rate of each
 * later repetition and the best.
 */
public final class StepCpuTime {

    private StepCpuTime() {
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int species = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        Scenario sc = BenchScenarios.cube(n, species);
        Tissue t = TissueBuilder.build(sc);
        TransportModel model = TransportModel.compile(sc, t);
        double dt = TransportFields.of(model).timeStepS(sc.run());
        ThreadMXBean tb = ManagementFactory.getThreadMXBean();
        try (JavaBackend b = new JavaBackend(model, 1)) {
            System.out.println("# backend: " + b.description() + "; machine: " + MachineInfo.describe());
            b.upload(t);
            double time = 60;
            double best = 0;
            for (int r = 0; r < reps; r++) {
                long c0 = tb.getCurrentThreadCpuTime();
                b.advance(time, dt, 10);
                long c1 = tb.getCurrentThreadCpuTime();
                time += 10 * dt;
                double rate = (double) n * n * n * species * 10 / ((c1 - c0) * 1e-9) / 1e6;
                if (r >= 3) best = Math.max(best, rate);
                if (r >= 3) System.out.printf("%.0f ", rate);
            }
            System.out.printf("%n best %.0f M updates per CPU-second%n", best);
        }
    }
}
