package org.stromasim.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stromasim.transport.TransportFields;
import org.stromasim.backend.Backend;
import org.stromasim.scenario.DiffusionSpec;
import org.stromasim.scenario.RunSpec.Splitting;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * The OpenCL backend's tabulated reaction map (ReactionTables, kernels/transport.cl {@code tabulated})
 * against the exact first-order decay, at the two ends of λh: a decay of a few 1e-6 per sub-step, where
 * e^(−λh) rounded to float is off by a fixed fraction of the decay (here 0.5 %, every step), and a
 * stiff λh = 10, where the map must keep the full relative precision of e^(−λh).
 */
@EnabledIfOpenClOrCi
class OpenClReactionPrecisionTest {

    /** IL-6 serum clearance, t½β = 0.38 h (docs/parameters.md, "IL-6 clearance"): ln 2 / 1368 s. */
    private static final double IL6_DECAY_PER_S = Math.log(2) / (0.38 * 3600);
    /**
     * λh of every sub-step of the slow-decay runs: 100.5 float ulps of 1 (2^−24 each), so e^(−λh)
     * rounds to float with about the largest error possible, half an ulp = 0.5 % of the decay λh, and
     * C ≈ 1 loses ~100 ulps per sub-step, enough for the rounding of C itself to average out.
     */
    private static final double SLOW_LAMBDA_H = 100.5 * Math.scalb(1.0, -24);
    /** Sub-steps of the slow-decay runs (λt ≈ 0.12): the float-factor error piles up to 0.5 % of the decay. */
    private static final int SLOW_SUB_STEPS = 20_000;
    /** Allowed error of the decayed amount 1 − C/C₀ relative to 1 − e^(−λt). */
    private static final double SLOW_DECAY_TOLERANCE = 1e-3;

    static Stream<Arguments> slowDecayPaths() {
        // the drug: sub-steps A and B (dt/2 each) tabulated separately, exposure taken between them;
        // any other species: A and B composed into one map of λ·dt per pass
        return Stream.of(
                Arguments.of("drug, explicit", "drug", null),
                Arguments.of("drug, RKL2 (separate tables)", "drug", new DiffusionSpec(DiffusionSpec.Scheme.RKL2, 50)),
                Arguments.of("IL-6, explicit (composed sub-steps)", "il6", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slowDecayPaths")
    void aSmallDecayPerStepAccumulatesToTheExactDecayedAmount(String name, String decaying, DiffusionSpec scheme) {
        boolean drug = decaying.equals("drug");
        double dt = (drug ? 2 : 1) * SLOW_LAMBDA_H / IL6_DECAY_PER_S;
        int steps = drug ? SLOW_SUB_STEPS / 2 : SLOW_SUB_STEPS;
        ScenarioFixture fixture = scenario().grid(8, 1, 1, 7.5).diffusion(scheme)
                .with(species("drug").decay(drug ? IL6_DECAY_PER_S : 0.0))
                .with(species("il6").decay(drug ? 0.0 : IL6_DECAY_PER_S));
        Scenario sc = fixture.build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Arrays.fill(t.concentration(decaying), 1f);

        Tissue after = BothBackends.run(sc, t, true, dt, steps);

        double exactDecayed = -Math.expm1(-IL6_DECAY_PER_S * steps * dt);
        for (float c : after.concentration(decaying)) {
            double decayed = 1.0 - c;
            assertEquals(exactDecayed, decayed, SLOW_DECAY_TOLERANCE * exactDecayed,
                    "decayed fraction after " + steps + " steps of λh = " + SLOW_LAMBDA_H + " (relative error "
                            + (decayed - exactDecayed) / exactDecayed + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(Splitting.class)
    void stiffDecayStaysExactToFloatPrecision(Splitting splitting) {
        // k·dt = 10 at the explicit limit of D = 100 on a 10 µm grid: explicit Euler would multiply by −9
        Scenario probe = scenario().grid(8, 4, 4, 10).with(species("drug").d0(100)).build();
        double dt = TransportFields.of(TransportModel.compile(probe, ScenarioFixture.emptyTissue(probe))).stabilityLimit().dtMaxS();
        double k = 10.0 / dt;
        // the drug's sub-steps are tabulated separately, the other species' composed
        Scenario sc = scenario().grid(8, 4, 4, 10).splitting(splitting)
                .with(species("drug").d0(100).decay(k)).with(species("other").d0(100).decay(k)).build();
        Tissue t = ScenarioFixture.emptyTissue(sc);
        Arrays.fill(t.concentration(0), 1f);
        Arrays.fill(t.concentration(1), 1f);
        TransportModel model = TransportModel.compile(sc, t);
        try (Backend backend = new OpenClBackend(model, OpenClTestDevice.get())) {
            backend.upload(t);
            for (int n = 1; n <= 5; n++) {
                backend.advance((n - 1) * dt, dt, 1);
                backend.download(t);
                double exact = Math.exp(-k * n * dt);
                for (int s = 0; s < 2; s++) {
                    float[] c = t.concentration(s);
                    for (int v = 0; v < c.length; v++) {
                        assertEquals(exact, c[v], 1e-5 * exact, "species " + s + ", step " + n + ", voxel " + v);
                    }
                }
            }
        }
    }
}
