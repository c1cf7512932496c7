package org.stromasim.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reader returns what an independent writer put in the file: the sample at (i, j, k) holds
 * i + 10j + 100k, so a swapped axis, a wrong byte order or a lost page shows as a wrong number; spacing,
 * origin and unit as stated in the file. Bad files give one message naming the item.
 */
class ImageReadersTest {

    @TempDir
    Path temp;

    private static void assertPattern(RawVolume v, int nx, int ny, int nz) {
        assertEquals(nx, v.nx());
        assertEquals(ny, v.ny());
        assertEquals(nz, v.nz());
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    assertEquals(TestImages.pattern(i, j, k), v.values()[v.index(i, j, k)], "sample " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void nrrdRawBigEndianWithSpacingsAndOrigin() throws Exception {
        Path f = TestImages.nrrd(temp.resolve("a.nrrd"), """
                type: unsigned short
                dimension: 3
                sizes: 4 3 5
                spacings: 2 3 7.5
                space origin: (1,-2,30)
                encoding: raw
                endian: big""", TestImages.uint16Pattern(4, 3, 5, ByteOrder.BIG_ENDIAN), false);
        RawVolume v = NrrdReader.read(f);
        assertPattern(v, 4, 3, 5);
        assertArrayEquals(new double[]{2, 3, 7.5}, v.spacing());
        assertArrayEquals(new double[]{1, -2, 30}, v.origin());
        assertTrue(Double.isNaN(v.unitUm()), "no unit stated");
    }

    @Test
    void nrrdGzipFloatWithSpaceDirectionsInMillimetres() throws Exception {
        Path f = TestImages.nrrd(temp.resolve("b.nrrd"), """
                # written by a test
                type: float
                dimension: 3
                space: left-posterior-superior
                sizes: 3 4 2
                space directions: (0.005,0,0) (0,0.004,0) (0,0,0.01)
                space origin: (0.1,0.2,0.3)
                space units: "mm" "mm" "mm"
                kinds: domain domain domain
                encoding: gzip
                endian: little""", TestImages.float32(TestImages.patternVolume(3, 4, 2), ByteOrder.LITTLE_ENDIAN), true);
        RawVolume v = NrrdReader.read(f);
        assertPattern(v, 3, 4, 2);
        assertArrayEquals(new double[]{0.005, 0.004, 0.01}, v.spacing());
        assertArrayEquals(new double[]{0.1, 0.2, 0.3}, v.origin());
        assertEquals(1000.0, v.unitUm());
    }

    @Test
    void nrrdAsciiWithoutSpacing() throws Exception {
        StringBuilder data = new StringBuilder();
        for (float x : TestImages.patternVolume(2, 2, 2)) {
            data.append(x).append(' ');
        }
        Path f = TestImages.nrrd(temp.resolve("c.nrrd"), "type: double\ndimension: 3\nsizes: 2 2 2\nencoding: ascii",
                data.toString().getBytes(StandardCharsets.US_ASCII), false);
        RawVolume v = NrrdReader.read(f);
        assertPattern(v, 2, 2, 2);
        assertNull(v.spacing());
        assertNull(v.origin());
    }

    /**
     * Axes permuted and reversed, as ITK/Slicer write an unrotated LPS volume: file axis 0 runs along
     * −z (step 2), axis 1 along +x (3), axis 2 along +y (7.5). Each file sample's centre is placed by the
     * definition, origin + i·d₀ + j·d₁ + k·d₂, and the volume read must hold its value there.
     */
    @Test
    void nrrdPermutedAndReversedAxesAreAppliedSampleBySample() throws Exception {
        Path f = TestImages.nrrd(temp.resolve("p.nrrd"), """
                type: unsigned short
                dimension: 3
                space: left-posterior-superior
                sizes: 4 3 5
                space directions: (0,0,-2) (3,0,0) (0,7.5,0)
                space origin: (1,-2,30)
                encoding: raw
                endian: little""", TestImages.uint16Pattern(4, 3, 5, ByteOrder.LITTLE_ENDIAN), false);
        RawVolume v = NrrdReader.read(f);
        assertEquals(3, v.nx());
        assertEquals(5, v.ny());
        assertEquals(4, v.nz());
        assertArrayEquals(new double[]{3, 7.5, 2}, v.spacing());
        double[][] d = {{0, 0, -2}, {3, 0, 0}, {0, 7.5, 0}};
        double[] origin = {1, -2, 30};
        for (int k = 0; k < 5; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    int[] at = new int[3];
                    for (int c = 0; c < 3; c++) {
                        double position = origin[c] + i * d[0][c] + j * d[1][c] + k * d[2][c];
                        double index = (position - v.origin()[c]) / v.spacing()[c];
                        at[c] = (int) Math.round(index);
                        assertEquals(at[c], index, 1e-12, "sample centres on the read volume's lattice");
                    }
                    assertEquals(TestImages.pattern(i, j, k), v.values()[v.index(at[0], at[1], at[2])],
                            "file sample " + i + "," + j + "," + k);
                }
            }
        }
    }

    /**
     * TIFF spacing from the file: Fiji's layout (ResolutionUnit none, pixels per µm as rationals,
     * {@code unit=} and {@code spacing=} in the ImageJ description), centimetre resolution with ImageJ's
     * spacing in cm, and nothing stated where the file has no ImageJ spacing (a 72-per-inch default) or
     * an uncalibrated "pixel" unit. The samples are the pattern in every case.
     */
    @Test
    void tiffSpacingFromResolutionTagsAndImageJDescription() throws Exception {
        float[] values = TestImages.patternVolume(4, 3, 2);
        RawVolume fiji = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("fiji.tif"), 4, 3, 2, values,
                new TestImages.Calibration(2, 5, 1, 3, 1,
                        "ImageJ=1.54f\nimages=2\nslices=2\nunit=micron\nspacing=7.5\nloop=false\n")));
        assertPattern(fiji, 4, 3, 2);
        assertArrayEquals(new double[]{2.5, 3, 7.5}, fiji.spacing(), 1e-12);
        assertEquals(1.0, fiji.unitUm());
        assertNull(fiji.origin());

        RawVolume micro = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("mu.tif"), 4, 3, 2, values,
                new TestImages.Calibration(2, 5, 1, 3, 1, "ImageJ=1.54f\nimages=2\nunit=\\u00B5m\nspacing=7.5\n")));
        assertArrayEquals(new double[]{2.5, 3, 7.5}, micro.spacing(), 1e-12);

        RawVolume cm = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("cm.tif"), 4, 3, 2, values,
                new TestImages.Calibration(5000, 1, 2500, 1, 3, "ImageJ=1.54f\nimages=2\nunit=cm\nspacing=0.0005\n")));
        assertArrayEquals(new double[]{2, 4, 5}, cm.spacing(), 1e-9);

        RawVolume dpi = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("dpi.tif"), 4, 3, 2, values,
                new TestImages.Calibration(72, 1, 72, 1, 2, null)));
        assertNull(dpi.spacing(), "a resolution alone says nothing about the distance between pages");
        assertTrue(Double.isNaN(dpi.unitUm()));

        RawVolume pixel = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("px.tif"), 4, 3, 2, values,
                new TestImages.Calibration(1, 1, 1, 1, 1, "ImageJ=1.54f\nimages=2\nunit=pixel\nspacing=1\n")));
        assertNull(pixel.spacing(), "ImageJ's uncalibrated unit");
    }

    /**
     * ImageJ's origin (pixels; pixel i at (i − origin)·size): sample (0, 0, 0) at −origin·spacing µm; an
     * absent axis is 0; without a stated spacing no origin; a malformed value is refused.
     */
    @Test
    void tiffOriginFromImageJDescription() throws Exception {
        float[] values = TestImages.patternVolume(4, 3, 2);
        RawVolume shifted = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("o.tif"), 4, 3, 2, values,
                new TestImages.Calibration(2, 5, 1, 3, 1,
                        "ImageJ=1.54f\nimages=2\nunit=micron\nspacing=7.5\nxorigin=4\nzorigin=-2.5\n")));
        assertPattern(shifted, 4, 3, 2);
        assertArrayEquals(new double[]{-10, 0, 18.75}, shifted.origin(), 1e-12);
        assertEquals(1.0, shifted.unitUm());

        RawVolume uncalibrated = TiffStackReader.read(TestImages.calibratedTiff(temp.resolve("u.tif"), 4, 3, 2, values,
                new TestImages.Calibration(1, 1, 1, 1, 1, "ImageJ=1.54f\nimages=2\nunit=pixel\nspacing=1\nxorigin=4\n")));
        assertNull(uncalibrated.origin(), "an origin in pixels without a length");

        Path bad = TestImages.calibratedTiff(temp.resolve("b.tif"), 4, 3, 2, values, new TestImages.Calibration(2, 5, 1, 3,
                1, "ImageJ=1.54f\nimages=2\nunit=micron\nspacing=7.5\nyorigin=left\n"));
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(bad)).getMessage();
        assertTrue(message.contains("ImageJ yorigin 'left'"), message);
    }

    private String nrrdError(String header, byte[] data) throws IOException {
        Path f = TestImages.nrrd(temp.resolve("bad.nrrd"), header, data, false);
        return assertThrows(VolumeFileException.class, () -> NrrdReader.read(f)).getMessage();
    }

    @Test
    void badNrrdFilesNameTheField() throws IOException {
        byte[] data = TestImages.uint16Pattern(4, 3, 5, ByteOrder.LITTLE_ENDIAN);
        String ok = "type: uint16\ndimension: 3\nsizes: 4 3 5\nencoding: raw\nendian: little";
        assertTrue(nrrdError(ok.replace("dimension: 3\nsizes: 4 3 5", "dimension: 2\nsizes: 12 5"), data)
                .contains("field 'dimension' is 2"));
        assertTrue(nrrdError(ok, java.util.Arrays.copyOf(data, 100)).contains("the data holds 100 bytes"));
        String rotated = nrrdError(ok.replace("sizes: 4 3 5", "sizes: 4 3 5\nspace directions: (1,0,0) (0.5,1,0) (0,0,1)"),
                data);
        assertTrue(rotated.contains("field 'space directions': axis 1 is (0.5,1,0), not along one space axis")
                && rotated.contains("rotated"), rotated);
        assertTrue(nrrdError(ok.replace("sizes: 4 3 5", "sizes: 4 3 5\nspace directions: (1,0,0) (2,0,0) (0,0,1)"), data)
                .contains("space axis 0 twice"));
        assertTrue(nrrdError(ok.replace("sizes: 4 3 5", "sizes: 4 3 5\nspace directions: (1,0,0) (0,0,0) (0,0,1)"), data)
                .contains("non-zero step"));
        assertTrue(nrrdError(ok + "\ndata file: a.raw", new byte[0]).contains("detached"));
        assertTrue(nrrdError(ok.replace("uint16", "int64"), data).contains("field 'type' is 'int64'"));
        assertTrue(nrrdError(ok.replace("\nendian: little", ""), data).contains("field 'endian' is missing"));
        assertTrue(nrrdError(ok.replace("encoding: raw", "encoding: bzip2"), data).contains("'bzip2'"));
    }

    @Test
    void tiffStackPagesAreZ() throws Exception {
        Path f = TestImages.tiff(temp.resolve("s.tif"), 5, 3, 4, TestImages.patternVolume(5, 3, 4), false);
        RawVolume v = TiffStackReader.read(f);
        assertPattern(v, 5, 3, 4);
        assertNull(v.spacing(), "TIFF states no voxel depth");
        assertEquals("uint16", v.sampleType());
    }

    @Test
    void tiffFloatSamples() throws Exception {
        float[] values = TestImages.patternVolume(3, 2, 2);
        values[4] = 0.125f;
        Path f = TestImages.tiff(temp.resolve("f.tif"), 3, 2, 2, values, true);
        RawVolume v = TiffStackReader.read(f);
        assertEquals(0.125f, v.values()[4]);
        assertEquals(TestImages.pattern(2, 1, 1), v.values()[v.index(2, 1, 1)]);
        assertEquals("float32", v.sampleType());
    }

    /**
     * A Deflate-compressed 16-bit stack written page by page by the JDK's own TIFF writer (another
     * implementation than the reader's) reads back as written.
     */
    @Test
    void compressedStackFromAnotherWriter() throws Exception {
        int nx = 6;
        int ny = 5;
        int nz = 3;
        Path f = temp.resolve("deflate.tif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("Deflate");
            writer.prepareWriteSequence(null);
            for (int k = 0; k < nz; k++) {
                BufferedImage page = new BufferedImage(nx, ny, BufferedImage.TYPE_USHORT_GRAY);
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        page.getRaster().setSample(i, j, 0, (int) TestImages.pattern(i, j, k));
                    }
                }
                writer.writeToSequence(new javax.imageio.IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertPattern(TiffStackReader.read(f), nx, ny, nz);
    }

    /** A stack whose second page is smaller (written by the JDK's TIFF writer) is refused, naming the page. */
    @Test
    void tiffPagesOfDifferentSizesAreRefused() throws Exception {
        Path f = temp.resolve("ragged.tif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY),
                    null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_GRAY),
                    null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage();
        assertTrue(message.contains("page 2 is 6 × 4 pixels, page 1 6 × 5"), message);
    }

    /**
     * A stack that lost its end (an interrupted copy) is refused, naming the first page that cannot be
     * reached. Without the check the reader stops at the unreachable directory and returns a shorter stack:
     * the tissue would be built from part of the image. TestImages.tiff puts each page's strip before its
     * directory (8-byte header, then 2·5·3 = 30 bytes of data and a 126-byte IFD per page), so cutting
     * the file inside page 3's data leaves page 2's link to page 3's directory pointing past the end.
     */
    @Test
    void truncatedTiffStackIsRefusedNamingTheLostPage() throws Exception {
        Path f = TestImages.tiff(temp.resolve("cut.tif"), 5, 3, 4, TestImages.patternVolume(5, 3, 4), false);
        int page = 30 + 126;
        byte[] whole = java.nio.file.Files.readAllBytes(f);
        assertEquals(8 + 4 * page, whole.length, "layout assumed above");
        java.nio.file.Files.write(f, java.util.Arrays.copyOf(whole, 8 + 2 * page + 10));
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage();
        assertTrue(message.startsWith("truncated: page 3's directory at byte " + (8 + 2 * page + 30)), message);
    }

    /**
     * A directory that survives while its image data do not (here page 1's StripOffsets, the 6th entry
     * of its IFD, moved to 10 bytes before the end) is refused too, naming where the data would end.
     */
    @Test
    void tiffWhoseImageDataLiePastTheEndIsRefused() throws Exception {
        Path f = TestImages.tiff(temp.resolve("strip.tif"), 5, 3, 1, TestImages.patternVolume(5, 3, 1), false);
        byte[] bytes = java.nio.file.Files.readAllBytes(f);
        int stripOffsetsValue = 8 + 30 + 2 + 5 * 12 + 8;
        java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(stripOffsetsValue, bytes.length - 10);
        java.nio.file.Files.write(f, bytes);
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage();
        assertTrue(message.startsWith("truncated: page 1's image data end at byte " + (bytes.length - 10 + 30)
                + " but the file has " + bytes.length + " bytes"), message);
    }

    /** The JDK writer's compressed stack, its last 8 bytes cut off, is refused as truncated. */
    @Test
    void truncatedStackFromAnotherWriterIsRefused() throws Exception {
        Path f = temp.resolve("deflate-cut.tif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int k = 0; k < 3; k++) {
                writer.writeToSequence(new javax.imageio.IIOImage(new BufferedImage(6, 5, BufferedImage.TYPE_USHORT_GRAY),
                        null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        assertEquals(3, TiffStackReader.read(f).nz(), "the whole file reads");
        byte[] whole = java.nio.file.Files.readAllBytes(f);
        java.nio.file.Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 8));
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage();
        assertTrue(message.startsWith("truncated: "), message);
    }

    @Test
    void colourTiffIsRefused() throws Exception {
        Path f = temp.resolve("rgb.tif");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "tiff", f.toFile());
        String message = assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage();
        assertTrue(message.contains("page 1 has 3 samples per pixel"), message);
    }

    @Test
    void notATiff() throws Exception {
        Path f = temp.resolve("x.tif");
        java.nio.file.Files.writeString(f, "hello");
        assertTrue(assertThrows(VolumeFileException.class, () -> TiffStackReader.read(f)).getMessage()
                .contains("not a TIFF"));
    }

    @Test
    void hdf5DatasetIsZyxWithFijiSpacing() throws Exception {
        int nx = 4;
        int ny = 3;
        int nz = 2;
        int[][][] data = new int[nz][ny][nx];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    data[k][j][i] = (int) TestImages.pattern(i, j, k);
                }
            }
        }
        Path f = temp.resolve("img.h5");
        try (WritableHdfFile w = HdfFile.write(f)) {
            WritableDataset d = w.putDataset("stiffness", data);
            d.putAttribute("element_size_um", new double[]{10, 2, 1}); // z, y, x
            d.putAttribute("origin_um", new double[]{30, 20, 5});
            w.putDataset("flat", new double[]{1, 2, 3});
        }
        RawVolume v = Hdf5VolumeReader.read(f, "/stiffness");
        assertPattern(v, nx, ny, nz);
        assertArrayEquals(new double[]{1, 2, 10}, v.spacing());
        assertArrayEquals(new double[]{5, 20, 30}, v.origin());
        assertTrue(assertThrows(VolumeFileException.class, () -> Hdf5VolumeReader.read(f, "/flat")).getMessage()
                .contains("has 1 dimensions"));
        assertTrue(assertThrows(VolumeFileException.class, () -> Hdf5VolumeReader.read(f, "/nope")).getMessage()
                .contains("dataset /nope does not exist"));
    }
}
