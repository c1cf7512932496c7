package org.stromasim.biology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.Scenario;
import org.stromasim.scenario.ScenarioLoader;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.TissueBuilder;
import org.stromasim.transport.TransportModel;

/**
 * The slow processes at the literature time scales of configs/tamoxifen-fibrotic-stroma.yaml, stepped by the
 * adaptive slow clock over three days at constant TGF-β, against the closed-form solutions of their rate
 * laws computed here: first-order activation (the share of fibroblasts left is e^(−k·H·t)) and the
 * exponential approach of a CAF voxel's stiffness to the ceiling.
 */
class SlowClockKineticsTest {

    private static final double DAYS_3_S = 3 * 86400.0;
    private static final double TGFB_NM = 0.045;
    /** biology.slow_clock.max_relative_change of the scenario. */
    private static final double TARGET = 0.1;

    @Test
    void activationAndStiffeningFollowTheirRateLawsOverDaysOfAdaptiveSteps() {
        Scenario s = ScenarioLoader.load(Path.of("configs/tamoxifen-fibrotic-stroma.yaml"),
                List.of("grid.voxel_um=20", "grid.nx=48", "grid.ny=48", "grid.nz=42",
                        "biology.remodelling.spread_per_s=0"));
        Tissue state = TissueBuilder.build(s);
        TransportModel model = TransportModel.compile(s, state);
        SlowProcesses processes = new SlowProcesses(s);
        TransportFields fields = TransportFields.of(model);
        byte[] cell = state.cell();
        boolean[] wasFibroblast = new boolean[cell.length];
        int fibroblasts = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == CellType.ECM.code() || cell[v] == CellType.FIBROBLAST.code()) {
                cell[v] = CellType.FIBROBLAST.code(); // many voxels, so the activated share is sharp
                wasFibroblast[v] = true;
                fibroblasts++;
            }
        }
        float[] e0 = state.stiffnessKpa().clone();
        byte[] initial = cell.clone();
        Arrays.fill(state.concentration(s.biology().tgfbSpecies()), (float) TGFB_NM);

        double t = 0.0;
        int steps = 0;
        TreeSet<Double> lengths = new TreeSet<>();
        while (t < DAYS_3_S) {
            double dt = processes.adaptiveClock().choose(state, t).intervalS();
            assertTrue(Math.IEEEremainder(t, dt) == 0.0, "every step starts on a multiple of its length");
            float[] before = state.stiffnessKpa().clone();
            byte[] cafsBefore = cell.clone();
            processes.step(state, processes.stepBetween(t, t + dt), fields);
            for (int v = 0; v < before.length; v++) {
                if (cafsBefore[v] != CellType.CAF.code()) {
                    continue; // the bound covers the CAFs at the step start (AdaptiveSlowInterval)
                }
                double change = Math.abs(state.stiffnessKpa()[v] - before[v]) / before[v];
                // the clock's claim: at most the target per step (plus float rounding of the stored value)
                assertTrue(change <= TARGET + 1e-6, "step at t = " + t + " changed voxel " + v + " by " + change);
            }
            t += dt;
            steps++;
            lengths.add(dt);
        }
        assertEquals(DAYS_3_S, t, 0.0, "the steps end on the day grid (3 days = 72 × 3600 s)");

        // activation: k·H with H = T/(T + EC50), T above the threshold
        var a = s.biology().activation();
        double rate = a.maxRatePerS() * TGFB_NM / (TGFB_NM + a.ec50());
        double leftExpected = Math.exp(-rate * DAYS_3_S);
        int left = 0;
        for (int v = 0; v < cell.length; v++) {
            left += wasFibroblast[v] && cell[v] == CellType.FIBROBLAST.code() ? 1 : 0;
        }
        double share = (double) left / fibroblasts;
        // binomial spread of the share of independent voxels, 4 standard deviations
        double tolerance = 4 * Math.sqrt(leftExpected * (1 - leftExpected) / fibroblasts);
        assertEquals(leftExpected, share, tolerance, "fibroblasts left after 3 days (" + fibroblasts + " voxels)");

        // stiffening of the voxels that were CAFs from the start (spread off): exact exponential approach
        var r = s.biology().remodelling();
        int checked = 0;
        for (int v = 0; v < cell.length; v++) {
            if (initial[v] != CellType.CAF.code()) {
                continue;
            }
            double expected = r.ceilingKpa() - (r.ceilingKpa() - e0[v]) * Math.exp(-r.cafStiffeningPerS() * DAYS_3_S);
            // each step rounds to float (half an ulp, < 2e-6 kPa at 40 kPa) for at most a few hundred steps
            assertEquals(expected, state.stiffnessKpa()[v], 5e-4, "CAF voxel " + v);
            checked++;
        }
        assertTrue(checked > 100, "many CAF voxels checked: " + checked);
        assertEquals(TARGET, s.biology().slowClock().maxRelativeChange());
        // the softest CAF and fibroblast voxels (stiffness noise) hold the step near an hour; the base would take 1152
        assertTrue(steps <= 1152 / 3, "slow steps for 3 days: " + steps + " of lengths " + lengths);
    }
}
