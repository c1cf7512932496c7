package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;

/**
 * A transport copy (what the step-control pilots run on) shares the tissue fields, which transport only
 * reads, and owns the fields transport writes: writing the copy's concentrations, exposure or
 * rebalancing term leaves the original as it was.
 */
class TransportCopyTest {

    @Test
    void sharesTheTissueAndOwnsTheTransportedFields() {
        Tissue t = new Tissue(new Grid3D(3, 2, 2, 10), List.of("drug", "il6"));
        for (int v = 0; v < 12; v++) {
            t.cell()[v] = (byte) (v % CellType.COUNT);
            t.stiffnessKpa()[v] = v;
            t.concentration(0)[v] = 0.5f * v;
            t.concentration(1)[v] = 2f + v;
            t.drugExposure()[v] = 3f * v;
        }
        t.rebalancePerSOrCreate(1)[4] = 7f;

        Tissue copy = t.transportCopy();
        assertSame(t.cell(), copy.cell());
        assertSame(t.stiffnessKpa(), copy.stiffnessKpa());
        assertSame(t.viability(), copy.viability());
        assertSame(t.vesselDistanceUm(), copy.vesselDistanceUm());
        for (int s = 0; s < 2; s++) {
            assertNotSame(t.concentration(s), copy.concentration(s));
            assertArrayEquals(t.concentration(s), copy.concentration(s));
        }
        assertNotSame(t.drugExposure(), copy.drugExposure());
        assertNotSame(t.rebalancePerS(1), copy.rebalancePerS(1));
        assertEquals(null, copy.rebalancePerS(0));

        copy.concentration(0)[5] = -1f;
        copy.drugExposure()[5] = -1f;
        copy.rebalancePerS(1)[4] = -1f;
        assertEquals(2.5f, t.concentration(0)[5]);
        assertEquals(15f, t.drugExposure()[5]);
        assertEquals(7f, t.rebalancePerS(1)[4]);

        t.copyTransportedInto(copy);
        assertEquals(2.5f, copy.concentration(0)[5]);
        assertEquals(15f, copy.drugExposure()[5]);
        assertEquals(7f, copy.rebalancePerS(1)[4]);
    }
}
