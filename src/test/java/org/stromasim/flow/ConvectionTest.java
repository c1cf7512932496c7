package org.stromasim.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The convection split step on the carcinoma rim column: the fluid balance made visible in a solute.
 * With σ_f = 0 the filtered fluid carries plasma at C_p; tissue already at C_p everywhere then stays
 * there, because what the Patlak source brings in, advection carries on and the lymphatics drain
 * exactly as the fluid does (a missing or wrongly signed term leaves C ≠ C_p where the fluid moves).
 * With σ_f = 1 only the diffusive exchange acts, which at C = C_p is zero, while the fluid still leaves:
 * the concentration falls where filtration is strongest.
 */
class ConvectionTest {

    /** A short split step: the tests compare first-order changes against second-order remainders. */
    static final double INTERVAL_S = 1.0;

    static Scenario rim(double sigma, String... more) {
        java.util.List<String> settings = new java.util.ArrayList<>(List.of(
                "ecm.flow.convection.solute_reflection.igg=" + sigma, "ecm.flow.convection.interval_s=" + INTERVAL_S));
        settings.addAll(List.of(more));
        return ScenarioLoader.load(Path.of("configs/carcinoma-rim-flow.yaml"), settings);
    }

    /** IgG at its plasma level everywhere, one convection step; returns {max J_v/V + L, max outflow/h, Σ J_v/V·h³}. */
    static double[] oneStepFromPlasmaLevel(Scenario s, Tissue t) {
        TransportModel model = TransportModel.compile(s, t);
        Convection convection = Convection.of(s, TransportFields.of(model));
        int igg = s.speciesIndex("igg");
        java.util.Arrays.fill(t.concentration(igg), (float) model.plasma(igg).at(0));
        Convection.Fields f = convection.fields(t);
        double maxRate = 0;
        double filtered = 0;
        double h3 = Math.pow(t.grid().voxelUm(), 3);
        for (int v = 0; v < f.solid().length; v++) {
            maxRate = Math.max(maxRate, Math.abs(f.filtrationPerS()[v]) + f.lymphPerS()[v]);
            filtered += f.filtrationPerS()[v] * h3;
        }
        double maxOutflow = 1 / f.advection().largestStableStepS() * LimitedAdvection.COURANT;
        convection.stepEndingAt(INTERVAL_S).apply(t);
        return new double[] {maxRate, maxOutflow, filtered};
    }

    /**
     * The same with lymphatics 100× the shipped placeholder, so that what they drain (≈ 5e-4 of C per
     * second in the normal tissue) stands above the split bound: a step without the lymphatic solute sink fails.
     */
    @Test
    void withStrongLymphaticsTheDrainedSoluteKeepsTheBalance() {
        plasmaLevelIsSteady(rim(0.0, "ecm.flow.lymphatic_per_mmhg_s=1e-3"));
    }

    @Test
    void tissueAtPlasmaLevelStaysThereWhenTheWallPassesTheSolute() {
        plasmaLevelIsSteady(rim(0.0));
    }

    static void plasmaLevelIsSteady(Scenario s) {
        Tissue t = TissueBuilder.build(s);
        double[] rates = oneStepFromPlasmaLevel(s, t);
        float[] c = t.concentration("igg");
        // exchange, then advection: the split errs by the commutator, at most ‖exchange‖·‖advection‖·Δt²
        // with ‖advection‖ ≤ 2·max outflow/h; float storage adds 1e-7
        double bound = rates[0] * 2 * rates[1] * INTERVAL_S * INTERVAL_S + 1e-7;
        double worst = 0;
        for (int v = 0; v < c.length; v++) {
            if (t.cell()[v] != CellType.VESSEL.code()) {
                worst = Math.max(worst, Math.abs(c[v] - 1.0));
            }
        }
        System.out.printf("convection, sigma_f = 0: max |C - C_p| %.2e (bound %.2e; first-order change J_v/V dt %.2e)%n",
                worst, bound, rates[0] * INTERVAL_S);
        assertTrue(worst <= bound, "max |C − C_p| " + worst + " against " + bound);
    }

    @Test
    void aReflectedSoluteLosesWhatTheFilteredFluidCarriesAway() {
        Scenario s = rim(1.0);
        Tissue t = TissueBuilder.build(s);
        double h3 = Math.pow(t.grid().voxelUm(), 3);
        int igg = s.speciesIndex("igg");
        double[] rates = oneStepFromPlasmaLevel(s, t);
        float[] c = t.concentration(igg);
        double change = 0;
        for (int v = 0; v < c.length; v++) {
            if (t.cell()[v] != CellType.VESSEL.code()) {
                change += (c[v] - 1.0) * h3;
            }
        }
        // σ_f = 1: filtered fluid enters without solute and leaves (outer face, lymphatics) carrying C ≈ C_p = 1,
        // so the tissue loses the filtered volume × C_p per second, to first order in Δt
        double expected = -rates[2] * INTERVAL_S;
        System.out.printf("convection, sigma_f = 1: solute change %.4e, filtered volume x C_p x dt %.4e%n", change,
                expected);
        assertEquals(expected, change, Math.abs(expected) * 2 * rates[1] * INTERVAL_S);
    }
}
