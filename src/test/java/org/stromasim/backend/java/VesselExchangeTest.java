package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

class VesselExchangeTest {

    private static final double P_UM_PER_S = 2.0;
    private static final double DX_UM = 10.0;

    @Test
    void aTissueVoxelBetweenTwoVesselsRelaxesToPlasmaAtTwiceTheOneFaceRate() {
        // vessel | tissue | vessel: n = 2 shared faces, so the rate is P·2/dx = 0.4/s
        Scenario sc = scenario().grid(3, 1, 1, DX_UM)
                .with(species("drug").d0(100).vessel(P_UM_PER_S, new PlasmaCurveSpec.Constant(3.0))).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.VESSEL.code();
        t.cell()[2] = CellType.VESSEL.code();
        t.concentration(0)[1] = 0.5f;
        double rate = P_UM_PER_S * 2 / DX_UM;
        double dt = 0.5;
        TransportModel model = TransportModel.compile(sc, t);
        try (JavaBackend backend = new JavaBackend(model, 1)) {
            backend.upload(t);
            for (int n = 1; n <= 10; n++) {
                backend.advance((n - 1) * dt, dt, 1);
                backend.download(t);
                double exact = 3.0 + (0.5 - 3.0) * Math.exp(-rate * n * dt);
                assertEquals(exact, t.concentration(0)[1], 1e-5 * exact, "tissue voxel after step " + n);
                assertEquals(3.0, t.concentration(0)[0], 1e-7, "vessel voxel holds the plasma level");
            }
        }
    }

    @Test
    void aTissueVoxelWithOneVesselFaceRelaxesAtPOverDx() {
        Scenario sc = scenario().grid(2, 1, 1, DX_UM)
                .with(species("drug").vessel(P_UM_PER_S, new PlasmaCurveSpec.Constant(1.0))).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.VESSEL.code();
        double c = Runs.run(sc, t, 1, 1.0, 3).concentration(0)[1];
        assertEquals(1.0 - Math.exp(-P_UM_PER_S / DX_UM * 3.0), c, 1e-6);
    }

    @Test
    void vesselVoxelsFollowATimeVaryingPlasmaCurve() {
        PlasmaCurveSpec bolus = new PlasmaCurveSpec.Bolus(8.0, 0.0, List.of(10.0), null);
        Scenario sc = scenario().grid(2, 1, 1, DX_UM).with(species("drug").vessel(P_UM_PER_S, bolus)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        t.cell()[0] = CellType.VESSEL.code();
        assertEquals(2.0, Runs.run(sc, t, 1, 5.0, 4).concentration(0)[0], 1e-6); // 8·2^(−20/10)
    }
}
