package org.stromasim.backend.selection;

import java.util.List;
import org.stromasim.backend.Backend;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.backend.opencl.OpenClUnavailableException;
import org.stromasim.transport.TransportModel;

/**
 * Picks and builds the backend for a run. It lives outside {@code org.stromasim.backend}, which holds only
 * the interface the backends implement, so that neither backend package depends on the package of the
 * other's chooser. {@code auto} takes an OpenCL GPU if there is one, else an
 * OpenCL CPU device, else the Java backend, and says which and why; {@code opencl} without a usable
 * device is an error (never a silent fallback); {@code java} is always available.
 */
public final class BackendFactory {

    private BackendFactory() {
    }

    /**
     * @param threads worker threads for the Java backend; 0 = one per available processor
     */
    public static Backend create(BackendChoice choice, TransportModel model, int threads) {
        return select(choice, null, model, threads).backend();
    }

    /**
     * @param deviceSpec {@code --device}: an index from {@code stromasim devices} or part of a device
     *                   name; null = the best device. Only with {@code opencl} or {@code auto}.
     * @param threads    worker threads for the Java backend; 0 = one per available processor
     */
    public static SelectedBackend select(BackendChoice choice, String deviceSpec, TransportModel model, int threads) {
        if (choice == BackendChoice.JAVA) {
            if (deviceSpec != null) {
                throw new IllegalArgumentException("--device " + deviceSpec + " selects an OpenCL device; "
                        + "it cannot be used with --backend java");
            }
            Backend java = java(model, threads);
            return new SelectedBackend(java, "backend: " + java.description() + " (as asked)");
        }
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevices.list();
        } catch (OpenClUnavailableException e) {
            if (choice == BackendChoice.OPENCL || deviceSpec != null) {
                throw new IllegalArgumentException("--backend opencl: " + e.getMessage(), e);
            }
            Backend java = java(model, threads);
            return new SelectedBackend(java, "backend auto: " + e.getMessage() + "; using " + java.description());
        }
        OpenClDevice device;
        if (deviceSpec != null) {
            device = DeviceSelector.byName(devices, deviceSpec);
        } else {
            device = DeviceSelector.best(devices).orElse(null);
        }
        if (device == null) {
            String why = "OpenCL found no usable device (" + devices.size() + " listed; see `stromasim devices`)";
            if (choice == BackendChoice.OPENCL) {
                throw new IllegalArgumentException("--backend opencl: " + why);
            }
            Backend java = java(model, threads);
            return new SelectedBackend(java, "backend auto: " + why + "; using " + java.description());
        }
        String refusal = OpenClBackend.refusal(model, device);
        if (refusal != null) {
            if (choice == BackendChoice.OPENCL || deviceSpec != null) {
                throw new IllegalArgumentException("--backend opencl: " + refusal);
            }
            Backend java = java(model, threads);
            return new SelectedBackend(java, "backend auto: " + refusal + "; using " + java.description());
        }
        OpenClBackend opencl = new OpenClBackend(model, device);
        String why = choice == BackendChoice.AUTO && deviceSpec == null
                ? (device.kind() == OpenClDevice.Kind.GPU ? "auto: a GPU" : "auto: no OpenCL GPU, " + device.kind() + " device")
                : "as asked";
        return new SelectedBackend(opencl, "backend: " + opencl.description() + " (" + why + ")");
    }

    /**
     * Whether {@code choice} ends on an OpenCL device for a run with {@code diffusion} (as {@link #select}
     * would decide), probed before anything is built, so that a memory estimate made beforehand counts
     * the backend that will run: {@code auto} falls back to the Java backend, which needs several times
     * the host memory of an OpenCL run.
     */
    public static boolean choosesOpenCl(BackendChoice choice, String deviceSpec,
                                        org.stromasim.scenario.DiffusionSpec diffusion) {
        if (choice == BackendChoice.JAVA) {
            return false;
        }
        if (choice == BackendChoice.OPENCL || deviceSpec != null) {
            return true; // or select refuses
        }
        try {
            return DeviceSelector.best(OpenClDevices.list())
                    .map(device -> OpenClBackend.refusal(diffusion, device) == null).orElse(false);
        } catch (OpenClUnavailableException e) {
            return false;
        }
    }

    /**
     * As {@link #choosesOpenCl(BackendChoice, String, org.stromasim.scenario.DiffusionSpec)} for a whole
     * scenario (every scheme runs reversible matrix binding on OpenCL as on Java, so only the scheme decides).
     */
    public static boolean choosesOpenCl(BackendChoice choice, String deviceSpec, org.stromasim.scenario.Scenario scenario) {
        return choosesOpenCl(choice, deviceSpec, scenario.run().diffusion());
    }

    private static Backend java(TransportModel model, int threads) {
        return new JavaBackend(model, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }
}
