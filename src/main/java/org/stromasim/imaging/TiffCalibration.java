package org.stromasim.imaging;

import java.util.Locale;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The voxel spacing a TIFF stack states, µm, from the first page's tags as the TwelveMonkeys reader
 * exposes them (its native metadata tree, the JAI TIFF layout): x = 1/XResolution and y = 1/YResolution
 * in the ResolutionUnit (inch, centimetre; with "none", the unit ImageJ names in its ImageDescription,
 * {@code unit=}), and z = ImageJ's {@code spacing=} in that unit. TIFF has no tag of its own for the
 * distance between pages, so a file without ImageJ's {@code spacing=} states no spacing (null), and so
 * does one whose unit is unknown or "pixel" (ImageJ's uncalibrated default), or whose resolution is
 * missing, zero or not finite: a resolution of 72 per inch with no unit, what many writers put by
 * default, is not a measurement.
 *
 * <p>The origin: ImageJ writes a calibration's origin as {@code xorigin=}, {@code yorigin=} and
 * {@code zorigin=} in pixels (omitting those that are 0), and places pixel index i at
 * (i − origin)·pixel size; so the centre of sample (0, 0, 0) lies at −origin·spacing on each axis.
 */
final class TiffCalibration {

    private static final String NATIVE_FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int X_RESOLUTION = 282;
    private static final int Y_RESOLUTION = 283;
    private static final int RESOLUTION_UNIT = 296;

    private TiffCalibration() {
    }

    /** {x, y, z} spacing in µm, or null when the file does not state all three (see the class comment). */
    static double[] spacingUm(IIOMetadata metadata) throws VolumeFileException {
        if (metadata == null || !java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(NATIVE_FORMAT)) {
            return null;
        }
        Node root = metadata.getAsTree(NATIVE_FORMAT);
        String description = fieldValue(root, IMAGE_DESCRIPTION);
        String zSpacing = imageJ(description, "spacing");
        if (zSpacing == null) {
            return null;
        }
        String resolutionUnit = fieldValue(root, RESOLUTION_UNIT);
        double unitUm = switch (resolutionUnit == null ? "2" : resolutionUnit.strip()) {
            case "2" -> resolutionUnit == null ? Double.NaN : 25_400.0; // inch (TIFF's default when absent)
            case "3" -> 10_000.0;                                       // centimetre
            default -> Double.NaN;                                      // none: ImageJ's unit below
        };
        String imageJUnit = imageJ(description, "unit");
        if (Double.isNaN(unitUm)) {
            unitUm = imageJUnit == null ? Double.NaN : unitUm(imageJUnit);
        }
        double x = 1.0 / rational(fieldValue(root, X_RESOLUTION));
        double y = 1.0 / rational(fieldValue(root, Y_RESOLUTION));
        double z = number(zSpacing, "ImageJ spacing");
        double[] spacing = {x * unitUm, y * unitUm, z * unitUm};
        for (double d : spacing) {
            if (!(d > 0) || !Double.isFinite(d)) {
                return null;
            }
        }
        return spacing;
    }

    /**
     * The centre of sample (0, 0, 0), µm, from ImageJ's {@code xorigin}/{@code yorigin}/{@code zorigin}
     * (pixels; an absent one is 0), given the file's own spacing {@code spacingUm}; null when the file
     * states no spacing (an origin in pixels then has no length) or no origin at all.
     */
    static double[] originUm(IIOMetadata metadata, double[] spacingUm) throws VolumeFileException {
        if (spacingUm == null || metadata == null
                || !java.util.Arrays.asList(metadata.getMetadataFormatNames()).contains(NATIVE_FORMAT)) {
            return null;
        }
        String description = fieldValue(metadata.getAsTree(NATIVE_FORMAT), IMAGE_DESCRIPTION);
        String[] keys = {"xorigin", "yorigin", "zorigin"};
        double[] origin = new double[3];
        boolean stated = false;
        for (int a = 0; a < 3; a++) {
            String text = imageJ(description, keys[a]);
            if (text != null) {
                double pixels = number(text, "ImageJ " + keys[a]);
                if (!Double.isFinite(pixels)) {
                    throw new VolumeFileException("ImageJ " + keys[a] + " '" + text + "' in the ImageDescription is not finite");
                }
                origin[a] = -pixels * spacingUm[a];
                stated = true;
            }
        }
        return stated ? origin : null;
    }

    /** µm per ImageJ unit name, NaN for an unknown one (and for "pixel", ImageJ's uncalibrated unit). */
    private static double unitUm(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "micron", "microns", "um", "µm", "\\u00b5m", "micrometer", "micrometre" -> 1.0;
            case "mm", "millimeter", "millimetre" -> 1000.0;
            case "nm", "nanometer", "nanometre" -> 0.001;
            case "cm", "centimeter", "centimetre" -> 10_000.0;
            default -> Double.NaN;
        };
    }

    /** The value of {@code key=} on its own line of an ImageJ description, or null. */
    private static String imageJ(String description, String key) {
        if (description == null || !description.startsWith("ImageJ=")) {
            return null;
        }
        for (String line : description.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return null;
    }

    /** "a/b" as a/b; NaN when absent or malformed (then the spacing counts as not stated). */
    private static double rational(String value) {
        if (value == null) {
            return Double.NaN;
        }
        String[] parts = value.strip().split("/");
        try {
            return parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(parts[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double number(String text, String what) throws VolumeFileException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new VolumeFileException(what + " '" + text + "' in the ImageDescription is not a number");
        }
    }

    /** The first value of TIFF field {@code number} in the native tree (TIFFIFD/TIFFField/TIFF…s/TIFF…), or null. */
    private static String fieldValue(Node root, int number) {
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
            for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
                NamedNodeMap attributes = field.getAttributes();
                Node n = attributes == null ? null : attributes.getNamedItem("number");
                if (n == null || !String.valueOf(number).equals(n.getNodeValue())) {
                    continue;
                }
                Node list = field.getFirstChild();
                Node first = list == null ? null : list.getFirstChild();
                Node value = first == null || first.getAttributes() == null ? null
                        : first.getAttributes().getNamedItem("value");
                return value == null ? null : value.getNodeValue();
            }
        }
        return null;
    }
}
