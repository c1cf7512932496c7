package org.stromasim.imaging;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.FileImageInputStream;

/**
 * Reads a multi-page grayscale TIFF (classic or BigTIFF) as a 3D stack through the TwelveMonkeys TIFF
 * reader: column → x, row → y (row 0 first), page → z, as Fiji, tifffile and numpy lay out a stack. Every
 * page must have the same size and one sample per pixel. TIFF itself has no tag for the distance between
 * pages; the spacing is read only where the file states all three axes ({@link TiffCalibration}: the
 * XResolution/YResolution tags and ImageJ's {@code spacing=} and {@code unit=} in the ImageDescription, as
 * Fiji writes them), and with it the origin (ImageJ's {@code xorigin}/{@code yorigin}/{@code zorigin});
 * otherwise the scenario gives them.
 */
public final class TiffStackReader {

    private TiffStackReader() {
    }

    public static RawVolume read(Path file) throws IOException, VolumeFileException {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            TIFFImageReaderSpi spi = new TIFFImageReaderSpi();
            if (!spi.canDecodeInput(in)) {
                throw new VolumeFileException("not a TIFF file (no II*/MM* header)");
            }
            TiffExtent.requireComplete(file);
            ImageReader reader = spi.createReaderInstance(null);
            try {
                reader.setInput(in, false, true);
                int pages = reader.getNumImages(true);
                if (pages < 1) {
                    throw new VolumeFileException("the TIFF holds no image");
                }
                int nx = reader.getWidth(0);
                int ny = reader.getHeight(0);
                long count = (long) nx * ny * pages;
                if (count > Integer.MAX_VALUE - 8L) {
                    throw new VolumeFileException(count + " samples is more than one Java array holds");
                }
                float[] values = new float[(int) count];
                String type = null;
                for (int k = 0; k < pages; k++) {
                    if (reader.getWidth(k) != nx || reader.getHeight(k) != ny) {
                        throw new VolumeFileException("page " + (k + 1) + " is " + reader.getWidth(k) + " × "
                                + reader.getHeight(k) + " pixels, page 1 " + nx + " × " + ny
                                + "; a stack needs one size for all pages");
                    }
                    Raster raster = reader.readRaster(k, null);
                    if (raster.getNumBands() != 1) {
                        throw new VolumeFileException("page " + (k + 1) + " has " + raster.getNumBands()
                                + " samples per pixel; a tissue image must be single-channel grayscale");
                    }
                    String pageType = typeName(raster);
                    if (type == null) {
                        type = pageType;
                    } else if (!type.equals(pageType)) {
                        throw new VolumeFileException("page " + (k + 1) + " holds " + pageType + " samples, page 1 " + type);
                    }
                    int base = nx * ny * k;
                    int x0 = raster.getMinX();
                    int y0 = raster.getMinY();
                    for (int j = 0; j < ny; j++) {
                        for (int i = 0; i < nx; i++) {
                            values[base + i + nx * j] = raster.getSampleFloat(x0 + i, y0 + j, 0);
                        }
                    }
                }
                double[] spacingUm = TiffCalibration.spacingUm(reader.getImageMetadata(0));
                return spacingUm == null ? new RawVolume(nx, ny, pages, values, null, null, Double.NaN, type)
                        : new RawVolume(nx, ny, pages, values, spacingUm,
                                TiffCalibration.originUm(reader.getImageMetadata(0), spacingUm), 1.0, type);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String typeName(Raster raster) {
        int bits = raster.getSampleModel().getSampleSize(0);
        return switch (raster.getDataBuffer().getDataType()) {
            case DataBuffer.TYPE_BYTE -> bits == 8 ? "uint8" : bits + "-bit";
            case DataBuffer.TYPE_USHORT -> "uint16";
            case DataBuffer.TYPE_SHORT -> "int16";
            case DataBuffer.TYPE_INT -> "int32";
            case DataBuffer.TYPE_FLOAT -> "float32";
            case DataBuffer.TYPE_DOUBLE -> "float64";
            default -> "unknown";
        };
    }
}
