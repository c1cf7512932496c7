package org.stromasim.backend.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as the runtime reports it, with the handles needed to use it.
 *
 * @param index             position in the listing of {@code stromasim devices} (what {@code --device} takes)
 * @param kind              GPU, CPU, accelerator or other
 * @param globalMemBytes    CL_DEVICE_GLOBAL_MEM_SIZE
 * @param maxAllocBytes     CL_DEVICE_MAX_MEM_ALLOC_SIZE (largest single buffer)
 * @param deviceVersion     CL_DEVICE_VERSION, e.g. "OpenCL 3.0 PoCL ..."
 * @param openClCVersion    CL_DEVICE_OPENCL_C_VERSION, e.g. "OpenCL C 1.2 PoCL"
 * @param fp64              whether the device reports double precision (cl_khr_fp64)
 * @param unusableReason    why stromasim cannot use it, or null when it can
 */
public record OpenClDevice(int index, String platformName, String name, Kind kind, long globalMemBytes,
                           long maxAllocBytes, int computeUnits, long maxWorkGroupSize, String deviceVersion,
                           String openClCVersion, boolean fp64, String unusableReason,
                           cl_platform_id platform, cl_device_id device) {

    /** Device types, in the order {@code auto} prefers them. */
    public enum Kind { GPU, CPU, ACCELERATOR, OTHER }

    public boolean usable() {
        return unusableReason == null;
    }

    /** A copy reporting other memory limits (the memory check's tests use it on a real device). */
    public OpenClDevice withMemory(long globalBytes, long maxAllocationBytes) {
        return new OpenClDevice(index, platformName, name, kind, globalBytes, maxAllocationBytes, computeUnits,
                maxWorkGroupSize, deviceVersion, openClCVersion, fp64, unusableReason, platform, device);
    }

    /** "NAME (CPU, PLATFORM)", as the backend describes itself. */
    public String label() {
        return name + " (" + kind.name() + ", " + platformName + ")";
    }

    /** Whether the OpenCL C version string says at least 1.2 ("OpenCL C 1.2 ...", "OpenCL C 3.0 ..."). */
    static boolean supportsOpenClC12(String openClCVersion) {
        String[] words = openClCVersion.trim().split("\\s+");
        if (words.length < 3) {
            return false;
        }
        String[] parts = words[2].split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return major > 1 || (major == 1 && minor >= 2);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
