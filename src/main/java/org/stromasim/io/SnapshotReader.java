package org.stromasim.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * Reads snapshot files written by {@link SnapshotWriter} (for resume, the viewer and reports). Every
 * problem is reported as one message naming the file and what is wrong: missing file, not HDF5, not a
 * stromasim snapshot, a format version newer than this code, a missing attribute or field, a field of
 * the wrong shape or type, or a cell code that does not exist.
 */
public final class SnapshotReader {

    private SnapshotReader() {
    }

    /** Reads the full state and its header. Holds at most one field's worth of extra memory at a time. */
    public static Snapshot read(Path file) throws IOException {
        try (HdfFile hdf = open(file)) {
            SnapshotHeader header = readHeader(file, hdf);
            Tissue tissue = new Tissue(header.grid(), header.speciesNames());
            if (header.fieldNames().contains(SnapshotLayout.FIELD_HYALURONAN)) {
                tissue.gagFractionOrCreate();
            }
            for (SnapshotField field : SnapshotField.of(tissue, header.info()::unitOf, header.info().exposureUnit())) {
                readField(file, hdf, header, field, SnapshotLayout.fieldPath(field.name()));
            }
            readSplitState(file, hdf, header, tissue);
            readVesselWall(file, hdf, header, tissue);
            return new Snapshot(tissue, header);
        }
    }

    /**
     * Reads one field written beside the state ({@link DerivedField}, e.g. the interstitial pressure), with
     * the same shape, type and integrity checks as the state's fields; null when the snapshot has no such
     * field (a run without that model).
     */
    public static float[] readDerivedField(Path file, String name) throws IOException {
        try (HdfFile hdf = open(file)) {
            SnapshotHeader header = readHeader(file, hdf);
            if (!header.fieldNames().contains(name)) {
                return null;
            }
            float[] values = new float[header.grid().voxelCount()];
            readField(file, hdf, header, new SnapshotField(name, "", null, values, null), SnapshotLayout.fieldPath(name));
            return values;
        } catch (HdfException unreadable) {
            throw new SnapshotFormatException(file, "cannot read field " + name + " (" + unreadable.getMessage() + ")",
                    unreadable);
        }
    }

    /** Reads attributes and the field list only, without loading voxel values. */
    public static SnapshotHeader readHeader(Path file) throws IOException {
        try (HdfFile hdf = open(file)) {
            return readHeader(file, hdf);
        }
    }

    private static HdfFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no snapshot file here");
        }
        SnapshotIntegrity.requireComplete(file);
        try {
            return new HdfFile(file);
        } catch (HdfException notHdf5) {
            throw new SnapshotFormatException(file, "not an HDF5 file, so not a stromasim snapshot ("
                    + notHdf5.getMessage() + ")", notHdf5);
        }
    }

    private static SnapshotHeader readHeader(Path file, HdfFile hdf) throws IOException {
        try {
            return parseHeader(file, hdf);
        } catch (HdfException unreadable) {
            throw new SnapshotFormatException(file, "damaged or unreadable HDF5 content (" + unreadable.getMessage() + ")",
                    unreadable);
        }
    }

    private static SnapshotHeader parseHeader(Path file, HdfFile hdf) throws IOException {
        Attribute version = hdf.getAttribute(SnapshotLayout.ATTR_FORMAT_VERSION);
        if (version == null) {
            throw new SnapshotFormatException(file, "an HDF5 file but not a stromasim snapshot (no root attribute "
                    + SnapshotLayout.ATTR_FORMAT_VERSION + ")");
        }
        int formatVersion = integer(file, version);
        if (formatVersion > SnapshotLayout.FORMAT_VERSION) {
            throw new SnapshotFormatException(file, "snapshot format version " + formatVersion
                    + " is newer than this stromasim reads (up to " + SnapshotLayout.FORMAT_VERSION
                    + "); open it with a newer stromasim");
        }
        if (formatVersion < 1) {
            throw new SnapshotFormatException(file, "invalid snapshot format version " + formatVersion
                    + " (allowed: 1.." + SnapshotLayout.FORMAT_VERSION + ")");
        }
        Grid3D grid = grid(file, hdf);
        List<String> species = species(file, hdf);
        Group fieldsGroup = fieldsGroup(file, hdf);

        Map<String, String> speciesUnits = new LinkedHashMap<>();
        for (String name : species) {
            speciesUnits.put(name, units(file, requireField(file, fieldsGroup, name)));
        }
        String exposureUnit = units(file, requireField(file, fieldsGroup, SnapshotLayout.FIELD_DRUG_EXPOSURE));

        SnapshotInfo info;
        try {
            info = new SnapshotInfo(
                        longValue(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_STEP)),
                        doubleValue(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_TIME_S)),
                        integer(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_SNAPSHOT_INDEX)),
                        string(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_BACKEND)),
                        string(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_SOFTWARE_VERSION)),
                        scenarioText(file, hdf),
                        string(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_SCENARIO_NAME)),
                        speciesUnits,
                        exposureUnit);
        } catch (IllegalArgumentException invalid) {
            throw new SnapshotFormatException(file, "invalid run information: " + invalid.getMessage(), invalid);
        }
        return new SnapshotHeader(file, formatVersion, grid, species, fieldNames(file, fieldsGroup, species), info);
    }

    /** The fixed fields and the species in file-format order, then any extra dataset a later tool added. */
    private static List<String> fieldNames(Path file, Group fieldsGroup, List<String> species) throws IOException {
        List<String> names = new ArrayList<>(List.of(SnapshotLayout.FIELD_CELL, SnapshotLayout.FIELD_STIFFNESS,
                SnapshotLayout.FIELD_VIABILITY, SnapshotLayout.FIELD_VESSEL_DISTANCE));
        names.addAll(species);
        names.add(SnapshotLayout.FIELD_DRUG_EXPOSURE);
        for (String name : names) {
            requireField(file, fieldsGroup, name);
        }
        for (Map.Entry<String, Node> child : fieldsGroup.getChildren().entrySet()) {
            if (!names.contains(child.getKey()) && child.getValue() instanceof Dataset) {
                names.add(child.getKey());
            }
        }
        return names;
    }

    private static Grid3D grid(Path file, HdfFile hdf) throws IOException {
        Object dims = requireAttribute(file, hdf, SnapshotLayout.ATTR_GRID_DIMS).getData();
        if (!(dims instanceof int[] nxyz) || nxyz.length != 3) {
            throw new SnapshotFormatException(file, "root attribute " + SnapshotLayout.ATTR_GRID_DIMS
                    + " must be three int32 values [nx, ny, nz], got " + describe(dims));
        }
        double voxelUm = doubleValue(file, requireAttribute(file, hdf, SnapshotLayout.ATTR_VOXEL_UM));
        try {
            return new Grid3D(nxyz[0], nxyz[1], nxyz[2], voxelUm);
        } catch (IllegalArgumentException invalid) {
            throw new SnapshotFormatException(file, "invalid grid: " + invalid.getMessage(), invalid);
        }
    }

    private static List<String> species(Path file, HdfFile hdf) throws IOException {
        Attribute attribute = hdf.getAttribute(SnapshotLayout.ATTR_SPECIES);
        if (attribute == null) {
            return List.of(); // written for a state without species
        }
        Object names = attribute.getData();
        if (names instanceof String[] array) {
            return List.of(array);
        }
        if (names instanceof String single) {
            return List.of(single);
        }
        throw new SnapshotFormatException(file, "root attribute " + SnapshotLayout.ATTR_SPECIES
                + " must be a list of strings, got " + describe(names));
    }

    private static String scenarioText(Path file, HdfFile hdf) throws IOException {
        Attribute attribute = hdf.getAttribute(SnapshotLayout.ATTR_SCENARIO);
        if (attribute != null) {
            return string(file, attribute);
        }
        Node node = hdf.getChild(SnapshotLayout.DATASET_SCENARIO_YAML);
        if (node instanceof Dataset dataset && dataset.getData() instanceof byte[] utf8) {
            return new String(utf8, StandardCharsets.UTF_8);
        }
        throw new SnapshotFormatException(file, "no scenario text (neither root attribute "
                + SnapshotLayout.ATTR_SCENARIO + " nor dataset /" + SnapshotLayout.DATASET_SCENARIO_YAML + ")");
    }

    private static Group fieldsGroup(Path file, HdfFile hdf) throws IOException {
        Node node = hdf.getChild(SnapshotLayout.FIELDS_GROUP);
        if (!(node instanceof Group group)) {
            throw new SnapshotFormatException(file, "no group /" + SnapshotLayout.FIELDS_GROUP);
        }
        return group;
    }

    private static Dataset requireField(Path file, Group fieldsGroup, String name) throws IOException {
        Node node = fieldsGroup.getChild(name);
        if (!(node instanceof Dataset dataset)) {
            throw new SnapshotFormatException(file, "missing field dataset " + SnapshotLayout.fieldPath(name));
        }
        return dataset;
    }

    /**
     * The split scheme's state ({@link SnapshotLayout#SPLIT_STATE_GROUP}), when the file has it: the
     * rebalancing term of each species stored there; a dataset that names no species is refused.
     */
    private static void readSplitState(Path file, HdfFile hdf, SnapshotHeader header, Tissue tissue) throws IOException {
        Node node = hdf.getChild(SnapshotLayout.SPLIT_STATE_GROUP);
        if (node == null) {
            return;
        }
        if (!(node instanceof Group group)) {
            throw new SnapshotFormatException(file, "/" + SnapshotLayout.SPLIT_STATE_GROUP + " is not a group");
        }
        for (String name : group.getChildren().keySet()) {
            int s = tissue.speciesNames().indexOf(name);
            if (s < 0) {
                throw new SnapshotFormatException(file, "split-state dataset " + SnapshotLayout.splitStatePath(name)
                        + " names no species of the file (" + tissue.speciesNames() + ")");
            }
            SnapshotField field = new SnapshotField(name, "", null, tissue.rebalancePerSOrCreate(s), null);
            readField(file, hdf, header, field, SnapshotLayout.splitStatePath(name));
        }
    }

    /**
     * The vessel wall ({@link SnapshotLayout#VESSEL_WALL_GROUP}), when the file has it: both datasets,
     * finite, S/V >= 0 and fractions in 0..1; a file without the group is a voxel-mask state.
     */
    private static void readVesselWall(Path file, HdfFile hdf, SnapshotHeader header, Tissue tissue) throws IOException {
        Grid3D grid = header.grid();
        Node node = hdf.getChild(SnapshotLayout.VESSEL_WALL_GROUP);
        if (node == null) {
            return;
        }
        if (!(node instanceof Group group)) {
            throw new SnapshotFormatException(file, "/" + SnapshotLayout.VESSEL_WALL_GROUP + " is not a group");
        }
        org.stromasim.tissue.VesselWall wall = new org.stromasim.tissue.VesselWall(new float[grid.voxelCount()],
                new float[grid.voxelCount()]);
        for (SnapshotField field : SnapshotField.vesselWall(wall)) {
            if (!(group.getChild(field.name()) instanceof Dataset)) {
                throw new SnapshotFormatException(file, "missing dataset "
                        + SnapshotLayout.vesselWallPath(field.name()));
            }
            readField(file, hdf, header, field, SnapshotLayout.vesselWallPath(field.name()));
            boolean fraction = field.name().equals(SnapshotLayout.VESSEL_VOLUME_FRACTION);
            float[] values = field.floats();
            for (int v = 0; v < values.length; v++) {
                if (!(values[v] >= 0) || !Float.isFinite(values[v]) || (fraction && values[v] > 1)) {
                    throw new SnapshotFormatException(file, SnapshotLayout.vesselWallPath(field.name()) + " at voxel "
                            + v + " is " + values[v] + "; allowed " + (fraction ? "0..1" : "finite >= 0"));
                }
            }
        }
        byte[] plasmaGroup = null;
        if (group.getChild(SnapshotLayout.VESSEL_PLASMA_GROUP) instanceof Dataset) {
            SnapshotField field = SnapshotField.plasmaGroup(new float[grid.voxelCount()]);
            String path = SnapshotLayout.vesselWallPath(field.name());
            readField(file, hdf, header, field, path);
            plasmaGroup = new byte[grid.voxelCount()];
            float[] values = field.floats();
            for (int v = 0; v < values.length; v++) {
                if (values[v] != (int) values[v] || values[v] < 0 || values[v] > Byte.MAX_VALUE) {
                    throw new SnapshotFormatException(file, path + " at voxel " + v + " is " + values[v]
                            + "; allowed integers 0.." + Byte.MAX_VALUE);
                }
                plasmaGroup[v] = (byte) values[v];
            }
        }
        float[] distance = null; // a file written before distances were stored: every centre on its wall
        if (group.getChild(SnapshotLayout.WALL_DISTANCE) instanceof Dataset) {
            SnapshotField field = SnapshotField.wallDistance(new float[grid.voxelCount()]);
            String path = SnapshotLayout.vesselWallPath(field.name());
            readField(file, hdf, header, field, path);
            distance = field.floats();
            for (int v = 0; v < distance.length; v++) {
                if (!(distance[v] >= 0) || !Float.isFinite(distance[v])) {
                    throw new SnapshotFormatException(file, path + " at voxel " + v + " is " + distance[v]
                            + "; allowed finite >= 0");
                }
            }
        }
        tissue.setVesselWall(new org.stromasim.tissue.VesselWall(wall.areaPerVolumePerUm(), wall.volumeFraction(),
                plasmaGroup, distance));
    }

    private static void readField(Path file, HdfFile hdf, SnapshotHeader header, SnapshotField field, String path)
            throws IOException {
        Grid3D grid = header.grid();
        Dataset dataset = hdf.getDatasetByPath(path);
        int[] expected = {grid.nz(), grid.ny(), grid.nx()};
        if (!Arrays.equals(dataset.getDimensions(), expected)) {
            throw new SnapshotFormatException(file, "field " + dataset.getPath() + " has shape "
                    + Arrays.toString(dataset.getDimensions()) + ", expected [nz, ny, nx] = " + Arrays.toString(expected));
        }
        Object data;
        try {
            data = dataset.getDataFlat();
        } catch (HdfException unreadable) {
            throw new SnapshotFormatException(file, "cannot read field " + dataset.getPath() + " ("
                    + unreadable.getMessage() + ")", unreadable);
        }
        if (!(data instanceof float[] values)) {
            throw new SnapshotFormatException(file, "field " + dataset.getPath() + " holds " + describe(data)
                    + ", expected float32");
        }
        SnapshotIntegrity.verify(file, header.formatVersion(), dataset, values);
        if (field.floats() != null) {
            System.arraycopy(values, 0, field.floats(), 0, values.length);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            field.codes()[i] = cellCode(file, values[i], i, grid);
        }
    }

    /**
     * Refuses a {@code cell} field holding a value that is no cell code (the viewer reads the field on
     * its own and checks it here too).
     */
    public static void requireCellCodes(Path file, float[] values, Grid3D grid) throws IOException {
        for (int i = 0; i < values.length; i++) {
            cellCode(file, values[i], i, grid);
        }
    }

    private static byte cellCode(Path file, float value, int index, Grid3D grid) throws IOException {
        int code = (int) value;
        if (code != value || code < 0 || code >= CellType.COUNT) {
            int i = index % grid.nx();
            int j = (index / grid.nx()) % grid.ny();
            int k = index / (grid.nx() * grid.ny());
            throw new SnapshotFormatException(file, "field " + SnapshotLayout.fieldPath(SnapshotLayout.FIELD_CELL)
                    + " has value " + value + " at voxel (i=" + i + ", j=" + j + ", k=" + k
                    + "), which is no cell code (allowed: integers 0.." + (CellType.COUNT - 1) + ")");
        }
        return (byte) code;
    }

    private static Attribute requireAttribute(Path file, HdfFile hdf, String name) throws IOException {
        Attribute attribute = hdf.getAttribute(name);
        if (attribute == null) {
            throw new SnapshotFormatException(file, "missing root attribute " + name);
        }
        return attribute;
    }

    private static String units(Path file, Dataset dataset) throws IOException {
        Attribute attribute = dataset.getAttribute(SnapshotLayout.ATTR_UNITS);
        if (attribute == null) {
            throw new SnapshotFormatException(file, "field " + dataset.getPath() + " has no "
                    + SnapshotLayout.ATTR_UNITS + " attribute");
        }
        return string(file, attribute);
    }

    private static String string(Path file, Attribute attribute) throws IOException {
        if (attribute.getData() instanceof String text) {
            return text;
        }
        throw typeError(file, attribute, "a string");
    }

    private static int integer(Path file, Attribute attribute) throws IOException {
        if (attribute.getData() instanceof Integer value) {
            return value;
        }
        if (attribute.getData() instanceof Long value && value == value.intValue()) {
            return value.intValue();
        }
        throw typeError(file, attribute, "an integer");
    }

    private static long longValue(Path file, Attribute attribute) throws IOException {
        if (attribute.getData() instanceof Long value) {
            return value;
        }
        if (attribute.getData() instanceof Integer value) {
            return value;
        }
        throw typeError(file, attribute, "an integer");
    }

    private static double doubleValue(Path file, Attribute attribute) throws IOException {
        if (attribute.getData() instanceof Double value) {
            return value;
        }
        if (attribute.getData() instanceof Float value) {
            return value;
        }
        throw typeError(file, attribute, "a floating-point number");
    }

    private static SnapshotFormatException typeError(Path file, Attribute attribute, String expected) {
        return new SnapshotFormatException(file, "attribute " + attribute.getName() + " must be " + expected
                + ", got " + describe(attribute.getData()));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value.getClass().isArray() ? value.getClass().getComponentType().getSimpleName() + " array"
                : value.getClass().getSimpleName() + " " + value;
    }
}
