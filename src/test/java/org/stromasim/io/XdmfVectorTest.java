package org.stromasim.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.grid.Grid3D;

/** Three components STEM_{x,y,z}_UNIT become one XDMF vector attribute (glyphs, streamlines); a lone component does not. */
class XdmfVectorTest {

    private static final Grid3D GRID = new Grid3D(5, 4, 3, 10.0);

    @TempDir
    Path dir;

    private String xml(List<String> fields) {
        return XdmfWriter.toXml(dir, List.of(new SnapshotHeader(dir.resolve("snapshots/snap_000000.h5"), 1, GRID,
                List.of("drug"), fields, TestStates.info(0, 0, 0))));
    }

    @Test
    void velocityComponentsAreJoinedIntoOneVector() {
        String xml = xml(List.of("drug", "ifp_mmHg", "darcy_velocity_x_um_per_s", "darcy_velocity_y_um_per_s",
                "darcy_velocity_z_um_per_s"));
        assertTrue(xml.contains("Name=\"darcy_velocity_um_per_s\""), xml);
        assertTrue(xml.contains("AttributeType=\"Vector\""), xml);
        assertTrue(xml.contains("Function=\"JOIN($0, $1, $2)\""), xml);
        assertTrue(xml.contains("Dimensions=\"3 4 5 3\""), xml);
        int x = xml.indexOf("/fields/darcy_velocity_x_um_per_s", xml.indexOf("JOIN"));
        int y = xml.indexOf("/fields/darcy_velocity_y_um_per_s", xml.indexOf("JOIN"));
        int z = xml.indexOf("/fields/darcy_velocity_z_um_per_s", xml.indexOf("JOIN"));
        assertTrue(x > 0 && x < y && y < z, "components in x, y, z order");
        assertEquals(1, xml.split("AttributeType=\"Vector\"", -1).length - 1);
    }

    @Test
    void incompleteComponentsStayScalars() {
        assertFalse(xml(List.of("drug", "darcy_velocity_x_um_per_s", "darcy_velocity_y_um_per_s"))
                .contains("AttributeType=\"Vector\""));
    }
}
