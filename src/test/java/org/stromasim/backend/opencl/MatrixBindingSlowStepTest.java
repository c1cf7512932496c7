package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.biology.SlowProcesses;
import org.stromasim.scenario.BiologySpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * Reversible matrix binding across the state updates between transport intervals on the OpenCL backend: the
 * biology slow step on the device (remodelling changes the collagen and so R, and the free concentration
 * on the device is re-partitioned so that each voxel keeps its total R·C, docs/barrier-physics.md
 * section 9), and convection (host code through the backend's state update, which reads the fields' R).
 */
@EnabledIfOpenClOrCi
class MatrixBindingSlowStepTest {

    /** carcinoma-rim-fibrotic (fibre_matrix, 24 × 6 × 200 voxels) with a bound drug and collagenase fast enough to move R in one step. */
    private static Scenario softening() {
        Scenario s = ScenarioLoader.load(Path.of("configs/carcinoma-rim-fibrotic.yaml"), List.of(
                "species.drug.ecm_binding.bound_to_free_per_collagen_fraction=10",
                "biology.remodelling.enzyme_softening_per_s=0.02"));
        return BiologyOnBothBackends.withInterventions(s, List.of(new BiologySpec.Intervention(
                BiologySpec.InterventionKind.ENZYME, 0, 1e9, 1.0)));
    }

    private static Tissue withDrug(Scenario s) {
        Tissue t = TissueBuilder.build(s);
        float[] drug = t.concentration("drug");
        Random random = new Random(3);
        for (int v = 0; v < drug.length; v++) {
            drug[v] = (float) (0.5 + random.nextDouble());
        }
        return t;
    }

    /**
     * One slow step alone: R·C of every voxel after equals R·C before to two float roundings (the
     * quotient R_old/R_new and the product; 2.4e-7 relative), while R changed in most voxels (so an
     * unchanged C would fail by the change of R).
     */
    @Test
    void aSlowStepKeepsEachVoxelsBoundPlusFree() {
        Scenario s = softening();
        Tissue state = withDrug(s);
        int drug = s.species().indexOf(s.species().stream().filter(x -> x.name().equals("drug")).findFirst().get());
        float[] c0 = state.concentration(drug).clone();
        SlowProcesses slow = new SlowProcesses(s);
        try (OpenClBackend backend = new OpenClBackend(TransportModel.compile(s, state), OpenClTestDevice.get())) {
            slow.applyInterventionsAt(0.0, backend.fields());
            float[] r0 = backend.fields().retardation(drug).clone();
            backend.upload(state);
            backend.runSlowStep(state, slow.stepEndingAt(slow.intervalS()));
            backend.download(state);
            float[] r1 = backend.fields().retardation(drug);
            float[] c1 = state.concentration(drug);
            int changed = 0;
            for (int v = 0; v < c0.length; v++) {
                double before = (double) r0[v] * c0[v];
                assertEquals(before, (double) r1[v] * c1[v], 2.4e-7 * before, "R·C of voxel " + v);
                changed += Math.abs(r1[v] - r0[v]) > 1e-3 * r0[v] ? 1 : 0;
            }
            assertTrue(changed > c0.length / 4, "the collagenase changed R in only " + changed + " voxels");
        }
    }

    /** Three slow steps, each after its interval's transport, on both backends: every field agrees (explicit parity bound). */
    @Test
    void slowStepsWithTransportAgreeWithTheJavaBackend() {
        Scenario s = softening();
        Tissue initial = withDrug(s);
        BiologyOnBothBackends.Outcome java = BiologyOnBothBackends.slowSteps(s, initial, false, 3, true);
        BiologyOnBothBackends.Outcome opencl = BiologyOnBothBackends.slowSteps(s, initial, true, 3, true);
        BothBackends.assertSameState(java.state(), opencl.state(), MatrixBindingParityTest.EXPLICIT_TOLERANCE);
    }

    /**
     * carcinoma-rim-flow with a bound IgG through the time loop (120 s, convection every 10 s): both
     * backends agree within {@link BiologyParityTest#TOLERANCE} of the field's maximum (the convection
     * tolerance of ConvectionParityTest), and the bound IgG differs from the unbound one by far more, so a
     * backend that ignored R in transport or convection would fail.
     */
    @Test
    void convectionOfABoundSpeciesAgreesWithTheJavaBackend() {
        List<String> settings = List.of("run.end_time_s=120", "run.snapshot_interval_s=120", "run.metrics_interval_s=60",
                "ecm.flow.convection.interval_s=10");
        List<String> bound = new java.util.ArrayList<>(settings);
        bound.add("species.igg.ecm_binding.bound_to_free_per_collagen_fraction=30");
        Scenario withBinding = ScenarioLoader.load(Path.of("configs/carcinoma-rim-flow.yaml"), bound);
        Tissue java = BiologyOnBothBackends.run(withBinding, false, 120).last;
        Tissue opencl = BiologyOnBothBackends.run(withBinding, true, 120).last;
        Tissue unbound = BiologyOnBothBackends.run(ScenarioLoader.load(Path.of("configs/carcinoma-rim-flow.yaml"), settings),
                true, 120).last;
        BothBackends.assertClose("bound igg with convection", java.concentration("igg"), opencl.concentration("igg"),
                BiologyParityTest.TOLERANCE);
        float[] a = opencl.concentration("igg");
        float[] b = unbound.concentration("igg");
        double scale = 0;
        double diff = 0;
        for (int v = 0; v < a.length; v++) {
            scale = Math.max(scale, Math.abs(b[v]));
            diff = Math.max(diff, Math.abs(a[v] - b[v]));
        }
        assertTrue(diff > 100 * BiologyParityTest.TOLERANCE * scale, "binding changed igg by only " + diff / scale
                + " of its maximum");
    }
}
