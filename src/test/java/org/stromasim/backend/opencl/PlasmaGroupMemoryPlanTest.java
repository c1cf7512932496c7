package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.transport.TransportFields;
import org.stromasim.reference.VesselGroupPlasma;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The device memory plan counts the one-byte-per-voxel buffer of vessel plasma groups: the same
 * tissue run once with group plasma curves (three groups) and once with the groups but no curves of
 * their own (one group) allocates, buffer by buffer, the group of every voxel (instead of a one-byte
 * placeholder) and larger per-pass plasma-level and reaction-table uploads; the plan, which covers the
 * per-voxel buffers and leaves the per-pass uploads (a few hundred KiB at most) to the headroom, must
 * grow by exactly the per-voxel part of that. Runs in CI on PoCL (never skipped under CI=true).
 */
@EnabledIfOpenClOrCi
class PlasmaGroupMemoryPlanTest {

    @TempDir
    Path temp;

    @Test
    void thePlanGrowsByTheGroupBufferThatIsAllocated() throws IOException {
        TransportModel grouped = model("grouped", VesselGroupPlasma.GROUPS);
        TransportModel plain = model("plain", "{early: {}, late: {}}");
        assertEquals(3, grouped.plasmaGroupCount());
        assertEquals(1, plain.plasmaGroupCount());
        long voxels = grouped.grid().voxelCount();
        int species = grouped.speciesCount();
        OpenClDevice device = OpenClTestDevice.get();
        try (OpenClBackend a = new OpenClBackend(grouped, device); OpenClBackend b = new OpenClBackend(plain, device)) {
            long allocated = a.allocatedDeviceBytes() - b.allocatedDeviceBytes();
            // per-pass uploads, by the layout: 4 plasma levels per pass, species and group; one table per pass
            long levels = (long) OpenClBackend.PASSES_PER_UPLOAD * species * (3 - 1) * 4 * Float.BYTES;
            long tables = (long) OpenClBackend.PASSES_PER_UPLOAD * Float.BYTES
                    * (new ReactionTables(TransportFields.of(grouped)).floatsPerPass() - new ReactionTables(TransportFields.of(plain)).floatsPerPass());
            long groupBuffer = allocated - levels - tables + 1; // the plain run keeps a one-byte placeholder
            assertEquals(voxels, groupBuffer, "bytes of the group buffer allocated");
            assertEquals(groupBuffer, a.memoryPlan().totalBytes() - b.memoryPlan().totalBytes(),
                    "the plan's growth against the buffer allocated");
        }
    }

    private TransportModel model(String name, String groups) throws IOException {
        Path folder = Files.createDirectories(temp.resolve(name));
        Scenario sc = ScenarioLoader.load(VesselGroupPlasma.write(folder, groups));
        return TransportModel.compile(sc, TissueBuilder.build(sc));
    }
}
