package org.stromasim.bench;

import java.util.Arrays;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.stromasim.backend.opencl.DeviceSelector;
import org.stromasim.backend.opencl.OpenClDevice;
import org.stromasim.backend.opencl.OpenClDevices;

/**
 * The memory bandwidth an OpenCL device reaches on the simplest streaming kernels, measured the same
 * sitting as the step benchmarks so that their bytes/s can be read as a fraction of what the device can
 * move: a device-to-device copy (clEnqueueCopyBuffer: 2 × 4 B per float) and a STREAM triad kernel
 * a[i] = b[i] + q·c[i] (3 × 4 B per float). Each timing covers a few passes enqueued back to back and is
 * repeated {@code reps} times after one warm-up; the best and the median rate are printed (STREAM reports
 * the best).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.stromasim.bench.OpenClStream mib=512 reps=20
 * </pre>
 * Arguments: mib (size of each of the three float arrays, MiB; default 512, i.e. far beyond any cache),
 * reps (default 20), device (a name fragment; default the device the backend's {@code auto} picks).
 */
public final class OpenClStream {

    private static final String TRIAD_SOURCE = "__kernel void triad(__global float* a, __global const float* b,"
            + " __global const float* c, const float q, const unsigned n) {"
            + " size_t i = get_global_id(0); if (i < n) a[i] = b[i] + q * c[i]; }";

    /**
     * Passes enqueued back to back per timing: on a GPU one pass over 512 MiB takes a fraction of a
     * millisecond, so a single launch-and-wait would count the launch latency as lost bandwidth.
     */
    private static final int PASSES_PER_TIMING = 10;

    private OpenClStream() {
    }

    public static void main(String[] args) {
        long mib = 512;
        int reps = 20;
        String deviceName = null;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "mib" -> mib = Long.parseLong(kv[1]);
                case "reps" -> reps = Integer.parseInt(kv[1]);
                case "device" -> deviceName = kv[1];
                default -> throw new IllegalArgumentException("unknown argument " + arg
                        + " (allowed: mib=, reps=, device=)");
            }
        }
        for (OpenClDevice listed : OpenClDevices.list()) {
            System.out.printf("# found: %s, %.1f GiB, %d compute units, fp64 %s%s%n", listed.label(),
                    listed.globalMemBytes() / (double) (1L << 30), listed.computeUnits(), listed.fp64(),
                    listed.usable() ? "" : ", not usable: " + listed.unusableReason());
        }
        OpenClDevice device = deviceName == null
                ? DeviceSelector.best(OpenClDevices.list()).orElseThrow(
                        () -> new IllegalStateException("no usable OpenCL device (see `stromasim devices`)"))
                : DeviceSelector.byName(OpenClDevices.list(), deviceName);
        CL.setExceptionsEnabled(true);
        long bytes = mib << 20;
        int n = Math.toIntExact(bytes / Sizeof.cl_float);
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        cl_context context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null, null);
        cl_command_queue queue = CL.clCreateCommandQueue(context, device.device(), 0, null);
        cl_mem a = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, null);
        cl_mem b = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, null);
        cl_mem c = CL.clCreateBuffer(context, CL.CL_MEM_READ_WRITE, bytes, null, null);
        // every array written once, so no page is first touched inside a timed pass
        for (cl_mem buffer : new cl_mem[] {a, b, c}) {
            CL.clEnqueueFillBuffer(queue, buffer, Pointer.to(new float[] {1f}), Sizeof.cl_float, 0, bytes, 0, null, null);
        }
        CL.clFinish(queue);
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {TRIAD_SOURCE}, null, null);
        CL.clBuildProgram(program, 0, null, null, null, null);
        cl_kernel triad = CL.clCreateKernel(program, "triad", null);
        CL.clSetKernelArg(triad, 0, Sizeof.cl_mem, Pointer.to(a));
        CL.clSetKernelArg(triad, 1, Sizeof.cl_mem, Pointer.to(b));
        CL.clSetKernelArg(triad, 2, Sizeof.cl_mem, Pointer.to(c));
        CL.clSetKernelArg(triad, 3, Sizeof.cl_float, Pointer.to(new float[] {3f}));
        CL.clSetKernelArg(triad, 4, Sizeof.cl_int, Pointer.to(new int[] {n}));
        long local = 256;
        long global = (n + local - 1) / local * local;

        double[] copy = new double[reps];
        double[] triads = new double[reps];
        for (int r = -1; r < reps; r++) {
            long start = System.nanoTime();
            for (int k = 0; k < PASSES_PER_TIMING; k++) {
                CL.clEnqueueCopyBuffer(queue, b, a, 0, 0, bytes, 0, null, null);
            }
            CL.clFinish(queue);
            double copySeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            for (int k = 0; k < PASSES_PER_TIMING; k++) {
                CL.clEnqueueNDRangeKernel(queue, triad, 1, null, new long[] {global}, new long[] {local}, 0, null, null);
            }
            CL.clFinish(queue);
            double triadSeconds = (System.nanoTime() - start) / 1e9;
            if (r >= 0) {
                copy[r] = 2.0 * bytes * PASSES_PER_TIMING / copySeconds;
                triads[r] = 3.0 * bytes * PASSES_PER_TIMING / triadSeconds;
            }
        }
        System.out.printf("# device: %s; %d MiB per array, %d repetitions; machine: %s%n", device.label(), mib, reps,
                MachineInfo.describe());
        System.out.printf("copy  (8 B/float):  best %.1f GB/s, median %.1f GB/s%n", best(copy) / 1e9, median(copy) / 1e9);
        System.out.printf("triad (12 B/float): best %.1f GB/s, median %.1f GB/s%n", best(triads) / 1e9,
                median(triads) / 1e9);
        CL.clReleaseKernel(triad);
        CL.clReleaseProgram(program);
        for (cl_mem buffer : new cl_mem[] {a, b, c}) {
            CL.clReleaseMemObject(buffer);
        }
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }

    private static double best(double[] rates) {
        return Arrays.stream(rates).max().orElse(Double.NaN);
    }

    private static double median(double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
