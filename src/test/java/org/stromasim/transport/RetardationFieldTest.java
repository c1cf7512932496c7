package org.stromasim.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.scenario.DiffusivityLawSpec;
import org.stromasim.scenario.MatrixCompositionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The retardation factor of species[].ecm_binding per voxel: R = 1 + b·φ with φ the collagen fraction of
 * the composition's power law E = E_ref·(φ/φ_ref)^n (computed here from that formula, capped at the
 * maximum), 1 in vessel lumens; recomputed when the slow clock changes the stiffness; absent for a
 * species without binding.
 */
class RetardationFieldTest {

    private static final double E_REF = 3.0;
    private static final double PHI_REF = 0.05;
    private static final double N = 2.0;
    private static final double PHI_MAX = 0.3;
    private static final double B = 20;

    private static double expected(double stiffnessKpa, boolean vessel) {
        if (vessel || stiffnessKpa <= 0) {
            return 1;
        }
        double phi = Math.min(PHI_MAX, PHI_REF * Math.pow(stiffnessKpa / E_REF, 1 / N));
        return 1 + B * phi;
    }

    @Test
    void followsTheCollagenOfTheStiffnessAndItsChanges() {
        DiffusivityLawSpec law = new DiffusivityLawSpec.FibreMatrix(20, 0.5, new MatrixCompositionSpec(E_REF, PHI_REF,
                N, PHI_MAX, new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0),
                new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0)));
        Scenario sc = scenario().grid(5, 4, 3, 10).law(law).with(species("igg").d0(60).ecmBinding(B))
                .with(species("drug").d0(100)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(9);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] = (float) (200 * random.nextDouble()); // up to the cap (φ = 0.3 at 108 kPa)
        }
        t.cell()[7] = CellType.VESSEL.code();
        TransportFields fields = TransportFields.of(TransportModel.compile(sc, t));
        assertNull(fields.retardation(1), "no binding: no array");
        check(fields.retardation(0), t);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] *= 0.25f; // e.g. collagenase
        }
        fields.applyMatrixState(t);
        check(fields.retardation(0), t);
    }

    /**
     * Remodelling moves collagen at local equilibrium: the total R·C of each voxel is kept and the free
     * concentration follows 1/R (collagenase releases bound solute, new collagen takes it up).
     */
    @Test
    void remodellingKeepsEachVoxelsTotalAndRepartitionsTheFreeConcentration() {
        DiffusivityLawSpec law = new DiffusivityLawSpec.FibreMatrix(20, 0.5, new MatrixCompositionSpec(E_REF, PHI_REF,
                N, PHI_MAX, new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0),
                new MatrixCompositionSpec.PerCellType(0, 0, 0, 0, 0)));
        Scenario sc = scenario().grid(5, 4, 3, 10).law(law).with(species("igg").d0(60).ecmBinding(B)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random random = new Random(3);
        int n = t.grid().voxelCount();
        float[] c = t.concentration(0);
        for (int v = 0; v < n; v++) {
            t.stiffnessKpa()[v] = (float) (1 + 60 * random.nextDouble());
            c[v] = (float) random.nextDouble();
        }
        TransportFields fields = TransportFields.of(TransportModel.compile(sc, t));
        double[] totalBefore = new double[n];
        for (int v = 0; v < n; v++) {
            totalBefore[v] = expected(t.stiffnessKpa()[v], false) * c[v];
            t.stiffnessKpa()[v] *= v % 2 == 0 ? 0.25f : 2f; // collagenase here, new collagen there
        }
        float[] freeBefore = c.clone();
        fields.applyMatrixState(t);
        for (int v = 0; v < n; v++) {
            double total = expected(t.stiffnessKpa()[v], false) * c[v];
            assertEquals(totalBefore[v], total, 1e-6 * totalBefore[v], "voxel " + v);
            assertTrue(v % 2 == 0 ? c[v] > freeBefore[v] : c[v] < freeBefore[v], "voxel " + v);
        }
    }

    private static void check(float[] r, Tissue t) {
        for (int v = 0; v < r.length; v++) {
            double want = expected(t.stiffnessKpa()[v], t.cell()[v] == CellType.VESSEL.code());
            assertEquals(want, r[v], 1e-6 * want, "voxel " + v + " at " + t.stiffnessKpa()[v] + " kPa");
        }
    }
}
