package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stromasim.backend.java.JavaBackend;
import org.stromasim.reference.ReferenceComparison;
import org.stromasim.reference.ReferenceFeatures;
import org.stromasim.reference.VesselGroupPlasma;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;

/**
 * Vessel groups with plasma curves of their own on the OpenCL backend ({@link VesselGroupPlasma}: an
 * early and a late bolus and the species' own level in three crossing vessels): its explicit scheme
 * converges voxel by voxel to the plain reference, and its large-step (RKL2) pass matches the Java
 * backend's to float round-off. Runs in CI on PoCL (never skipped under CI=true).
 */
@EnabledIfOpenClOrCi
class VesselGroupPlasmaParityTest {

    @TempDir
    Path temp;

    @Test
    void explicitSchemeConvergesToTheReference() throws IOException {
        Scenario sc = ScenarioLoader.load(VesselGroupPlasma.write(temp, VesselGroupPlasma.GROUPS));
        Tissue initial = TissueBuilder.build(sc);
        OpenClDevice device = OpenClTestDevice.get();
        double worst = ReferenceComparison.assertConvergesToReference("group plasma (OpenCL)", sc, initial,
                m -> new OpenClBackend(m, device), ReferenceFeatures.STEP_S, ReferenceFeatures.STEPS, 5.0);
        System.out.printf("group plasma (OpenCL): worst |Q2 - R| / allowed = %.3f%n", worst);
    }

    /**
     * The RKL2 large step (rkl2_react with per-voxel plasma levels) on both backends: the same
     * sequence of exact reaction sub-steps and RKL2 stages, in float on each, so every field agrees
     * within {@link Rkl2ParityTest#TOLERANCE} of its maximum (the bound of the other large-step parity tests).
     */
    @Test
    void largeStepMatchesTheJavaBackend() throws IOException {
        Scenario explicit = ScenarioLoader.load(VesselGroupPlasma.write(temp, VesselGroupPlasma.GROUPS));
        Scenario sc = withRkl2(explicit);
        Tissue initial = TissueBuilder.build(sc);
        OpenClDevice device = OpenClTestDevice.get();
        Tissue java = ReferenceComparison.run(sc, initial, m -> new JavaBackend(m, 1), 0.1, 40);
        Tissue opencl = ReferenceComparison.run(sc, initial, m -> new OpenClBackend(m, device), 0.1, 40);
        BothBackends.assertSameState(java, opencl, Rkl2ParityTest.TOLERANCE);
        assertEquals(sc.run().diffusion().scheme(), DiffusionSpec.Scheme.RKL2);
    }

    /**
     * The unsplit coupling's device step takes one plasma curve per species: with group curves the
     * backend refuses it in one line naming the groups and the way out, and --backend auto runs Java.
     */
    @Test
    void unsplitCouplingWithGroupCurvesIsRefusedOnTheDevice() throws IOException {
        Scenario sc = ScenarioLoader.load(VesselGroupPlasma.write(temp, VesselGroupPlasma.GROUPS),
                java.util.List.of("run.diffusion.scheme=implicit", "run.diffusion.coupling=unsplit", "run.dt_s=1"));
        org.stromasim.transport.TransportModel model =
                org.stromasim.transport.TransportModel.compile(sc, TissueBuilder.build(sc));
        OpenClDevice device = OpenClTestDevice.get();
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new OpenClBackend(model, device));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().startsWith("run.diffusion.coupling: unsplit on"
                + " OpenCL takes one plasma curve per species, and the vessel groups carry 3"), refused.getMessage());
        var selected = org.stromasim.backend.selection.BackendFactory.select(org.stromasim.backend.BackendChoice.AUTO,
                null, model, 1);
        try (var backend = selected.backend()) {
            org.junit.jupiter.api.Assertions.assertInstanceOf(JavaBackend.class, backend, selected.note());
            org.junit.jupiter.api.Assertions.assertTrue(selected.note().contains("unsplit on OpenCL"), selected.note());
        }
    }

    private static Scenario withRkl2(Scenario sc) {
        org.stromasim.scenario.RunSpec r = sc.run();
        DiffusionSpec rkl2 = new DiffusionSpec(DiffusionSpec.Scheme.RKL2, DiffusionSpec.DEFAULT_MAX_STAGES,
                DiffusionSpec.Coupling.PLAIN, null);
        return new Scenario(sc.name(), sc.description(), sc.grid(),
                new org.stromasim.scenario.RunSpec(r.endTimeS(), r.snapshotIntervalS(), r.metricsIntervalS(), r.seed(),
                        r.dtS(), r.stabilitySafety(), r.splitting(), rkl2),
                sc.ecm(), sc.tissue(), sc.species(), sc.metrics(), sc.biology());
    }
}
