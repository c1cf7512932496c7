package org.stromasim.backend;

/** What the user asked to run the numerics on ({@code --backend}). */
public enum BackendChoice {
    /** The best backend available on this machine. */
    AUTO,
    /** The pure-Java reference backend (multi-threaded CPU). */
    JAVA
}
