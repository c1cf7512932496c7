package org.stromasim.io;

import java.io.IOException;

/** A directory that exists but lacks what every run directory holds (scenario.yaml and snapshots/). */
public final class NotARunDirectoryException extends IOException {

    private static final long serialVersionUID = 1L;

    public NotARunDirectoryException(String message) {
        super(message);
    }
}
