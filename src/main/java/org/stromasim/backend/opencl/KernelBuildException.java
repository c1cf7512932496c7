package org.stromasim.backend.opencl;

/**
 * A kernel file did not compile for a device, or a kernel could not be created from it. Carries the
 * file name, the build options and the compiler's log, which is what a bug report needs.
 */
public final class KernelBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String options;
    private final String buildLog;

    public KernelBuildException(String what, String fileName, String options, String buildLog, Throwable cause) {
        super(what + " (kernel file " + fileName + ", build options \"" + options + "\")"
                + (buildLog.isBlank() ? "" : "; build log:\n" + buildLog.strip()), cause);
        this.fileName = fileName;
        this.options = options;
        this.buildLog = buildLog;
    }

    public String fileName() {
        return fileName;
    }

    public String options() {
        return options;
    }

    public String buildLog() {
        return buildLog;
    }
}
