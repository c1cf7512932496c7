package org.stromasim.imaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a 3D scalar NRRD file with attached data (the format of Teem, written by 3D Slicer, ITK and
 * Fiji): encodings raw, gzip and ascii; integer and floating-point sample types up to 32 bits and double;
 * spacing from {@code spacings} or a diagonal {@code space directions}; {@code space origin}; and
 * {@code space units} (µm or mm). The first axis is x (fastest). The format is a text header of
 * {@code field: value} lines ended by a blank line, simple enough that a library would add more than it
 * saves. Anything the simulation could misread (rotated axes, detached data, 64-bit integers) is refused.
 */
public final class NrrdReader {

    private NrrdReader() {
    }

    public static RawVolume read(Path file) throws IOException, VolumeFileException {
        byte[] bytes = Files.readAllBytes(file);
        int pos = 0;
        Map<String, String> fields = new HashMap<>();
        String magic = null;
        while (true) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end >= bytes.length && magic != null) {
                throw new VolumeFileException("the header has no blank line before the data (detached or missing data)");
            }
            String line = new String(bytes, pos, end - pos, StandardCharsets.ISO_8859_1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            pos = end + 1;
            if (magic == null) {
                if (!line.startsWith("NRRD000")) {
                    throw new VolumeFileException("not a NRRD file: the first line must be NRRD000<version>, got '"
                            + abbreviate(line) + "'");
                }
                magic = line;
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            if (line.startsWith("#") || line.contains(":=")) {
                continue; // comment or key/value pair, no geometry in either
            }
            int colon = line.indexOf(": ");
            if (colon < 0) {
                throw new VolumeFileException("header line '" + abbreviate(line) + "' is not 'field: value'");
            }
            fields.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 2).strip());
        }
        if (fields.containsKey("data file") || fields.containsKey("datafile")) {
            throw new VolumeFileException("field 'data file': detached data is not read; save the image as one .nrrd file"
                    + " with attached data");
        }
        int dimension = integer(require(fields, "dimension"), "dimension");
        if (dimension != 3) {
            throw new VolumeFileException("field 'dimension' is " + dimension + ": a tissue image must be 3D (one scalar"
                    + " per voxel); save one channel of a multi-channel image");
        }
        String[] sizeText = require(fields, "sizes").split("\\s+");
        if (sizeText.length != 3) {
            throw new VolumeFileException("field 'sizes' has " + sizeText.length + " numbers, dimension 3 needs 3");
        }
        int[] sizes = new int[3];
        for (int a = 0; a < 3; a++) {
            sizes[a] = integer(sizeText[a], "sizes");
            if (sizes[a] < 1) {
                throw new VolumeFileException("field 'sizes' has " + sizes[a] + " samples on axis " + a + "; must be >= 1");
            }
        }
        long count = (long) sizes[0] * sizes[1] * sizes[2];
        if (count > Integer.MAX_VALUE - 8L) {
            throw new VolumeFileException("field 'sizes': " + count + " samples is more than one Java array holds");
        }
        SampleType type = SampleType.of(require(fields, "type"));
        String encoding = require(fields, "encoding").toLowerCase(Locale.ROOT);
        for (String skip : new String[]{"line skip", "lineskip", "byte skip", "byteskip"}) {
            if (fields.containsKey(skip) && integer(fields.get(skip), skip) != 0) {
                throw new VolumeFileException("field '" + skip + "' = " + fields.get(skip) + " is not supported (only 0)");
            }
        }
        float[] values = new float[(int) count];
        switch (encoding) {
            case "raw" -> binary(new ByteArrayInputStream(bytes, pos, bytes.length - pos), fields, type, values, "raw");
            case "gzip", "gz" -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, pos, bytes.length - pos))) {
                    binary(in, fields, type, values, "gzip");
                } catch (java.util.zip.ZipException e) {
                    throw new VolumeFileException("encoding gzip: the data is not valid gzip (" + e.getMessage() + ")");
                }
            }
            case "ascii", "text", "txt" -> ascii(new String(bytes, pos, bytes.length - pos, StandardCharsets.US_ASCII), values);
            default -> throw new VolumeFileException("field 'encoding' is '" + encoding + "'; supported: raw, gzip, ascii");
        }
        double[] origin = fields.containsKey("space origin") ? vector(fields.get("space origin"), "space origin") : null;
        String directions = fields.get("space directions");
        if (directions != null) {
            return AxisAlignedDirections.of(directions).toSpaceAxes(sizes, values, origin, unitUm(fields), type.name);
        }
        return new RawVolume(sizes[0], sizes[1], sizes[2], values, spacings(fields), origin, unitUm(fields), type.name);
    }

    private static void binary(InputStream in, Map<String, String> fields, SampleType type, float[] values,
                               String encoding) throws IOException, VolumeFileException {
        long need = (long) values.length * type.bytes;
        byte[] data = in.readNBytes((int) Math.min(need, Integer.MAX_VALUE - 8L));
        if (data.length < need) {
            throw new VolumeFileException("encoding " + encoding + ": the data holds " + data.length + " bytes, sizes × "
                    + type.bytes + "-byte " + type.name + " needs " + need);
        }
        if (in.read() >= 0) {
            throw new VolumeFileException("encoding " + encoding + ": the data holds more than the " + need
                    + " bytes that sizes × " + type.bytes + "-byte " + type.name + " need");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (type.bytes > 1) {
            String endian = fields.get("endian");
            if (endian == null) {
                throw new VolumeFileException("field 'endian' is missing; a " + type.bytes + "-byte type needs little or big");
            }
            order = switch (endian.toLowerCase(Locale.ROOT)) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new VolumeFileException("field 'endian' is '" + endian + "'; allowed: little, big");
            };
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        for (int v = 0; v < values.length; v++) {
            values[v] = (float) switch (type) {
                case INT8 -> (double) b.get();
                case UINT8 -> b.get() & 0xff;
                case INT16 -> b.getShort();
                case UINT16 -> b.getShort() & 0xffff;
                case INT32 -> b.getInt();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case FLOAT32 -> b.getFloat();
                case FLOAT64 -> b.getDouble();
            };
        }
    }

    private static void ascii(String text, float[] values) throws VolumeFileException {
        String[] tokens = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        if (tokens.length != values.length) {
            throw new VolumeFileException("encoding ascii: the data holds " + tokens.length + " numbers, sizes need "
                    + values.length);
        }
        for (int v = 0; v < values.length; v++) {
            try {
                values[v] = (float) Double.parseDouble(tokens[v]);
            } catch (NumberFormatException e) {
                throw new VolumeFileException("encoding ascii: value " + (v + 1) + " '" + abbreviate(tokens[v])
                        + "' is not a number");
            }
        }
    }

    /**
     * {@code space directions} whose vectors each lie along one space axis, each axis once, in any order
     * and either sense (what ITK and 3D Slicer write for an unrotated volume, e.g. LPS with negative x and
     * y): the samples are reordered so the volume's axes run along +x, +y, +z of space. A vector with two
     * non-zero components (a rotated or sheared volume) is refused: its voxels do not lie on any grid
     * aligned with the simulation's, and resampling it would need the rotation applied to every sample.
     *
     * @param spaceAxis per file axis a, the space axis its vector runs along
     * @param stepUnits per file axis a, the signed step along that space axis, file length units
     */
    record AxisAlignedDirections(int[] spaceAxis, double[] stepUnits) {

        static AxisAlignedDirections of(String directions) throws VolumeFileException {
            String[] vectors = directions.trim().split("\\)\\s*");
            if (vectors.length != 3) {
                throw new VolumeFileException("field 'space directions' has " + vectors.length + " vectors, 3 needed");
            }
            int[] axis = new int[3];
            double[] step = new double[3];
            boolean[] used = new boolean[3];
            for (int a = 0; a < 3; a++) {
                double[] d = vector(vectors[a] + ")", "space directions");
                int along = -1;
                for (int c = 0; c < 3; c++) {
                    if (d[c] != 0) {
                        if (along >= 0) {
                            throw new VolumeFileException("field 'space directions': axis " + a + " is "
                                    + vectors[a].strip() + "), not along one space axis: rotated or sheared volumes are"
                                    + " not read (their voxels lie on no axis-aligned grid); resample it to axis-aligned"
                                    + " voxels first (3D Slicer: Resample Scalar Volume; ITK: ResampleImageFilter)");
                        }
                        along = c;
                    }
                }
                if (along < 0 || !Double.isFinite(d[along])) {
                    throw new VolumeFileException("field 'space directions': axis " + a + " is " + vectors[a].strip()
                            + "); each axis needs a finite non-zero step");
                }
                if (used[along]) {
                    throw new VolumeFileException("field 'space directions': axes run along space axis " + along
                            + " twice; each space axis must be used once");
                }
                used[along] = true;
                axis[a] = along;
                step[a] = d[along];
            }
            return new AxisAlignedDirections(axis, step);
        }

        /**
         * The samples (file order, file axis 0 fastest) as a volume whose axes are space x, y, z in
         * their + sense: spacing |step|, and the origin the centre of the sample with the lowest
         * coordinate on every axis ({@code origin} is the centre of file sample (0, 0, 0)).
         */
        RawVolume toSpaceAxes(int[] sizes, float[] values, double[] origin, double unitUm, String sampleType) {
            int[] n = new int[3];
            double[] spacing = new double[3];
            double[] corner = origin == null ? null : origin.clone();
            for (int a = 0; a < 3; a++) {
                n[spaceAxis[a]] = sizes[a];
                spacing[spaceAxis[a]] = Math.abs(stepUnits[a]);
                if (corner != null && stepUnits[a] < 0) {
                    corner[spaceAxis[a]] += (sizes[a] - 1) * stepUnits[a];
                }
            }
            float[] out = new float[values.length];
            int[] at = new int[3];
            int v = 0;
            for (int k = 0; k < sizes[2]; k++) {
                for (int j = 0; j < sizes[1]; j++) {
                    for (int i = 0; i < sizes[0]; i++) {
                        int[] file = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            at[spaceAxis[a]] = stepUnits[a] > 0 ? file[a] : sizes[a] - 1 - file[a];
                        }
                        out[at[0] + n[0] * (at[1] + n[1] * at[2])] = values[v++];
                    }
                }
            }
            return new RawVolume(n[0], n[1], n[2], out, spacing, corner, unitUm, sampleType);
        }
    }

    /** Spacing from {@code spacings} (null when absent or NaN: unknown). */
    private static double[] spacings(Map<String, String> fields) throws VolumeFileException {
        String spacings = fields.get("spacings");
        if (spacings == null) {
            return null;
        }
        String[] t = spacings.split("\\s+");
        if (t.length != 3) {
            throw new VolumeFileException("field 'spacings' has " + t.length + " numbers, 3 needed");
        }
        double[] spacing = new double[3];
        for (int a = 0; a < 3; a++) {
            spacing[a] = number(t[a], "spacings");
            if (Double.isNaN(spacing[a])) {
                return null; // NRRD's way of saying "unknown": the scenario must give it
            }
            if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) {
                throw new VolumeFileException("field 'spacings' has " + t[a] + " on axis " + a + "; must be > 0");
            }
        }
        return spacing;
    }

    private static double unitUm(Map<String, String> fields) throws VolumeFileException {
        String units = fields.get("space units");
        if (units == null) {
            return Double.NaN;
        }
        String[] names = units.replace("\"", " ").trim().split("\\s+");
        double unit = Double.NaN;
        for (String name : names) {
            double u = switch (name.toLowerCase(Locale.ROOT)) {
                case "um", "µm", "micron", "microns", "micrometer", "micrometre" -> 1.0;
                case "mm", "millimeter", "millimetre" -> 1000.0;
                case "nm" -> 0.001;
                default -> throw new VolumeFileException("field 'space units' names '" + name + "'; known: um, mm, nm");
            };
            if (!Double.isNaN(unit) && u != unit) {
                throw new VolumeFileException("field 'space units' mixes units (" + units + "); one unit for all axes");
            }
            unit = u;
        }
        return unit;
    }

    private static double[] vector(String text, String field) throws VolumeFileException {
        String t = text.strip();
        if (!t.startsWith("(") || !t.endsWith(")")) {
            throw new VolumeFileException("field '" + field + "': '" + abbreviate(t) + "' is not a vector (x,y,z)");
        }
        String[] parts = t.substring(1, t.length() - 1).split(",");
        if (parts.length != 3) {
            throw new VolumeFileException("field '" + field + "': '" + abbreviate(t) + "' has " + parts.length
                    + " components, 3 needed");
        }
        double[] v = new double[3];
        for (int c = 0; c < 3; c++) {
            v[c] = number(parts[c].strip(), field);
            if (!Double.isFinite(v[c])) {
                throw new VolumeFileException("field '" + field + "': component " + c + " is " + parts[c].strip()
                        + "; must be finite");
            }
        }
        return v;
    }

    private static String require(Map<String, String> fields, String name) throws VolumeFileException {
        String v = fields.get(name);
        if (v == null) {
            throw new VolumeFileException("field '" + name + "' is missing from the header");
        }
        return v;
    }

    private static int integer(String text, String field) throws VolumeFileException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new VolumeFileException("field '" + field + "': '" + abbreviate(text) + "' is not an integer");
        }
    }

    private static double number(String text, String field) throws VolumeFileException {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new VolumeFileException("field '" + field + "': '" + abbreviate(text) + "' is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** NRRD sample types with all their spellings in the format's definition. */
    private enum SampleType {
        INT8("int8", 1), UINT8("uint8", 1), INT16("int16", 2), UINT16("uint16", 2), INT32("int32", 4),
        UINT32("uint32", 4), FLOAT32("float32", 4), FLOAT64("float64", 8);

        final String name;
        final int bytes;

        SampleType(String name, int bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        static SampleType of(String text) throws VolumeFileException {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "signed char", "int8", "int8_t" -> INT8;
                case "uchar", "unsigned char", "uint8", "uint8_t" -> UINT8;
                case "short", "short int", "signed short", "signed short int", "int16", "int16_t" -> INT16;
                case "ushort", "unsigned short", "unsigned short int", "uint16", "uint16_t" -> UINT16;
                case "int", "signed int", "int32", "int32_t" -> INT32;
                case "uint", "unsigned int", "uint32", "uint32_t" -> UINT32;
                case "float" -> FLOAT32;
                case "double" -> FLOAT64;
                default -> throw new VolumeFileException("field 'type' is '" + text + "'; supported: int8, uint8, int16,"
                        + " uint16, int32, uint32, float, double");
            };
        }
    }
}
