package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.grid.Face;
import org.stromasim.scenario.PlasmaCurveSpec;
import org.stromasim.scenario.RunSpec.Splitting;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * advance(n) in one call must give the state of n calls of advance(1): the backend regroups the split
 * sub-steps into fused passes (see {@link JavaBackend}), and the regrouping must not change the scheme.
 * It is not bit for bit: inside one call the two half reactions between fused diffusions of a
 * non-drug species are applied as one composed affine map (no float rounding between them), the
 * exposure of a step-boundary state is added once with weight dt instead of twice with dt/2, and the
 * plasma time of the next step is start + (n + 1)·dt rather than (start + n·dt) + dt. Each of these
 * is a few float ulps per step, so the comparison is relative 1e-5 after 40 steps.
 */
class AdvanceChunkingTest {

    private static final int STEPS = 40;

    @ParameterizedTest
    @EnumSource(Splitting.class)
    void oneCallOfNStepsEqualsNCallsOfOneStepForLinearReactions(Splitting splitting) {
        Scenario sc = scenario().grid(12, 10, 9, 10).splitting(splitting)
                .with(species("drug").d0(117).decay(0.01).periodic(2)
                        .vessel(2.7, new PlasmaCurveSpec.Bolus(4.0, 0.0, List.of(3.0, 50.0), 0.7))
                        .binding(CellType.ECM, 0.02))
                .with(species("lactate").d0(800).fixed(Face.X_MIN, 2.0).decay(0.05)
                        .secretion(CellType.CAF, 0.3, null).binding(CellType.CANCER, 0.1))
                .with(species("il6").d0(150).decay(0.2).secretion(CellType.FIBROBLAST, 0.5, null))
                .build();
        Tissue t = randomTissue(sc, 11);
        assertChunkingInvariant(sc, t);
    }

    @ParameterizedTest
    @EnumSource(Splitting.class)
    void oneCallOfNStepsEqualsNCallsOfOneStepWithMichaelisMentenUptakeAndSaturatingSecretion(Splitting splitting) {
        // the nonlinear (per-voxel) terms run the same sub-steps, frozen at the same states, in both cases
        Scenario sc = scenario().grid(10, 9, 8, 10).splitting(splitting)
                .with(species("drug").d0(117).uptake(CellType.CANCER, 0.5, 0.4)
                        .vessel(2.7, new PlasmaCurveSpec.Constant(3.0)))
                .with(species("lactate").d0(800).secretion(CellType.CAF, 2.0, 8.0).uptake(CellType.CANCER, 1.0, 4.0))
                .build();
        Tissue t = randomTissue(sc, 5);
        assertChunkingInvariant(sc, t);
    }

    private static Tissue randomTissue(Scenario sc, long seed) {
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(seed);
        for (int v = 0; v < t.grid().voxelCount(); v++) {
            t.stiffnessKpa()[v] = 2 * rnd.nextFloat();
            t.viability()[v] = rnd.nextFloat();
            t.cell()[v] = (byte) rnd.nextInt(CellType.COUNT);
            for (int s = 0; s < t.speciesCount(); s++) {
                t.concentration(s)[v] = 5 * rnd.nextFloat();
            }
        }
        return t;
    }

    private static void assertChunkingInvariant(Scenario sc, Tissue initial) {
        TransportModel model = TransportModel.compile(sc, initial);
        double dt = 0.9 * TransportFields.of(model).stabilityLimit().dtMaxS();
        double startS = 0.7; // not 0, so that start + n·dt is not an exact multiple
        Tissue chunked = initial.copy();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(chunked);
            backend.advance(startS, dt, STEPS);
            backend.download(chunked);
        }
        Tissue stepwise = initial.copy();
        try (JavaBackend backend = new JavaBackend(model, 2)) {
            backend.upload(stepwise);
            for (int n = 0; n < STEPS; n++) {
                backend.advance(startS + n * dt, dt, 1);
            }
            backend.download(stepwise);
        }
        double largestChange = 0;
        for (int s = 0; s < initial.speciesCount(); s++) {
            float[] a = chunked.concentration(s);
            float[] b = stepwise.concentration(s);
            for (int v = 0; v < a.length; v++) {
                assertEquals(b[v], a[v], 1e-5 * Math.max(1.0, Math.abs(b[v])),
                        "species " + sc.species().get(s).name() + " voxel " + v);
                largestChange = Math.max(largestChange, Math.abs(a[v] - initial.concentration(s)[v]));
            }
        }
        float[] auc = chunked.drugExposure();
        for (int v = 0; v < auc.length; v++) {
            assertEquals(stepwise.drugExposure()[v], auc[v], 1e-5 * Math.max(1.0, stepwise.drugExposure()[v]),
                    "exposure voxel " + v);
        }
        // the runs moved the state well beyond the tolerance, so the comparison means something
        assertTrue(largestChange > 0.1, "largest change " + largestChange);
        assertTrue(Runs.sum(auc) > 0);
    }
}
