package org.stromasim.backend.opencl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a kernel file from the classpath ({@code kernels/NAME.cl}, packaged from the project's kernels/). */
final class KernelSource {

    private KernelSource() {
    }

    /** @param resourcePath e.g. "kernels/transport.cl" */
    static String read(String resourcePath) {
        try (InputStream in = KernelSource.class.getClassLoader().getResourceAsStream(resourcePath)) {
            if (in == null) {
                throw new IllegalStateException("kernel file " + resourcePath + " is not on the classpath "
                        + "(the build packages kernels/ into the jar; is this a partial build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel file " + resourcePath, e);
        }
    }
}
