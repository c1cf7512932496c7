package org.stromasim.io;

import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Two checks that every snapshot reader makes, so a damaged file is refused instead of read:
 * <ul>
 * <li><b>Length.</b> The HDF5 superblock records the file's end-of-file address; a file shorter than
 * that lost its end (a truncated copy, a full disk), and reading it would give zeros or garbage for
 * whatever lay there. The HDF5 library itself refuses such a file ("truncated file").</li>
 * <li><b>Checksums.</b> Each field dataset carries attribute {@link #ATTR_CHECKSUM}: the CRC-32C of its
 * values as stored (little-endian float32, in file order), computed from the state before it is
 * written and compared with the values read back. HDF5's own Fletcher-32 filter would do this inside
 * the format, but jhdf 0.13 cannot write it (its Fletcher-32 filter only decodes, and without
 * verifying), and a filter needs chunked storage, which the streaming writer avoids.</li>
 * </ul>
 * Files of format version 1 (before checksums) are checked for length only.
 */
public final class SnapshotIntegrity {

    /** Attribute of every field dataset: CRC-32C of its little-endian float32 values, as a long. */
    public static final String ATTR_CHECKSUM = "crc32c";
    /** First format version whose field datasets carry {@link #ATTR_CHECKSUM}. */
    static final int CHECKSUMS_SINCE_VERSION = 2;

    private SnapshotIntegrity() {
    }

    /** Refuses a file shorter than the end-of-file address its superblock records. */
    public static void requireComplete(Path file) throws IOException {
        long eof;
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            try {
                eof = Superblock.readSuperblock(channel, 0).getEndOfFileAddress();
            } catch (HdfException | java.nio.BufferUnderflowException notHdf5) {
                throw new SnapshotFormatException(file, "not an HDF5 file, so not a stromasim snapshot ("
                        + notHdf5.getMessage() + ")", notHdf5);
            }
        }
        if (size < eof) {
            throw new SnapshotFormatException(file, "truncated: the file has " + size + " bytes but its HDF5 superblock"
                    + " says it ends at byte " + eof + " (" + (eof - size) + " bytes missing: an interrupted copy or a"
                    + " full disk); it cannot be used");
        }
    }

    /** The CRC-32C of {@code values} as stored: little-endian float32. */
    public static long checksum(float[] values) {
        return checksum(values.length, i -> values[i]);
    }

    /** The CRC-32C of the field's values as the writer stores them. */
    static long checksum(SnapshotField field) {
        return checksum(field.length(), field::valueAt);
    }

    private static long checksum(int n, java.util.function.IntToDoubleFunction value) {
        CRC32C crc = new CRC32C();
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (!bytes.hasRemaining()) {
                bytes.flip();
                crc.update(bytes);
                bytes.clear();
            }
            bytes.putFloat((float) value.applyAsDouble(i));
        }
        bytes.flip();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * Compares {@code values}, read from {@code dataset} of {@code file}, with the dataset's checksum
     * attribute; required from format version {@link #CHECKSUMS_SINCE_VERSION} on.
     */
    public static void verify(Path file, int formatVersion, Dataset dataset, float[] values) throws IOException {
        if (formatVersion < CHECKSUMS_SINCE_VERSION) {
            return;
        }
        Attribute attribute = dataset.getAttribute(ATTR_CHECKSUM);
        if (attribute == null || !(attribute.getData() instanceof Long stored)) {
            throw new SnapshotFormatException(file, "field " + dataset.getPath() + " has no " + ATTR_CHECKSUM
                    + " checksum attribute (format version " + formatVersion + " writes one): the file is damaged");
        }
        long actual = checksum(values);
        if (actual != stored) {
            throw new SnapshotFormatException(file, String.format("field %s fails its checksum (CRC-32C %08x stored, "
                    + "%08x read): the data were changed or damaged after writing; the file cannot be used",
                    dataset.getPath(), stored, actual));
        }
    }
}
