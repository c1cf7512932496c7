package org.stromasim.bench;

import java.lang.management.ManagementFactory;
import org.stromasim.backend.Backend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportFields;
import org.stromasim.transport.TransportModel;

/**
 * The explicit step of either backend on the n³ default-scenario cube of {@link StepBenchmark}, timed by
 * the CPU time of the whole process (every thread: the Java backend's workers, PoCL's own threads) as
 * well as by wall time: updates per process-CPU-second are what a loaded shared machine disturbs
 * least, and wall rates are only meaningful on a quiet one. Unlike {@link StepCpuTime} (one thread,
 * that thread's CPU time) this measures the multi-threaded step as it runs, so on a machine with
 * idle cores updates per CPU-second × cores is the wall rate to expect.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp CP org.stromasim.bench.StepProcessCpuTime n species reps backend threads
 * </pre>
 * backend: {@code java} (threads = its workers) or {@code opencl} (the best OpenCL device, here PoCL on
 * the CPU; threads does not apply). Ten steps per timed {@code advance} call, the first three calls are
 * warm-up. Prints the backend and machine line, the rate of each later call (M updates per
 * process-CPU-second) and the best, and the best wall rate.
 */
public final class StepProcessCpuTime {

    private StepProcessCpuTime() {
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int species = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        String backend = a.length > 3 ? a[3] : "java";
        int threads = a.length > 4 ? Integer.parseInt(a[4]) : 2;
        Scenario sc = BenchScenarios.cube(n, species);
        Tissue t = TissueBuilder.build(sc);
        TransportModel model = TransportModel.compile(sc, t);
        double dt = TransportFields.of(model).timeStepS(sc.run());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Backend b = create(backend, model, threads)) {
            System.out.println("# backend: " + b.description() + "; machine: " + MachineInfo.describe());
            b.upload(t);
            double time = 60; // inside the bolus, as StepBenchmark
            double bestCpu = 0;
            double bestWall = 0;
            double updates = (double) n * n * n * species * 10;
            StringBuilder rates = new StringBuilder();
            for (int r = 0; r < reps; r++) {
                long c0 = os.getProcessCpuTime();
                long w0 = System.nanoTime();
                b.advance(time, dt, 10);
                long w1 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                time += 10 * dt;
                double cpuRate = updates / ((c1 - c0) * 1e-9) / 1e6;
                double wallRate = updates / ((w1 - w0) * 1e-9) / 1e6;
                if (r >= 3) {
                    bestCpu = Math.max(bestCpu, cpuRate);
                    bestWall = Math.max(bestWall, wallRate);
                    rates.append(String.format("%.0f ", cpuRate));
                }
            }
            System.out.printf("%s%n best %.0f M updates per process-CPU-second; best wall %.0f M updates/s%n",
                    rates, bestCpu, bestWall);
        }
    }

    private static Backend create(String backend, TransportModel model, int threads) {
        switch (backend) {
            case "java":
                return new JavaBackend(model, threads);
            case "opencl":
                return new OpenClBackend(model, DeviceSelector.best(OpenClDevices.list()).orElseThrow(
                        () -> new IllegalStateException("backend=opencl: no usable OpenCL device")));
            default:
                throw new IllegalArgumentException("backend must be java or opencl, got " + backend);
        }
    }
}
