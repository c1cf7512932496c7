package org.stromasim.backend.opencl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether the JDK's signal-chaining library (libjsig) is loaded into this process, and the warning
 * when an OpenCL context is about to be created on Linux without it.
 *
 * <p>Why it matters: PoCL's LLVM (and other LLVM-based OpenCL drivers) install their own handlers for
 * SIGSEGV, SIGBUS, SIGFPE and SIGILL when a context is created or a kernel is compiled, replacing the
 * JVM's. Those handlers are one-shot (SA_RESETHAND). The JVM takes SIGSEGV as a matter of course
 * (safepoint polls read a protected page; compiled code relies on faults for null checks), so the next
 * such fault runs LLVM's handler, during which SIGSEGV has its default action; a second JVM thread
 * faulting in that window kills the process (exit 139, and no hs_err file, since the JVM's handler
 * never ran). LLVM's handler also deletes the compiler's temporary files, so a kernel build under way
 * fails ("unable to rename temporary ..."). libjsig keeps the JVM's handlers installed and calls a
 * library's handler only for faults the JVM does not own.
 */
final class JvmSignalChaining {

    private static boolean warned;

    private JvmSignalChaining() {
    }

    /** True when this JVM runs on Linux (where /proc/self/maps tells what is loaded). */
    static boolean checkable() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && Files.isReadable(Path.of("/proc/self/maps"));
    }

    /** True when libjsig is mapped into this process (it must be preloaded to take effect). */
    static boolean loaded() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(line -> line.endsWith("/libjsig.so"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The command-line fix, for the warning and the docs. */
    static String fix() {
        return "LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
    }

    /**
     * Warns once on stderr when, on Linux, an OpenCL context is created in a JVM without libjsig: the
     * run may still finish, but it may also die with SIGSEGV at any later moment.
     */
    static synchronized void warnIfMissing() {
        if (warned || !checkable() || loaded()) {
            return;
        }
        warned = true;
        System.err.println("warning: the OpenCL driver's LLVM may replace the JVM's SIGSEGV handler, which can kill "
                + "this process at random (exit 139, no hs_err file) or fail a kernel build; start java with "
                + fix() + " (the JDK's signal chaining, see docs/opencl-signals.md)");
    }
}
