package org.stromasim.tissue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.tissue.TestScenarios.v;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.scenario.GridSpec;
import org.stromasim.scenario.TissueSpec;
import org.stromasim.scenario.TissueSpec.RandomWalkVessel;

class RandomWalkVesselTest {

    private static final TissueSpec.Fibroblasts NONE = new TissueSpec.Fibroblasts(0, 0, 0, 0);

    private static boolean[] lumen(GridSpec grid, long seed, RandomWalkVessel w) {
        Tissue t = TissueBuilder.build(TestScenarios.scenario(grid, seed, null,
                TestScenarios.tissue(List.of(), 0, NONE, List.of(w))));
        return TissueGeometryTest.lumen(t);
    }

    /** Path length exactly lengthUm; steps of stepUm; mean cos(turn) = exp(−σ²/2) for a Gaussian angle. */
    @Test
    void pathStatistics() {
        double sdDeg = 30;
        RandomWalkVessel w = new RandomWalkVessel(v(0, 0, 0), v(0, 0, 2), 20_015, 10, sdDeg, 5);
        List<double[]> p = RandomWalkPath.vertices(w, new SplittableRandom(3));
        assertEquals(2003, p.size());
        double total = 0;
        double cosSum = 0;
        for (int s = 1; s < p.size(); s++) {
            double[] d = diff(p.get(s), p.get(s - 1));
            double len = norm(d);
            total += len;
            if (s < p.size() - 1) {
                assertEquals(10, len, 1e-9);
            }
            if (s >= 2 && s < p.size() - 1) {
                double[] prev = diff(p.get(s - 1), p.get(s - 2));
                cosSum += (d[0] * prev[0] + d[1] * prev[1] + d[2] * prev[2]) / (len * norm(prev));
            }
        }
        assertEquals(20_015, total, 1e-6);
        double sd = Math.toRadians(sdDeg);
        // E[cos θ] = exp(−σ²/2) = 0.872; s.d. of one cos ≈ 0.12, so 2000 steps give ±0.003.
        assertEquals(Math.exp(-sd * sd / 2), cosSum / 2000, 0.012);
        assertEquals(0, p.get(1)[0], 1e-12);
        assertEquals(10, p.get(1)[2], 1e-12); // first step along the given direction
    }

    /** A walk that stays inside is one connected vessel: 26-connected when thin, 6-connected when r ≥ dx. */
    @Test
    void walkInsideTheDomainIsConnected() {
        GridSpec grid = new GridSpec(50, 50, 50, 10);
        Grid3D g = grid.toGrid();
        for (long seed = 1; seed <= 5; seed++) {
            // Length 240 µm from the centre: cannot reach a face (250 µm away).
            boolean[] thin = lumen(grid, seed, new RandomWalkVessel(v(250, 250, 250), v(1, 1, 0), 240, 15, 40, 3));
            assertEquals(1, Connectivity.components(g, thin, true).size(), "thin walk, seed " + seed);
            boolean[] thick = lumen(grid, seed, new RandomWalkVessel(v(250, 250, 250), v(1, 1, 0), 240, 15, 40, 10));
            assertEquals(1, Connectivity.components(g, thick, false).size(), "thick walk, seed " + seed);
        }
    }

    /**
     * A long walk leaves and may re-enter the domain: it is clipped, never aborted, and every piece
     * inside touches a domain face (the walk breaks only where it crosses the boundary).
     */
    @Test
    void walkLeavingTheDomainIsClippedIntoPiecesThatTouchTheBoundary() {
        GridSpec grid = new GridSpec(30, 30, 30, 10);
        Grid3D g = grid.toGrid();
        int pieces = 0;
        for (long seed = 1; seed <= 10; seed++) {
            boolean[] l = lumen(grid, seed, new RandomWalkVessel(v(150, 150, 150), v(0, 0, 1), 3000, 20, 35, 4));
            List<List<Integer>> comps = Connectivity.components(g, l, true);
            assertTrue(comps.size() >= 1, "seed " + seed);
            pieces += comps.size();
            for (List<Integer> c : comps) {
                assertTrue(c.stream().anyMatch(v -> touchesFace(g, v)), "seed " + seed + ": a piece floats inside");
            }
        }
        assertTrue(pieces > 10, "some walks re-entered the domain (" + pieces + " pieces in 10 walks)");
    }

    @Test
    void walkStartingOutsideTheDomainDoesNotFail() {
        boolean[] l = lumen(new GridSpec(10, 10, 10, 10), 1L, new RandomWalkVessel(v(-500, -500, -500), v(-1, 0, 0), 300, 20, 10, 5));
        for (boolean b : l) {
            assertTrue(!b);
        }
    }

    @Test
    void badStepIsRejectedWithVesselNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lumen(new GridSpec(4, 4, 4, 10), 1L, new RandomWalkVessel(v(0, 0, 0), v(1, 0, 0), 100, 0, 10, 5)));
        assertTrue(e.getMessage().startsWith("tissue.vessels[0]: random_walk vessel step_um must be > 0"), e.getMessage());
    }

    private static boolean touchesFace(Grid3D g, int v) {
        int i = v % g.nx();
        int j = (v / g.nx()) % g.ny();
        int k = v / (g.nx() * g.ny());
        return i == 0 || j == 0 || k == 0 || i == g.nx() - 1 || j == g.ny() - 1 || k == g.nz() - 1;
    }

    private static double[] diff(double[] a, double[] b) {
        return new double[]{a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double norm(double[] a) {
        return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    }
}
