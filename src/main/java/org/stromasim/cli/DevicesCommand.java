package org.stromasim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;
import org.stromasim.backend.opencl.OpenClUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stromasim devices}: every OpenCL platform and device, and whether stromasim can use it. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the OpenCL platforms and devices: name, type, global memory, compute units, "
                + "OpenCL version, and whether stromasim can use it.",
                "The INDEX column is what `run --device` takes; `auto` takes the device marked *."})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<OpenClDevice> devices;
        try {
            devices = OpenClDevices.list();
        } catch (OpenClUnavailableException e) {
            out.println("no OpenCL devices: " + e.getMessage());
            out.println("runs use the Java backend (--backend java).");
            out.flush();
            return ExitCodes.OK;
        }
        OpenClDevice best = DeviceSelector.best(devices).orElse(null);
        String platform = null;
        for (OpenClDevice d : devices) {
            if (!d.platformName().equals(platform)) {
                platform = d.platformName();
                out.println("platform: " + platform);
            }
            out.printf("  %s%d  %s%n", d == best ? "*" : " ", d.index(), d.name());
            out.printf("       type %s, global memory %s (max buffer %s), %d compute units, %s, %s, fp64 %s%n",
                    d.kind(), Units.formatBytes(d.globalMemBytes()), Units.formatBytes(d.maxAllocBytes()),
                    d.computeUnits(), d.deviceVersion(), d.openClCVersion(), d.fp64() ? "yes" : "no");
            out.println("       usable: " + (d.usable() ? "yes" : "no, " + d.unusableReason()));
        }
        if (best == null) {
            out.println("no usable OpenCL device: runs use the Java backend.");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
