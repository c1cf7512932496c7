package org.stromasim.backend.opencl;

import java.util.List;

/** The device the OpenCL tests run on: the best usable one (PoCL's CPU device in CI). */
final class OpenClTestDevice {

    private OpenClTestDevice() {
    }

    static OpenClDevice get() {
        List<OpenClDevice> devices = OpenClDevices.list();
        return DeviceSelector.best(devices).orElseThrow(() -> new IllegalStateException(
                "no usable OpenCL device among " + devices));
    }

    /** Why OpenCL tests cannot run here, or null when they can. */
    static String unavailableReason() {
        try {
            return DeviceSelector.best(OpenClDevices.list()).isPresent() ? null : "no usable OpenCL device";
        } catch (OpenClUnavailableException e) {
            return e.getMessage();
        } catch (LinkageError e) {
            return OpenClLoader.translateLinkFailure(e).getMessage();
        }
    }
}
