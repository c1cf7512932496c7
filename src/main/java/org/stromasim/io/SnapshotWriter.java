package org.stromasim.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/**
 * Writes one snapshot file {@code snap_NNNNNN.h5} (layout in {@link SnapshotLayout}): root attributes
 * describing the run and the grid, and every voxel field as float32 {@code [nz][ny][nx]} under
 * {@code /fields}, each with a {@code units} attribute. The file appears under its final name only
 * when complete (see {@link AtomicFiles}).
 *
 * <p>Memory: jhdf 0.13 writes everything at {@code close()} from Java arrays it holds until then, so
 * handing it a {@code float[nz][ny][nx]} copy of every field would double the state's memory. Instead
 * jhdf writes the structure with one shared all-zero placeholder array (nz·ny references to a single
 * row), and the field values are then streamed straight from the tissue's flat arrays into each
 * dataset's contiguous storage, whose address jhdf reports. No copy of a field is ever held; the only
 * buffer is {@link #STREAM_BUFFER_FLOATS} floats.
 */
public final class SnapshotWriter {

    /** Floats per write while streaming a field to disk (256 KiB). */
    static final int STREAM_BUFFER_FLOATS = 64 * 1024;

    private SnapshotWriter() {
    }

    /**
     * Writes {@code tissue} as {@code snapshotsDir/snap_NNNNNN.h5} (NNNNNN = {@code info.ordinal()}),
     * replacing a file of that name, and returns the header of the written file (for the XDMF index).
     */
    public static SnapshotHeader write(Path snapshotsDir, Tissue tissue, SnapshotInfo info) throws IOException {
        return write(snapshotsDir, tissue, info, List.of());
    }

    /** As {@link #write(Path, Tissue, SnapshotInfo)}, with derived fields written after the state's own. */
    public static SnapshotHeader write(Path snapshotsDir, Tissue tissue, SnapshotInfo info, List<DerivedField> derived)
            throws IOException {
        info.requireUnitsFor(tissue.speciesNames());
        for (String species : tissue.speciesNames()) {
            requireUsableSpeciesName(species);
        }
        Files.createDirectories(snapshotsDir);
        Path target = snapshotsDir.resolve(SnapshotLayout.snapshotFileName(info.ordinal()));
        List<SnapshotField> fields = new java.util.ArrayList<>(SnapshotField.of(tissue, info::unitOf, info.exposureUnit()));
        for (DerivedField d : derived) {
            if (d.values().length != tissue.grid().voxelCount()
                    || fields.stream().anyMatch(f -> f.name().equals(d.name()))) {
                throw new IllegalArgumentException("derived field '" + d.name() + "' must have one value per voxel ("
                        + tissue.grid().voxelCount() + ", got " + d.values().length + ") and a name no other field has");
            }
            fields.add(new SnapshotField(d.name(), d.units(), d.description(), d.values(), null));
        }
        List<SnapshotField> splitState = SnapshotField.splitState(tissue, info::unitOf);
        List<SnapshotField> vesselWall = SnapshotField.vesselWall(tissue.vesselWall());
        try {
            AtomicFiles.write(target, path -> {
                writeStructure(path, tissue, info, fields, splitState, vesselWall);
                streamFieldValues(path, tissue.grid(), fields, SnapshotLayout::fieldPath);
                streamFieldValues(path, tissue.grid(), splitState, SnapshotLayout::splitStatePath);
                streamFieldValues(path, tissue.grid(), vesselWall, SnapshotLayout::vesselWallPath);
            });
        } catch (IOException | RuntimeException failure) {
            // jhdf reports the operating system's error (e.g. a full disk) inside its own runtime exception
            long needed = (long) (fields.size() + splitState.size() + vesselWall.size()) * tissue.grid().voxelCount()
                    * Float.BYTES;
            throw new IOException(WriteFailure.describe(failure, target, needed)
                    + "; earlier snapshots are intact", failure);
        }
        List<String> fieldNames = fields.stream().map(SnapshotField::name).toList();
        return new SnapshotHeader(target, SnapshotLayout.FORMAT_VERSION, tissue.grid(), tissue.speciesNames(),
                fieldNames, info);
    }

    private static void requireUsableSpeciesName(String species) {
        if (species.isEmpty() || species.contains("/") || species.equals(".")
                || SnapshotField.isReservedName(species)) {
            throw new IllegalArgumentException("species name '" + species + "' cannot name a snapshot dataset: it must"
                    + " be non-empty, contain no '/', and differ from cell, stiffness_kpa, viability,"
                    + " vessel_distance_um, drug_exposure, hyaluronan_fraction");
        }
    }

    /** Root attributes, the fields group and every dataset with its attributes, values all zero. */
    private static void writeStructure(Path path, Tissue tissue, SnapshotInfo info, List<SnapshotField> fields,
                                       List<SnapshotField> splitState, List<SnapshotField> vesselWall) {
        Grid3D grid = tissue.grid();
        float[][][] zeros = sharedZeroPlaceholder(grid);
        try (WritableHdfFile file = HdfFile.write(path)) {
            file.putAttribute(SnapshotLayout.ATTR_FORMAT_VERSION, SnapshotLayout.FORMAT_VERSION);
            file.putAttribute(SnapshotLayout.ATTR_SOFTWARE_VERSION, info.softwareVersion());
            file.putAttribute(SnapshotLayout.ATTR_GRID_DIMS, new int[] {grid.nx(), grid.ny(), grid.nz()});
            file.putAttribute(SnapshotLayout.ATTR_VOXEL_UM, grid.voxelUm());
            file.putAttribute(SnapshotLayout.ATTR_TIME_S, info.timeS());
            file.putAttribute(SnapshotLayout.ATTR_STEP, info.step());
            file.putAttribute(SnapshotLayout.ATTR_SNAPSHOT_INDEX, info.ordinal());
            file.putAttribute(SnapshotLayout.ATTR_BACKEND, info.backend());
            byte[] scenarioUtf8 = info.scenarioYaml().getBytes(StandardCharsets.UTF_8);
            if (scenarioUtf8.length <= SnapshotLayout.SCENARIO_ATTRIBUTE_MAX_BYTES) {
                file.putAttribute(SnapshotLayout.ATTR_SCENARIO, info.scenarioYaml());
            } else {
                file.putDataset(SnapshotLayout.DATASET_SCENARIO_YAML, scenarioUtf8);
            }
            file.putAttribute(SnapshotLayout.ATTR_SCENARIO_NAME, info.scenarioName());
            // jhdf cannot write an empty string array; a state without species simply has no such attribute.
            if (tissue.speciesCount() > 0) {
                file.putAttribute(SnapshotLayout.ATTR_SPECIES, tissue.speciesNames().toArray(new String[0]));
            }
            putDatasets(file.putGroup(SnapshotLayout.FIELDS_GROUP), fields, zeros);
            if (!splitState.isEmpty()) {
                putDatasets(file.putGroup(SnapshotLayout.SPLIT_STATE_GROUP), splitState, zeros);
            }
            if (!vesselWall.isEmpty()) {
                putDatasets(file.putGroup(SnapshotLayout.VESSEL_WALL_GROUP), vesselWall, zeros);
            }
        }
    }

    private static void putDatasets(WritableGroup group, List<SnapshotField> fields, float[][][] zeros) {
        for (SnapshotField field : fields) {
            WritableDataset dataset = group.putDataset(field.name(), zeros);
            dataset.putAttribute(SnapshotLayout.ATTR_UNITS, field.units());
            // of the values streamed in below, so a reader can tell them from damaged ones
            dataset.putAttribute(SnapshotIntegrity.ATTR_CHECKSUM, SnapshotIntegrity.checksum(field));
            if (field.description() != null) {
                dataset.putAttribute(SnapshotLayout.ATTR_DESCRIPTION, field.description());
            }
        }
    }

    /** A [nz][ny][nx] float array whose rows are all the same zero row: nz·ny references, nx floats. */
    private static float[][][] sharedZeroPlaceholder(Grid3D grid) {
        float[] zeroRow = new float[grid.nx()];
        float[][][] placeholder = new float[grid.nz()][grid.ny()][];
        for (float[][] plane : placeholder) {
            Arrays.fill(plane, zeroRow);
        }
        return placeholder;
    }

    /**
     * Overwrites each dataset's storage with the field values. The addresses come from reading the file
     * back, and the storage is checked to be what this code relies on (contiguous, unfiltered,
     * little-endian float32 of the grid's shape), so a change in jhdf's output fails loudly here
     * rather than producing a wrong file.
     */
    private static void streamFieldValues(Path path, Grid3D grid, List<SnapshotField> fields,
                                          java.util.function.UnaryOperator<String> pathOf) throws IOException {
        if (fields.isEmpty()) {
            return;
        }
        long[] addresses = new long[fields.size()];
        try (HdfFile file = new HdfFile(path)) {
            for (int f = 0; f < fields.size(); f++) {
                addresses[f] = contiguousFloat32Address(file.getDatasetByPath(pathOf.apply(fields.get(f).name())), grid);
            }
        }
        ByteBuffer bytes = ByteBuffer.allocate(STREAM_BUFFER_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            for (int f = 0; f < fields.size(); f++) {
                writeField(channel, addresses[f], fields.get(f), bytes);
            }
        }
    }

    private static long contiguousFloat32Address(Dataset dataset, Grid3D grid) throws IOException {
        int[] expected = {grid.nz(), grid.ny(), grid.nx()};
        boolean float32LittleEndian = dataset.getDataType() instanceof FloatingPoint fp && fp.getSize() == Float.BYTES
                && fp.getByteOrder() == ByteOrder.LITTLE_ENDIAN;
        if (!(dataset instanceof ContiguousDataset contiguous) || !dataset.getFilters().isEmpty()
                || !float32LittleEndian || !Arrays.equals(dataset.getDimensions(), expected)) {
            throw new IOException("jhdf laid out dataset " + dataset.getPath() + " unexpectedly (" + dataset.getDataLayout()
                    + ", " + Arrays.toString(dataset.getDimensions()) + "); expected contiguous unfiltered little-endian"
                    + " float32 " + Arrays.toString(expected) + ". The jhdf version may have changed.");
        }
        return contiguous.getDataAddress();
    }

    private static void writeField(FileChannel channel, long address, SnapshotField field, ByteBuffer bytes)
            throws IOException {
        // The float view spans the whole buffer; the byte limit is set per chunk below.
        FloatBuffer floats = bytes.clear().asFloatBuffer();
        long position = address;
        int n = field.length();
        for (int start = 0; start < n; start += STREAM_BUFFER_FLOATS) {
            int count = Math.min(STREAM_BUFFER_FLOATS, n - start);
            floats.clear();
            if (field.floats() != null) {
                floats.put(field.floats(), start, count);
            } else {
                for (int i = start; i < start + count; i++) {
                    floats.put(field.codes()[i]);
                }
            }
            bytes.clear().limit(count * Float.BYTES);
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        }
    }
}
