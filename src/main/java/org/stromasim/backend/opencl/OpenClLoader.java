package org.stromasim.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_platform_id;

/**
 * Loads JOCL and the system's OpenCL ICD loader once, and translates the ways that fails into one
 * line with the cause and the fix:
 * <ul>
 *   <li>no unversioned {@code libOpenCL.so} (Debian's {@code ocl-icd-opencl-dev} provides it; the
 *       runtime package only has {@code libOpenCL.so.1}): JOCL throws {@link UnsatisfiedLinkError} on
 *       the first use and {@link NoClassDefFoundError} on every later one, since its class failed to
 *       initialise;</li>
 *   <li>a loader but no driver registered in {@code /etc/OpenCL/vendors}: {@code clGetPlatformIDs}
 *       returns {@code CL_PLATFORM_NOT_FOUND_KHR} (−1001).</li>
 * </ul>
 */
public final class OpenClLoader {

    /** The ICD loader's "no platform" status (cl_khr_icd), not among JOCL's constants. */
    public static final int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    static final String LOADER_FIX = "install the OpenCL ICD loader with its unversioned libOpenCL.so "
            + "(Debian/Ubuntu: apt-get install ocl-icd-libopencl1 ocl-icd-opencl-dev, or native/install-opencl-cpu.sh), "
            + "or add the directory holding libOpenCL.so to LD_LIBRARY_PATH";
    static final String DRIVER_FIX = "install an OpenCL driver: pocl-opencl-icd for CPUs "
            + "(native/install-opencl-cpu.sh), or the GPU vendor's OpenCL ICD; `clinfo -l` must list a platform";

    private static OpenClUnavailableException failure;
    private static boolean loaded;

    private OpenClLoader() {
    }

    /** The platforms of this machine; throws {@link OpenClUnavailableException} when there are none. */
    static synchronized cl_platform_id[] platforms() {
        ensureLoaded();
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            if (e.getStatus() == CL_PLATFORM_NOT_FOUND_KHR) {
                throw noPlatform(e.getStatus());
            }
            throw new OpenClUnavailableException("OpenCL is not usable: clGetPlatformIDs failed with "
                    + e.getMessage() + "; " + DRIVER_FIX, e);
        }
        if (count[0] == 0) {
            throw noPlatform(0);
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(ids.length, ids, null);
        return ids;
    }

    static OpenClUnavailableException noPlatform(int status) {
        return new OpenClUnavailableException("OpenCL is not usable: the ICD loader found no platform ("
                + (status == CL_PLATFORM_NOT_FOUND_KHR ? "CL_PLATFORM_NOT_FOUND_KHR, -1001" : "0 platforms")
                + "); " + DRIVER_FIX, null);
    }

    private static void ensureLoaded() {
        if (loaded) {
            return;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            // Every failing call then throws a CLException carrying the status name; the few calls
            // where a failure is expected (platform discovery) catch it and say what it means.
            CL.setExceptionsEnabled(true);
            loaded = true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            failure = translateLinkFailure(e);
            throw failure;
        } catch (CLException e) {
            failure = new OpenClUnavailableException("OpenCL is not usable: " + e.getMessage() + "; " + DRIVER_FIX, e);
            throw failure;
        }
    }

    /** The one-line explanation of a JOCL link failure (public for the test of its wording). */
    public static OpenClUnavailableException translateLinkFailure(Throwable e) {
        String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        return new OpenClUnavailableException("OpenCL is not usable: JOCL could not load the OpenCL ICD loader "
                + "libOpenCL.so (" + what + "); " + LOADER_FIX, e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
