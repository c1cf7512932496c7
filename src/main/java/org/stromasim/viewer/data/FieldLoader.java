package org.stromasim.viewer.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.util.Arrays;
import org.stromasim.grid.Grid3D;
import org.stromasim.io.SnapshotHeader;
import org.stromasim.io.SnapshotIntegrity;
import org.stromasim.io.SnapshotLayout;
import org.stromasim.io.SnapshotReader;

/**
 * Reads one field of one snapshot. Only that dataset is loaded (a run's snapshot holds every field, and
 * the viewer shows one or two at a time), after {@link org.stromasim.io.SnapshotReader} has checked the
 * file's header.
 */
public final class FieldLoader {

    private FieldLoader() {
    }

    public static VolumeField load(SnapshotEntry entry, String fieldName) {
        SnapshotHeader header = SnapshotSeries.header(entry.file());
        if (!header.fieldNames().contains(fieldName)) {
            throw new ViewerInputException("snapshot " + entry.file() + " has no field '" + fieldName
                    + "' (fields there: " + String.join(", ", header.fieldNames()) + ")");
        }
        Grid3D grid = header.grid();
        try (HdfFile hdf = new HdfFile(entry.file())) {
            Dataset dataset = hdf.getDatasetByPath(SnapshotLayout.fieldPath(fieldName));
            int[] expected = {grid.nz(), grid.ny(), grid.nx()};
            if (!Arrays.equals(dataset.getDimensions(), expected)) {
                throw new ViewerInputException("field " + fieldName + " in " + entry.file() + " has shape "
                        + Arrays.toString(dataset.getDimensions()) + ", expected [nz, ny, nx] = "
                        + Arrays.toString(expected));
            }
            if (!(dataset.getDataFlat() instanceof float[] values)) {
                throw new ViewerInputException("field " + fieldName + " in " + entry.file() + " is not float32");
            }
            // the viewer reads the dataset itself, so it makes the checks SnapshotReader makes on a field
            SnapshotIntegrity.verify(entry.file(), header.formatVersion(), dataset, values);
            if (fieldName.equals(SnapshotLayout.FIELD_CELL)) {
                SnapshotReader.requireCellCodes(entry.file(), values, grid);
            }
            Attribute units = dataset.getAttribute(SnapshotLayout.ATTR_UNITS);
            String unit = units != null && units.getData() instanceof String text ? text : "";
            return new VolumeField(fieldName, unit, header.info().timeS(), grid.nx(), grid.ny(), grid.nz(),
                    grid.sizeXUm(), grid.sizeYUm(), grid.sizeZUm(), values);
        } catch (java.io.IOException damaged) {
            throw new ViewerInputException("cannot use snapshot " + damaged.getMessage(), damaged);
        } catch (HdfException unreadable) {
            throw new ViewerInputException("cannot read field " + fieldName + " from " + entry.file() + ": "
                    + unreadable.getMessage(), unreadable);
        }
    }
}
