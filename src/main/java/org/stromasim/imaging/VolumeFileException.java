package org.stromasim.imaging;

/**
 * A tissue image file that cannot be used: the message names the item in the file (a header field, a
 * page, a dataset, a voxel) and what is allowed; the caller adds the file and the scenario key.
 */
public final class VolumeFileException extends Exception {

    private static final long serialVersionUID = 1L;

    public VolumeFileException(String message) {
        super(message);
    }
}
