package org.stromasim.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a TIFF file holds everything its directories point to: every page directory (IFD) in the
 * chain, and every strip or tile of image data. A TIFF that lost its end (an interrupted copy) otherwise
 * reads as a shorter stack, because a reader stops at the first directory it cannot reach and reports
 * fewer pages, so the tissue would be built from part of the image without a word.
 */
final class TiffExtent {

    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    /** Far more pages than any stack; a longer chain is a loop. */
    private static final int MAX_PAGES = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private final ByteOrder order;
    private final boolean big;

    private TiffExtent(FileChannel channel, ByteOrder order, boolean big) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.order = order;
        this.big = big;
    }

    /** Throws {@link VolumeFileException} naming the page and byte when a directory or its data lies past the end. */
    static void requireComplete(Path file) throws IOException, VolumeFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            channel.read(header, 0);
            header.flip();
            if (header.remaining() < 8) {
                throw new VolumeFileException("truncated: the file has " + channel.size() + " bytes, less than a TIFF header");
            }
            ByteOrder order = header.get(0) == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            header.order(order);
            boolean big = header.getShort(2) == 43;
            TiffExtent extent = new TiffExtent(channel, order, big);
            long first = big ? header.getLong(8) : Integer.toUnsignedLong(header.getInt(4));
            extent.walk(first);
        }
    }

    private void walk(long offset) throws IOException, VolumeFileException {
        int page = 0;
        while (offset != 0) {
            page++;
            if (page > MAX_PAGES) {
                throw new VolumeFileException("its page directories form a loop (more than " + MAX_PAGES + " pages)");
            }
            int countBytes = big ? 8 : 2;
            int entryBytes = big ? 20 : 12;
            int nextBytes = big ? 8 : 4;
            ByteBuffer countBuffer = read(offset, countBytes, page, "directory");
            long entries = big ? countBuffer.getLong(0) : Short.toUnsignedInt(countBuffer.getShort(0));
            long directoryBytes = entries * entryBytes + nextBytes;
            if (entries > 1_000_000) {
                throw new VolumeFileException("page " + page + " directory at byte " + offset + " claims " + entries
                        + " entries; the file is damaged");
            }
            ByteBuffer directory = read(offset + countBytes, (int) directoryBytes, page, "directory");
            long[] offsets = null;
            long[] counts = null;
            for (int e = 0; e < entries; e++) {
                int at = e * entryBytes;
                int tag = Short.toUnsignedInt(directory.getShort(at));
                if (tag == STRIP_OFFSETS || tag == TILE_OFFSETS) {
                    offsets = values(directory, at, page);
                } else if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
                    counts = values(directory, at, page);
                }
            }
            if (offsets != null && counts != null) {
                for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
                    if (offsets[i] + counts[i] > size) {
                        throw new VolumeFileException("truncated: page " + page + "'s image data end at byte "
                                + (offsets[i] + counts[i]) + " but the file has " + size
                                + " bytes (an interrupted copy?)");
                    }
                }
            }
            int next = (int) (entries * entryBytes);
            offset = big ? directory.getLong(next) : Integer.toUnsignedLong(directory.getInt(next));
        }
    }

    /** The values of one SHORT, LONG or LONG8 entry (inline or at the offset it holds). */
    private long[] values(ByteBuffer directory, int at, int page) throws IOException, VolumeFileException {
        int type = Short.toUnsignedInt(directory.getShort(at + 2));
        long count = big ? directory.getLong(at + 4) : Integer.toUnsignedLong(directory.getInt(at + 4));
        int width = switch (type) {
            case 3 -> 2;
            case 4, 13 -> 4;
            case 16, 18 -> 8;
            default -> 0;
        };
        if (width == 0 || count > 1 << 24) {
            return null;
        }
        int valueField = big ? 8 : 4;
        int valueAt = at + (big ? 12 : 8);
        ByteBuffer data;
        int base;
        if (count * width <= valueField) {
            data = directory;
            base = valueAt;
        } else {
            long where = big ? directory.getLong(valueAt) : Integer.toUnsignedLong(directory.getInt(valueAt));
            data = read(where, (int) (count * width), page, "strip table");
            base = 0;
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            int p = base + i * width;
            out[i] = switch (width) {
                case 2 -> Short.toUnsignedInt(data.getShort(p));
                case 4 -> Integer.toUnsignedLong(data.getInt(p));
                default -> data.getLong(p);
            };
        }
        return out;
    }

    private ByteBuffer read(long offset, int length, int page, String what) throws IOException, VolumeFileException {
        if (offset < 0 || offset + length > size) {
            throw new VolumeFileException("truncated: page " + page + "'s " + what + " at byte " + offset
                    + " lies beyond the end of the file (" + size + " bytes; an interrupted copy?)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(order);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }
}
