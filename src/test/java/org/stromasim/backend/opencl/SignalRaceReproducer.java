package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/**
 * Reproduces the OpenCL-driver signal race of {@link JvmSignalChaining} on demand (not a unit test: the
 * outcome depends on timing). Threads spin in compiled loops while the main thread compiles fresh
 * kernels (each compilation lets LLVM install its one-shot handlers again) and forces safepoints
 * (System.gc), so that several threads read the armed polling page, and take SIGSEGV, at once.
 * Without libjsig a run ends, in some fraction of tries, with exit 139, CL_BUILD_PROGRAM_FAILURE
 * ("unable to rename temporary"), or kernel-log lines "segfault at &lt;page&gt; ... error 4" from a
 * spinning thread; with it, none. Command in docs/opencl-signals.md.
 */
public final class SignalRaceReproducer {

    private static volatile boolean stop;
    private static volatile long sink;

    private SignalRaceReproducer() {
    }

    /** Arguments: spinning threads (default 4), compile rounds (default 10). */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("libjsig loaded: " + JvmSignalChaining.loaded());
        CL.setExceptionsEnabled(true);
        OpenClDevice device = OpenClTestDevice.get();
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        for (int t = 0; t < threads; t++) {
            Thread spinner = new Thread(SignalRaceReproducer::spin, "spinner-" + t);
            spinner.setDaemon(true);
            spinner.start();
        }
        for (int round = 0; round < rounds; round++) {
            cl_context context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null, null);
            // a source never compiled before, so PoCL runs the compiler rather than its kernel cache
            String source = "__kernel void k(__global float* x) { x[get_global_id(0)] += "
                    + (round * 1000 + System.nanoTime() % 1000) + ".0f; }";
            cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
            CL.clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
            for (int g = 0; g < 5; g++) {
                System.gc();
            }
            CL.clReleaseProgram(program);
            CL.clReleaseContext(context);
        }
        stop = true;
        System.out.println("survived " + rounds + " rounds");
    }

    private static void spin() {
        long x = 0;
        while (!stop) {
            for (int i = 0; i < 100_000; i++) {
                x += i ^ (x >>> 3);
            }
            sink = x;
        }
    }
}
