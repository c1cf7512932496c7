package org.stromasim.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stromasim.transport.ScenarioFixture.scenario;
import static org.stromasim.transport.ScenarioFixture.species;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.transport.TransportFields;
import org.stromasim.scenario.Scenario;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.transport.ScenarioFixture;
import org.stromasim.transport.TransportModel;

/**
 * Slab boundaries follow the measured plane costs ({@link SlabWorkers#balance}), and moving them
 * between advance calls changes no result: every voxel reads only old values whatever the partition.
 */
class SlabBalanceTest {

    private static int[] starts(SlabWorkers workers, int threads) {
        int[] s = new int[threads + 1];
        for (int w = 0; w <= threads; w++) {
            s[w] = workers.slabStart(w);
        }
        return s;
    }

    @Test
    void boundariesSplitTheCostEvenlyAndKeepEverySlabNonEmpty() {
        try (SlabWorkers two = new SlabWorkers(2, 8)) {
            assertArrayEquals(new int[] {0, 4, 8}, starts(two, 2), "equal planes at first");
            two.balance(new double[] {1, 1, 1, 1, 10, 10, 1, 1}); // total 26: planes 0-4 cost 14, 5-7 cost 12
            assertArrayEquals(new int[] {0, 5, 8}, starts(two, 2));
            two.balance(new double[] {100, 0, 0, 0, 0, 0, 0, 0});
            assertArrayEquals(new int[] {0, 1, 8}, starts(two, 2), "one plane at least in slab 0");
            two.balance(new double[8]); // no information: unchanged
            assertArrayEquals(new int[] {0, 1, 8}, starts(two, 2));
        }
        try (SlabWorkers three = new SlabWorkers(3, 6)) {
            three.balance(new double[] {0, 0, 0, 0, 0, 100});
            assertArrayEquals(new int[] {0, 4, 5, 6}, starts(three, 3), "the costly plane alone, the others non-empty");
            three.balance(new double[] {3, 3, 3, 3, 3, 3});
            assertArrayEquals(new int[] {0, 2, 4, 6}, starts(three, 3));
        }
    }

    @Test
    void movingTheBoundariesBetweenCallsChangesNoResult() {
        Scenario sc = scenario().grid(9, 7, 12, 10)
                .with(species("drug").d0(117).decay(0.01).uptake(CellType.CANCER, 0.05, 0.4))
                .with(species("lactate").d0(800).secretion(CellType.CAF, 0.3, 8.0)).build();
        Tissue initial = ScenarioFixture.emptyTissue(sc);
        Random rnd = new Random(5);
        for (int v = 0; v < initial.grid().voxelCount(); v++) {
            initial.stiffnessKpa()[v] = 0.5f + 5 * rnd.nextFloat();
            initial.cell()[v] = (byte) rnd.nextInt(CellType.COUNT);
            initial.concentration(0)[v] = 3 * rnd.nextFloat();
            initial.concentration(1)[v] = 3 * rnd.nextFloat();
        }
        double dt = 0.9 * TransportFields.of(TransportModel.compile(sc, initial.copy())).stabilityLimit().dtMaxS();
        Tissue single = advanceInCalls(sc, initial, 1, dt, null);
        double[][] skews = {
            {50, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50},
            {1, 1, 1, 1, 1, 30, 30, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}};
        for (int threads : new int[] {2, 3}) {
            Tissue moved = advanceInCalls(sc, initial, threads, dt, skews);
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(single.concentration(s), moved.concentration(s), 0f, threads + " threads, species " + s);
            }
            assertArrayEquals(single.drugExposure(), moved.drugExposure(), 0f, threads + " threads, exposure");
        }
    }

    /** 8 advance calls of 3 steps; before each, the boundaries are moved by the next skew (if given). */
    private static Tissue advanceInCalls(Scenario sc, Tissue initial, int threads, double dt, double[][] skews) {
        Tissue state = initial.copy();
        TransportModel model = TransportModel.compile(sc, state);
        try (JavaBackend backend = new JavaBackend(model, threads)) {
            backend.upload(state);
            int previousBoundary = backend.slabStart(1);
            int moves = 0;
            for (int call = 0; call < 8; call++) {
                if (skews != null) {
                    backend.balanceSlabs(skews[call % skews.length]);
                    moves += backend.slabStart(1) != previousBoundary ? 1 : 0;
                    previousBoundary = backend.slabStart(1);
                }
                backend.advance(call * 3 * dt, dt, 3);
            }
            if (skews != null) {
                assertTrue(moves >= 4, "the boundaries moved between calls (" + moves + " times)");
            }
            backend.download(state);
        }
        return state;
    }
}
