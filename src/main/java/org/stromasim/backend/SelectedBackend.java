package org.stromasim.backend;

/**
 * The backend a run got, and why: {@code note} is one line for the log (for {@code auto}: which device
 * was taken, or the cause and fix when OpenCL could not be used).
 */
public record SelectedBackend(Backend backend, String note) {
}
