package org.stromasim.backend;

import java.util.List;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClBackend;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.backend.opencl.OpenClUnavailableException;
import org.stromasim.transport.TransportModel;

/**
 * Picks and builds the backend for a run. {@code auto} takes an OpenCL GPU if there is one, else an
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
        String schemeRefusal = openClSchemeRefusal(model);
        if (schemeRefusal != null) {
            if (choice == BackendChoice.OPENCL || deviceSpec != null) {
                throw new IllegalArgumentException("--backend opencl: " + schemeRefusal);
            }
            Backend java = java(model, threads);
            return new SelectedBackend(java, "backend auto: " + schemeRefusal + "; using " + java.description());
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
        OpenClBackend opencl = new OpenClBackend(model, device);
        String why = choice == BackendChoice.AUTO && deviceSpec == null
                ? (device.kind() == OpenClDevice.Kind.GPU ? "auto: a GPU" : "auto: no OpenCL GPU, " + device.kind() + " device")
                : "as asked";
        return new SelectedBackend(opencl, "backend: " + opencl.description() + " (" + why + ")");
    }

    /**
     * Why the OpenCL backend cannot run this model, or null if it can (it runs the explicit and rkl2
     * schemes, not yet implicit); running a model without a part it needs would be a silently different model.
     */
    public static String openClSchemeRefusal(TransportModel model) {
        return openClSchemeRefusal(model.diffusion());
    }

    /** As {@link #openClSchemeRefusal(TransportModel)}, from the scenario alone (before anything is created). */
    public static String openClSchemeRefusal(org.stromasim.scenario.DiffusionSpec diffusion) {
        if (diffusion.scheme() == org.stromasim.scenario.DiffusionSpec.Scheme.IMPLICIT) {
            return "run.diffusion.scheme: implicit runs on the Java backend only (the OpenCL multigrid solver is not"
                    + " built yet); use --backend java, or scheme rkl2 on OpenCL";
        }
        return null; // explicit and rkl2 diffusion and the biology run on OpenCL
    }

    private static Backend java(TransportModel model, int threads) {
        return new JavaBackend(model, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
    }
}
