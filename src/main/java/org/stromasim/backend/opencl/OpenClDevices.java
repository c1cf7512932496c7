package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_DEVICE_AVAILABLE;
import static org.jocl.CL.CL_DEVICE_COMPILER_AVAILABLE;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_OPENCL_C_VERSION;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Lists every OpenCL platform and device of this machine (what {@code stromasim devices} prints). */
public final class OpenClDevices {

    private static List<OpenClDevice> cached;

    private OpenClDevices() {
    }

    /**
     * Every device of every platform, numbered in that order. Throws {@link OpenClUnavailableException}
     * when OpenCL cannot load or has no platform. Queried once per JVM.
     */
    public static synchronized List<OpenClDevice> list() {
        if (cached == null) {
            cached = List.copyOf(query());
        }
        return cached;
    }

    private static List<OpenClDevice> query() {
        List<OpenClDevice> devices = new ArrayList<>();
        for (cl_platform_id platform : OpenClLoader.platforms()) {
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            for (cl_device_id id : deviceIds(platform)) {
                devices.add(describe(devices.size(), platformName, platform, id));
            }
        }
        return devices;
    }

    private static cl_device_id[] deviceIds(cl_platform_id platform) {
        int[] count = new int[1];
        try {
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL.CL_DEVICE_NOT_FOUND) {
                return new cl_device_id[0];
            }
            throw e;
        }
        cl_device_id[] ids = new cl_device_id[count[0]];
        CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
        return ids;
    }

    private static OpenClDevice describe(int index, String platformName, cl_platform_id platform, cl_device_id id) {
        long type = deviceLong(id, CL_DEVICE_TYPE);
        OpenClDevice.Kind kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? OpenClDevice.Kind.GPU
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? OpenClDevice.Kind.CPU
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? OpenClDevice.Kind.ACCELERATOR
                : OpenClDevice.Kind.OTHER;
        String cVersion = deviceString(id, CL_DEVICE_OPENCL_C_VERSION);
        String extensions = deviceString(id, CL_DEVICE_EXTENSIONS);
        String reason = null;
        if (deviceInt(id, CL_DEVICE_AVAILABLE) == 0) {
            reason = "the device reports itself unavailable";
        } else if (deviceInt(id, CL_DEVICE_COMPILER_AVAILABLE) == 0) {
            reason = "the driver has no OpenCL C compiler";
        } else if (!OpenClDevice.supportsOpenClC12(cVersion)) {
            reason = "needs OpenCL C 1.2, the device offers '" + cVersion + "'";
        }
        return new OpenClDevice(index, platformName, deviceString(id, CL_DEVICE_NAME), kind,
                deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS), deviceSizeT(id, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                deviceString(id, CL_DEVICE_VERSION), cVersion, extensions.contains("cl_khr_fp64"), reason, platform, id);
    }

    static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    static long deviceSizeT(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return value[0];
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).trim();
    }
}
