package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.Tissue;

/**
 * A snapshot that lost its end or had one data byte changed is refused by every reader with a message
 * naming the file and the damage; the stored checksum is the CRC-32C of the bytes on disk, recomputed
 * here from the raw file (java.util.zip.CRC32C over the dataset's storage, located by jhdf).
 */
class SnapshotIntegrityTest {

    @TempDir
    Path dir;

    private Path written() throws IOException {
        Tissue tissue = TestStates.filledTissue(new Grid3D(40, 30, 20, 10.0), 11);
        return SnapshotWriter.write(dir, tissue, TestStates.info(0, 1.5, 3)).file();
    }

    @Test
    void eachFieldsChecksumIsTheCrc32cOfItsStoredBytes() throws IOException {
        Path file = written();
        try (HdfFile hdf = new HdfFile(file); FileChannel raw = FileChannel.open(file, StandardOpenOption.READ)) {
            for (String name : new String[] {"drug", "cell", "drug_exposure"}) {
                ContiguousDataset dataset = (ContiguousDataset) hdf.getDatasetByPath("/fields/" + name);
                ByteBuffer bytes = ByteBuffer.allocate(40 * 30 * 20 * 4);
                raw.read(bytes, dataset.getDataAddress());
                CRC32C crc = new CRC32C();
                crc.update(bytes.flip());
                assertEquals(crc.getValue(), dataset.getAttribute(SnapshotIntegrity.ATTR_CHECKSUM).getData(), name);
            }
        }
    }

    @Test
    void aTruncatedFileIsRefusedByReadAndByReadHeader() throws IOException {
        Path file = written();
        long size = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size - 4096);
        }
        for (var reader : new ThrowingReader[] {SnapshotReader::read, SnapshotReader::readHeader}) {
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> reader.read(file));
            assertTrue(e.getMessage().contains("truncated: the file has " + (size - 4096) + " bytes but its HDF5"
                    + " superblock says it ends at byte " + size), e.getMessage());
        }
    }

    @Test
    void oneFlippedDataByteFailsTheChecksumOfItsField() throws IOException {
        Path file = written();
        long address;
        try (HdfFile hdf = new HdfFile(file)) {
            address = ((ContiguousDataset) hdf.getDatasetByPath("/fields/viability")).getDataAddress();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, address + 777);
            one.put(0, (byte) (one.get(0) ^ 0x01)); // the lowest mantissa bit of one float
            channel.write(one.rewind(), address + 777);
        }
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": field /fields/viability fails its checksum"), e.getMessage());
        // the header alone is intact
        assertEquals(1.5, SnapshotReader.readHeader(file).info().timeS());
    }

    @FunctionalInterface
    private interface ThrowingReader {
        Object read(Path file) throws IOException;
    }
}
