package org.stromasim.backend.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * The OpenCL context of one device and the programs built in it, kept for the life of the JVM: a
 * kernel build takes seconds on PoCL (LLVM), so every backend on the same device reuses the same
 * context and programs. Backends own their queues, buffers and kernel objects and release them;
 * contexts and programs are released only when the process exits.
 */
final class DeviceContext {

    /**
     * OpenCL C 1.2 everywhere (NVIDIA offers no more, and nothing newer is needed), and the layout
     * constants the kernels share with the host ({@link KernelConstants}), for every program.
     */
    static final String BUILD_OPTIONS = "-cl-std=CL1.2 " + KernelConstants.buildOptions();

    private static final Map<cl_device_id, DeviceContext> CONTEXTS = new HashMap<>();

    private final OpenClDevice device;
    private final cl_context context;
    private final Map<String, cl_program> programs = new HashMap<>();

    private DeviceContext(OpenClDevice device) {
        this.device = device;
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        JvmSignalChaining.warnIfMissing();
        this.context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null, null);
    }

    static synchronized DeviceContext of(OpenClDevice device) {
        return CONTEXTS.computeIfAbsent(device.device(), d -> new DeviceContext(device));
    }

    cl_context context() {
        return context;
    }

    OpenClDevice device() {
        return device;
    }

    /** The program of {@code resourcePath} built with {@link #BUILD_OPTIONS}, built on first use. */
    synchronized cl_program program(String resourcePath) {
        return program(resourcePath, "");
    }

    /**
     * The program of {@code resourcePath} built with {@link #BUILD_OPTIONS} plus {@code defines}
     * (e.g. {@code -DSPECIES=4}), built on first use of that combination: kernels specialised for a
     * model's shape (species count, drug index) are built once per shape.
     */
    synchronized cl_program program(String resourcePath, String defines) {
        String options = defines.isEmpty() ? BUILD_OPTIONS : BUILD_OPTIONS + " " + defines;
        String key = resourcePath + "\n" + options;
        cl_program program = programs.get(key);
        if (program == null) {
            program = build(resourcePath, KernelSource.read(resourcePath), options);
            programs.put(key, program);
        }
        return program;
    }

    /**
     * The program of several kernel files concatenated in order (a later file uses the macros and
     * helpers of an earlier one, e.g. kernels/rkl2.cl after kernels/transport.cl), built and cached
     * like {@link #program(String, String)}.
     */
    synchronized cl_program program(String[] resourcePaths, String defines) {
        if (resourcePaths.length == 1) {
            return program(resourcePaths[0], defines);
        }
        String options = defines.isEmpty() ? BUILD_OPTIONS : BUILD_OPTIONS + " " + defines;
        String name = String.join("+", resourcePaths);
        String key = name + "\n" + options;
        cl_program program = programs.get(key);
        if (program == null) {
            StringBuilder source = new StringBuilder();
            for (String path : resourcePaths) {
                source.append("// ---- ").append(path).append(" ----\n").append(KernelSource.read(path)).append('\n');
            }
            program = build(name, source.toString(), options);
            programs.put(key, program);
        }
        return program;
    }

    /** Builds {@code source} (named {@code fileName} in errors); a failure carries the log. Not cached. */
    cl_program build(String fileName, String source, String options) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device.device()}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new KernelBuildException("OpenCL kernel build failed on " + device.name() + " with "
                    + CL.stringFor_errorCode(e.getStatus()), fileName, options, log, e);
        }
        return program;
    }

    /**
     * Creates kernel {@code name} of a built program. An invalid name fails here, not at build time
     * (an OpenCL built-in function name such as {@code step} compiles but cannot be a kernel).
     */
    static cl_kernel kernel(cl_program program, String fileName, String name) {
        try {
            return CL.clCreateKernel(program, name, null);
        } catch (CLException e) {
            throw new KernelBuildException("cannot create kernel '" + name + "' (" + CL.stringFor_errorCode(e.getStatus())
                    + "; a kernel must not be named like an OpenCL built-in function such as step, clamp or mix)",
                    fileName, BUILD_OPTIONS, "", e);
        }
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        int end = 0;
        while (end < log.length && log[end] != 0) {
            end++;
        }
        return new String(log, 0, end, StandardCharsets.UTF_8);
    }
}
