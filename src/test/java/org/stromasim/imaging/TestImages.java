package org.stromasim.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writers for test images, written here from the format definitions and independent of the readers
 * under test: a NRRD header and data, and a baseline TIFF (uncompressed, one strip per page).
 */
public final class TestImages {

    private TestImages() {
    }

    /** The test pattern: a value that names its own sample, i + 10·j + 100·k. */
    public static float pattern(int i, int j, int k) {
        return i + 10 * j + 100 * k;
    }

    /** A NRRD file: {@code header} lines (without magic and blank line) then data in the given encoding. */
    public static Path nrrd(Path file, String header, byte[] data, boolean gzip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("NRRD0004\n" + header + (header.endsWith("\n") ? "" : "\n") + "\n").getBytes(StandardCharsets.US_ASCII));
        if (gzip) {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write(data);
            }
            out.write(z.toByteArray());
        } else {
            out.write(data);
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Samples of the pattern as unsigned 16-bit, x fastest. */
    public static byte[] uint16Pattern(int nx, int ny, int nz, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(2 * nx * ny * nz).order(order);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    b.putShort((short) pattern(i, j, k));
                }
            }
        }
        return b.array();
    }

    /** Samples as 32-bit float, x fastest. */
    public static byte[] float32(float[] values, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /**
     * A little-endian baseline TIFF of {@code nz} grayscale pages of nx × ny, 16-bit unsigned
     * ({@code float32 = false}) or 32-bit float, uncompressed, each page one strip followed by its IFD.
     */
    public static Path tiff(Path file, int nx, int ny, int nz, float[] values, boolean float32) throws IOException {
        int bytesPerSample = float32 ? 4 : 2;
        int pageBytes = nx * ny * bytesPerSample;
        int entries = 10;
        int ifdBytes = 2 + 12 * entries + 4;
        ByteBuffer b = ByteBuffer.allocate(8 + nz * (pageBytes + ifdBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8 + pageBytes);
        for (int k = 0; k < nz; k++) {
            int dataAt = b.position();
            for (int v = k * nx * ny; v < (k + 1) * nx * ny; v++) {
                if (float32) {
                    b.putFloat(values[v]);
                } else {
                    b.putShort((short) values[v]);
                }
            }
            b.putShort((short) entries);
            entry(b, 256, 4, nx); // ImageWidth
            entry(b, 257, 4, ny); // ImageLength
            entry(b, 258, 3, 8 * bytesPerSample); // BitsPerSample
            entry(b, 259, 3, 1); // Compression: none
            entry(b, 262, 3, 1); // Photometric: BlackIsZero
            entry(b, 273, 4, dataAt); // StripOffsets
            entry(b, 277, 3, 1); // SamplesPerPixel
            entry(b, 278, 4, ny); // RowsPerStrip
            entry(b, 279, 4, pageBytes); // StripByteCounts
            entry(b, 339, 3, float32 ? 3 : 1); // SampleFormat: IEEE float or unsigned integer
            boolean last = k == nz - 1;
            b.putInt(last ? 0 : b.position() + 4 + pageBytes);
        }
        Files.write(file, b.array());
        return file;
    }

    /**
     * A calibration for {@link #calibratedTiff}: XResolution and YResolution as the rationals
     * {@code xPixels/xUnits} and {@code yPixels/yUnits} (pixels per unit), ResolutionUnit (1 none, 2 inch,
     * 3 centimetre), and an ImageDescription on the first page (null: none), e.g. ImageJ's
     * "ImageJ=1.54f\nimages=3\nslices=3\nunit=micron\nspacing=2.5\n".
     */
    public record Calibration(int xPixels, int xUnits, int yPixels, int yUnits, int resolutionUnit, String description) {
    }

    /**
     * As {@link #tiff} (16-bit unsigned), with the calibration tags of {@code c} on every page: the
     * rationals and the description sit after the header, the pages after them.
     */
    public static Path calibratedTiff(Path file, int nx, int ny, int nz, float[] values, Calibration c)
            throws IOException {
        byte[] description = c.description() == null ? new byte[0]
                : (c.description() + "\0").getBytes(StandardCharsets.ISO_8859_1);
        int extraAt = 8;
        int extraBytes = 16 + description.length + (description.length % 2);
        int pageBytes = nx * ny * 2;
        int entries = c.description() == null ? 13 : 14;
        int ifdBytes = 2 + 12 * entries + 4;
        int firstPage = extraAt + extraBytes;
        ByteBuffer b = ByteBuffer.allocate(firstPage + nz * (pageBytes + ifdBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(firstPage + pageBytes);
        b.putInt(c.xPixels()).putInt(c.xUnits()).putInt(c.yPixels()).putInt(c.yUnits()).put(description);
        b.position(firstPage);
        for (int k = 0; k < nz; k++) {
            int dataAt = b.position();
            for (int v = k * nx * ny; v < (k + 1) * nx * ny; v++) {
                b.putShort((short) values[v]);
            }
            b.putShort((short) entries);
            entry(b, 256, 4, nx);
            entry(b, 257, 4, ny);
            entry(b, 258, 3, 16);
            entry(b, 259, 3, 1);
            entry(b, 262, 3, 1);
            if (c.description() != null) {
                b.putShort((short) 270).putShort((short) 2).putInt(description.length).putInt(extraAt + 16);
            }
            entry(b, 273, 4, dataAt);
            entry(b, 277, 3, 1);
            entry(b, 278, 4, ny);
            entry(b, 279, 4, pageBytes);
            b.putShort((short) 282).putShort((short) 5).putInt(1).putInt(extraAt);     // XResolution (RATIONAL)
            b.putShort((short) 283).putShort((short) 5).putInt(1).putInt(extraAt + 8); // YResolution (RATIONAL)
            entry(b, 296, 3, c.resolutionUnit());
            entry(b, 339, 3, 1);
            b.putInt(k == nz - 1 ? 0 : b.position() + 4 + pageBytes);
        }
        Files.write(file, b.array());
        return file;
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** The pattern for nx × ny × nz samples, x fastest. */
    public static float[] patternVolume(int nx, int ny, int nz) {
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[i + nx * (j + ny * k)] = pattern(i, j, k);
                }
            }
        }
        return v;
    }
}
