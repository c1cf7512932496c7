package org.stromasim.batch;

import java.util.ArrayList;
import java.util.List;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClDevice;

/**
 * How many runs of a local sweep go at once and where each runs. One worker per OpenCL GPU when the
 * backend may use OpenCL and the machine has GPUs (two runs sharing one GPU only queue behind each
 * other, while each run on its own GPU doubles throughput); otherwise one worker per processor, at
 * most one per pending run, with the Java threads shared out. {@code --devices} names the devices
 * explicitly (one worker each), {@code --workers} overrides the count (devices are then taken
 * round-robin).
 *
 * @param workers     runs at a time
 * @param threads     Java backend threads per run
 * @param deviceSpecs the {@code --device} of each worker slot ({@code null} entries: let the backend choose)
 * @param why         one line for the console saying how the plan was made
 */
public record WorkerPlan(int workers, int threads, List<String> deviceSpecs, String why) {

    public WorkerPlan {
        deviceSpecs = List.copyOf(deviceSpecs.stream().map(s -> s == null ? "" : s).toList());
    }

    /** The {@code --device} of worker slot {@code slot}, or null to let the backend choose. */
    public String deviceOf(int slot) {
        String spec = deviceSpecs.get(slot % deviceSpecs.size());
        return spec.isEmpty() ? null : spec;
    }

    /**
     * @param backend        the sweep's {@code --backend}
     * @param devices        the OpenCL devices listed on this machine (empty without OpenCL)
     * @param requestedSpecs {@code --devices}: device indexes or name parts, or empty
     * @param workersOption  {@code --workers}, 0 = choose
     * @param threadsOption  {@code --threads}, 0 = choose
     * @param processors     available processors
     * @param pendingRuns    runs not completed yet
     */
    public static WorkerPlan of(BackendChoice backend, List<OpenClDevice> devices, List<String> requestedSpecs,
                                int workersOption, int threadsOption, int processors, int pendingRuns) {
        if (!requestedSpecs.isEmpty()) {
            if (backend == BackendChoice.JAVA) {
                throw new IllegalArgumentException("--devices " + String.join(",", requestedSpecs)
                        + " selects OpenCL devices; it cannot be used with --backend java");
            }
            List<String> specs = new ArrayList<>();
            for (String spec : requestedSpecs) {
                specs.add(Integer.toString(DeviceSelector.byName(devices, spec).index()));
            }
            int workers = workersOption > 0 ? workersOption : specs.size();
            return new WorkerPlan(workers, threads(threadsOption, processors, workers), specs,
                    workers + (workers == 1 ? " worker" : " workers") + " over OpenCL devices " + String.join(", ", specs) + " (--devices)");
        }
        List<String> gpus = backend == BackendChoice.JAVA ? List.of() : devices.stream()
                .filter(d -> d.usable() && d.kind() == OpenClDevice.Kind.GPU)
                .map(d -> Integer.toString(d.index()))
                .toList();
        if (!gpus.isEmpty()) {
            int workers = workersOption > 0 ? workersOption : Math.max(1, Math.min(gpus.size(), pendingRuns));
            return new WorkerPlan(workers, threads(threadsOption, processors, workers), gpus,
                    workers + (workers == 1 ? " worker" : " workers") + ", one per OpenCL GPU (" + String.join(", ", gpus) + ")");
        }
        int workers = workersOption > 0 ? workersOption : Math.max(1, Math.min(processors, pendingRuns));
        List<String> anyDevice = new ArrayList<>();
        anyDevice.add(null);
        return new WorkerPlan(workers, threads(threadsOption, processors, workers), anyDevice,
                workers + (workers == 1 ? " worker" : " workers") + (workersOption > 0 ? " (--workers)" : ", one per processor"));
    }

    private static int threads(int threadsOption, int processors, int workers) {
        return threadsOption > 0 ? threadsOption : Math.max(1, processors / workers);
    }
}
