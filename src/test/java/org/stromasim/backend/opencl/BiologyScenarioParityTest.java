package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stromasim.backend.BackendChoice;
import org.stromasim.backend.selection.BackendFactory;
import org.stromasim.backend.SelectedBackend;
import org.stromasim.backend.opencl.BiologyOnBothBackends.Outputs;
import org.stromasim.metrics.MetricsRow;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Whole biology runs through the time loop (transport, slow steps, metrics rows, snapshots) on both
 * backends: shipped fibrotic scenarios on a reduced grid (24×24×20 voxels of 40 µm) for 300 s, ten
 * slow steps. Every field agrees within {@link #FIELD_TOLERANCE} of its maximum, the cell codes are
 * identical, and every metrics row agrees within {@link #METRICS_TOLERANCE} relative. A resumed
 * OpenCL biology run agrees with the uninterrupted one.
 */
@EnabledIfOpenClOrCi
class BiologyScenarioParityTest {

    static final double FIELD_TOLERANCE = 1e-5;
    static final double METRICS_TOLERANCE = 1e-4;
    static final double UNTIL_S = 300;

    private static void assertSameFields(Tissue java, Tissue opencl) {
        BiologyParityTest.assertSameCells(java, opencl);
        BothBackends.assertClose("stiffness", java.stiffnessKpa(), opencl.stiffnessKpa(), FIELD_TOLERANCE);
        BothBackends.assertClose("viability", java.viability(), opencl.viability(), FIELD_TOLERANCE);
        BothBackends.assertSameState(java, opencl, FIELD_TOLERANCE);
    }

    private static void assertSameRows(List<MetricsRow> java, List<MetricsRow> opencl) {
        assertEquals(java.size(), opencl.size(), "metrics rows");
        for (int r = 0; r < java.size(); r++) {
            MetricsRow a = java.get(r);
            MetricsRow b = opencl.get(r);
            assertEquals(a.columns(), b.columns());
            for (int c = 0; c < a.values().length; c++) {
                double x = a.values()[c];
                double y = b.values()[c];
                boolean same = Double.isNaN(x) ? Double.isNaN(y)
                        : Math.abs(x - y) <= METRICS_TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) + 1e-12;
                if (!same) {
                    fail("row " + r + " (t = " + a.values()[0] + " s), column " + a.columns().get(c) + ": Java " + x
                            + ", OpenCL " + y);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fibrotic-stroma", "fibrotic-mct1-inhibitor", "fibrotic-antibody"})
    void biologyRunAgreesFieldByFieldAndRowByRow(String config) {
        // activation 10× faster than shipped, so that ten slow steps activate fibroblasts
        Scenario s = BiologyOnBothBackends.load(config, "biology.activation.max_rate_per_s=0.002");
        Outputs java = BiologyOnBothBackends.run(s, false, UNTIL_S);
        Outputs opencl = BiologyOnBothBackends.run(s, true, UNTIL_S);
        Tissue initial = TissueBuilder.build(s);
        assertTrue(BiologyOnBothBackends.changed(initial, opencl.last, CellType.FIBROBLAST, CellType.CAF) > 0,
                "the run activates fibroblasts on the device");
        assertEquals(java.result.steps(), opencl.result.steps(), "transport steps");
        assertSameFields(java.last, opencl.last);
        assertSameRows(java.rows, opencl.rows);
        assertEquals(java.snapshots.size(), opencl.snapshots.size());
    }

    /**
     * Biology under the large-step scheme: the device slow step rewrites the diffusivity, and the RKL2
     * stage counts must follow it on both backends (the enzyme softens the matrix, so the explicit
     * limit falls and a stale stage count would under-resolve the step). Tolerance as in {@code Rkl2ParityTest}.
     */
    @Test
    void biologyWithLargeStepsAgreesAndStageCountsFollowTheRemodelledMatrix() {
        Scenario s = BiologyOnBothBackends.load("fibrotic-stroma", "biology.activation.max_rate_per_s=0.002",
                "run.diffusion.scheme=rkl2", "run.dt_s=30",
                "biology.remodelling.enzyme_softening_per_s=0.02", // softened to the floor within minutes
                "run.metrics_interval_s=150", "run.snapshot_interval_s=300"); // slow steps between host round trips
        s = BiologyOnBothBackends.withInterventions(s, List.of(new BiologySpec.Intervention(
                BiologySpec.InterventionKind.ENZYME, 0, 1e9, 1.0)));
        Outputs java = BiologyOnBothBackends.run(s, false, UNTIL_S);
        Outputs opencl = BiologyOnBothBackends.run(s, true, UNTIL_S);
        assertEquals(java.result.steps(), opencl.result.steps(), "coupling steps");
        BiologyParityTest.assertSameCells(java.last, opencl.last);
        BothBackends.assertClose("stiffness", java.last.stiffnessKpa(), opencl.last.stiffnessKpa(), FIELD_TOLERANCE);
        BothBackends.assertSameState(java.last, opencl.last, 2e-5);
    }

    /**
     * Biology under the implicit scheme: each device slow step rewrites the diffusivity, and both
     * backends rebuild their multigrid hierarchies from it before the next step (a stale hierarchy
     * would solve the old matrix). Ten steps of 30 s; tolerance {@link #FIELD_TOLERANCE} of each
     * field's maximum, above ImplicitParityTest's per-voxel bound over ten steps (5e-6).
     */
    @Test
    void biologyWithTheImplicitSchemeAgreesAndTheSolversFollowTheRemodelledMatrix() {
        Scenario s = BiologyOnBothBackends.load("fibrotic-stroma", "biology.activation.max_rate_per_s=0.002",
                "run.diffusion.scheme=implicit", "run.dt_s=30",
                "biology.remodelling.enzyme_softening_per_s=0.02",
                "run.metrics_interval_s=150", "run.snapshot_interval_s=300");
        s = BiologyOnBothBackends.withInterventions(s, List.of(new BiologySpec.Intervention(
                BiologySpec.InterventionKind.ENZYME, 0, 1e9, 1.0)));
        Outputs java = BiologyOnBothBackends.run(s, false, UNTIL_S);
        Outputs opencl = BiologyOnBothBackends.run(s, true, UNTIL_S);
        assertEquals(java.result.steps(), opencl.result.steps(), "coupling steps");
        BiologyParityTest.assertSameCells(java.last, opencl.last);
        BothBackends.assertClose("stiffness", java.last.stiffnessKpa(), opencl.last.stiffnessKpa(), FIELD_TOLERANCE);
        BothBackends.assertSameState(java.last, opencl.last, FIELD_TOLERANCE);
    }

    @Test
    void resumedOpenClBiologyRunAgreesWithTheUninterruptedOne() {
        Scenario s = BiologyOnBothBackends.load("fibrotic-lox-inhibitor", "run.snapshot_interval_s=60",
                "biology.activation.max_rate_per_s=0.05");
        Outputs whole = BiologyOnBothBackends.run(s, true, 120.0);
        Tissue atHalf = whole.snapshots.get(1); // t = 60 s
        Outputs rest = BiologyOnBothBackends.run(s, atHalf, true, 60.0, whole.snapshotSteps.get(1), 120.0);
        Tissue initial = TissueBuilder.build(s);
        assertTrue(BiologyOnBothBackends.changed(initial, whole.last, CellType.FIBROBLAST, CellType.CAF) > 0,
                "the comparison exercises activation");
        assertSameFields(whole.last, rest.last);
    }

    @Test
    void autoPicksOpenClForABiologyScenario() {
        Scenario s = BiologyOnBothBackends.load("fibrotic-stroma");
        TransportModel model = TransportModel.compile(s, TissueBuilder.build(s));
        SelectedBackend auto = BackendFactory.select(BackendChoice.AUTO, null, model, 1);
        try (var b = auto.backend()) {
            assertTrue(b instanceof OpenClBackend, auto.note());
        }
    }
}
