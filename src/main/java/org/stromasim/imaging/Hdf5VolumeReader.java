package org.stromasim.imaging;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Path;

/**
 * Reads a 3D numeric dataset from an HDF5 file (jhdf). The dataset's shape is (nz, ny, nx), x fastest,
 * as numpy/h5py, Fiji and ilastik write a stack. Spacing comes from the attribute {@code element_size_um}
 * on the dataset (the name and z, y, x order Fiji's and ilastik's HDF5 exports use), the origin from
 * {@code origin_um}, also z, y, x; both are µm.
 */
public final class Hdf5VolumeReader {

    private Hdf5VolumeReader() {
    }

    public static RawVolume read(Path file, String datasetPath) throws VolumeFileException {
        try (HdfFile hdf = new HdfFile(file)) {
            Node node;
            try {
                node = hdf.getByPath(datasetPath);
            } catch (HdfException e) {
                throw new VolumeFileException("dataset " + datasetPath + " does not exist");
            }
            if (!(node instanceof Dataset dataset)) {
                throw new VolumeFileException(datasetPath + " is a group, not a dataset");
            }
            int[] dims = dataset.getDimensions();
            if (dims.length != 3) {
                throw new VolumeFileException("dataset " + datasetPath + " has " + dims.length + " dimensions "
                        + java.util.Arrays.toString(dims) + "; a tissue image must be 3D, shape (nz, ny, nx)");
            }
            Class<?> type = dataset.getJavaType();
            if (!(type == byte.class || type == short.class || type == int.class || type == long.class
                    || type == float.class || type == double.class)) {
                throw new VolumeFileException("dataset " + datasetPath + " holds " + type.getSimpleName()
                        + " values; a tissue image must hold integers or floating-point numbers");
            }
            float[] values = toFloats(dataset.getDataFlat());
            double[] spacing = attributeZyx(dataset, "element_size_um", datasetPath);
            double[] origin = attributeZyx(dataset, "origin_um", datasetPath);
            String sampleType = (type == float.class || type == double.class ? "float" : "int")
                    + dataset.getDataType().getSize() * 8;
            return new RawVolume(dims[2], dims[1], dims[0], values, spacing, origin, 1.0, sampleType);
        } catch (HdfException e) {
            throw new VolumeFileException("not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }

    /** The samples as floats, per primitive type (reflection per element would box 10⁸ values). */
    private static float[] toFloats(Object flat) {
        int n = Array.getLength(flat);
        float[] out = new float[n];
        if (flat instanceof float[] f) {
            System.arraycopy(f, 0, out, 0, n);
        } else if (flat instanceof double[] d) {
            for (int v = 0; v < n; v++) {
                out[v] = (float) d[v];
            }
        } else if (flat instanceof short[] s) {
            for (int v = 0; v < n; v++) {
                out[v] = s[v];
            }
        } else if (flat instanceof byte[] b) {
            for (int v = 0; v < n; v++) {
                out[v] = b[v];
            }
        } else if (flat instanceof int[] i) {
            for (int v = 0; v < n; v++) {
                out[v] = i[v];
            }
        } else if (flat instanceof long[] l) {
            for (int v = 0; v < n; v++) {
                out[v] = l[v];
            }
        } else {
            for (int v = 0; v < n; v++) {
                out[v] = ((Number) Array.get(flat, v)).floatValue();
            }
        }
        return out;
    }

    /** A 3-vector attribute stored z, y, x, returned x, y, z; null when absent. */
    private static double[] attributeZyx(Dataset dataset, String name, String datasetPath) throws VolumeFileException {
        Attribute a = dataset.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object data = a.getData();
        if (data == null || !data.getClass().isArray() || Array.getLength(data) != 3
                || !(Array.get(data, 0) instanceof Number)) {
            throw new VolumeFileException("attribute " + datasetPath + "/" + name + " must be 3 numbers (z, y, x), µm");
        }
        double[] xyz = new double[3];
        for (int c = 0; c < 3; c++) {
            xyz[2 - c] = ((Number) Array.get(data, c)).doubleValue();
            if (!Double.isFinite(xyz[2 - c])) {
                throw new VolumeFileException("attribute " + datasetPath + "/" + name + " has a non-finite component");
            }
        }
        return xyz;
    }
}
