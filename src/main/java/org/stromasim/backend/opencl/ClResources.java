package org.stromasim.backend.opencl;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Owner of a backend's OpenCL objects (queue, kernels, buffers). JOCL handles are not AutoCloseable;
 * everything created through this owner is released in reverse order by {@link #close()}, also when
 * a later creation failed half-way through a constructor.
 */
final class ClResources implements AutoCloseable {

    private final cl_context context;
    private final Deque<Runnable> releases = new ArrayDeque<>();
    private long allocatedBytes;

    ClResources(cl_context context) {
        this.context = context;
    }

    @SuppressWarnings("deprecation") // clCreateCommandQueue: the OpenCL 1.2 call (NVIDIA has no 2.0 queues)
    cl_command_queue queue(OpenClDevice device) {
        cl_command_queue q = CL.clCreateCommandQueue(context, device.device(), 0, null);
        releases.push(() -> CL.clReleaseCommandQueue(q));
        return q;
    }

    cl_kernel kernel(cl_kernel k) {
        releases.push(() -> CL.clReleaseKernel(k));
        return k;
    }

    /** A device buffer of {@code bytes} bytes (uninitialised). */
    cl_mem buffer(long flags, long bytes) {
        cl_mem m = CL.clCreateBuffer(context, flags, Math.max(bytes, 1), null, null);
        allocatedBytes += Math.max(bytes, 1);
        releases.push(() -> CL.clReleaseMemObject(m));
        return m;
    }

    /** A read-only device buffer initialised from {@code host}. */
    cl_mem readOnly(Pointer host, long bytes) {
        cl_mem m = CL.clCreateBuffer(context, CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes, host, null);
        allocatedBytes += bytes;
        releases.push(() -> CL.clReleaseMemObject(m));
        return m;
    }

    /** Bytes of every buffer created so far (what the device memory plan must cover). */
    long allocatedBytes() {
        return allocatedBytes;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!releases.isEmpty()) {
            try {
                releases.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
