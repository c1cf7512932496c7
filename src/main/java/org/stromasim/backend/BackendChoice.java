package org.stromasim.backend;

/** What the user asked to run the numerics on ({@code --backend}). */
public enum BackendChoice {
    /** The best backend available: an OpenCL GPU, else an OpenCL CPU device, else Java. */
    AUTO,
    /** An OpenCL device (the best one, or the one {@code --device} names); an error when there is none. */
    OPENCL,
    /** The pure-Java reference backend (multi-threaded CPU). */
    JAVA
}
