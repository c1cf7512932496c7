package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The test JVM runs with the JDK's signal chaining (pom.xml, profile jvm-signal-chaining): without it,
 * PoCL's LLVM replaces the JVM's SIGSEGV handler and the OpenCL tests die at random with exit 139 and
 * no hs_err file (see {@link JvmSignalChaining}). The race itself is timing-dependent and is reproduced
 * by {@link SignalRaceReproducer}; this test guards the configuration that prevents it.
 */
class JvmSignalChainingTest {

    @Test
    void testJvmHasSignalChainingPreloaded() {
        assumeTrue(JvmSignalChaining.checkable(), "signal chaining is checked on Linux only");
        assertTrue(JvmSignalChaining.loaded(), "libjsig.so is not loaded into the test JVM; surefire must start it with "
                + JvmSignalChaining.fix());
    }
}
