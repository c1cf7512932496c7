package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Plasma protein binding: only the unbound share f_u of an antagonist's level binds ER. With tamoxifen at
 * a total level D, f_u = 0.01, no endoxifen and oestradiol E, the antagonist occupancy in a cancer voxel is
 * a/(1 + E/Kd + a) with a = f_u·D/Ki (competitive binding, written here), and with f_u = 1 the same
 * occupancy needs a hundredth of the level.
 */
class UnboundFractionTest {

    private static Scenario withUnbound(String fu) throws IOException {
        String text = Files.readString(Path.of("configs/tamoxifen-fibrotic-stroma.yaml"));
        String total = "{species: tamoxifen, ki_nm: 220, response: cytostatic, unbound_fraction: 1}";
        assertTrue(text.contains(total));
        return ScenarioLoader.parse(text.replace(total, total.replace("unbound_fraction: 1", "unbound_fraction: " + fu)),
                "bound.yaml", List.of());
    }

    private static double occupancyAt(Scenario s, double tamoxifenNm, double estradiolNm) {
        Tissue state = TissueBuilder.build(s);
        Arrays.fill(state.concentration("tamoxifen"), (float) tamoxifenNm);
        Arrays.fill(state.concentration("endoxifen"), 0f);
        Arrays.fill(state.concentration("estradiol"), (float) estradiolNm);
        Arrays.fill(state.concentration("il6"), 0f);
        EndocrineResponse.Readout r = new EndocrineResponse(s).readout(state, 0.0);
        for (int v = 0; v < state.cell().length; v++) {
            if (state.cell()[v] == CellType.CANCER.code()) {
                return r.occupancy()[v];
            }
        }
        throw new AssertionError("no cancer voxel");
    }

    @Test
    void onlyTheUnboundShareBindsTheReceptor() throws IOException {
        double e = 0.0257;
        double kd = 0.9;
        double ki = 220;
        double total = 22000; // f_u·D/Ki = 1
        double a = 0.01 * total / ki;
        double expected = a / (1 + e / kd + a);
        assertEquals(expected, occupancyAt(withUnbound("0.01"), total, e), 1e-6);
        assertEquals(expected, occupancyAt(withUnbound("1"), total * 0.01, e), 1e-6,
                "f_u = 1 at a hundredth of the level");
    }

    @Test
    void theUnboundFractionIsRefusedOutsideItsRange() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(org.stromasim.scenario.ScenarioException.class,
                () -> withUnbound("0"));
        assertTrue(error.getMessage().contains("unbound_fraction"), error.getMessage());
    }
}
