package org.stromasim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * The plan's host reduction and its device index list against a brute-force reduction of a small random
 * tissue: every vessel-distance shell, the exposed cancer count and every tumour-depth shell, from the
 * shell definitions themselves (distances found by search over all voxel pairs), summed in double in
 * ascending voxel order, so every sum must agree bit for bit.
 */
class ReductionPlanTest {

    private static final double DX = 10.0;
    private static final int DRUG = 1;
    private static final double THRESHOLD = 0.5;

    @Test
    void hostSumsEqualABruteForceSumPerShell() {
        Tissue t = randomTissue(new Grid3D(13, 11, 9, DX), 42);
        ReductionPlan plan = ReductionPlan.of(t, DRUG, THRESHOLD);
        Expected e = Expected.of(t);
        StateReductions r = plan.onHost(t);

        assertTrue(e.vesselShells.size() > 3 && e.depthShells.size() > 2, "the tissue has several shells of each kind");
        assertEquals(e.vesselShells.size(), plan.shellCount());
        assertEquals(e.vesselShells.size(), r.drugShellSum().length);
        float[] drug = t.concentration(DRUG);
        for (int b = 0; b < plan.shellCount(); b++) {
            assertEquals(e.vesselShells.get(b).size(), plan.shellVoxels(b), "voxels in vessel shell " + b);
            assertEquals(sum(drug, e.vesselShells.get(b)), r.drugShellSum()[b], 0.0, "drug sum in vessel shell " + b);
        }
        assertEquals(e.cancer.size(), plan.cancerVoxels());
        long exposed = e.cancer.stream().filter(v -> t.drugExposure()[v] > THRESHOLD).count();
        assertTrue(exposed > 0 && exposed < e.cancer.size(), "the threshold splits the cancer voxels");
        assertEquals(exposed, r.exposedCancer());
        assertEquals(e.depthShells.size(), plan.depthShellCount());
        for (int s = 0; s < plan.depthShellCount(); s++) {
            assertEquals(e.depthShells.get(s).size(), plan.depthShellVoxels(s), "voxels in depth shell " + s);
            assertEquals(sum(drug, e.depthShells.get(s)), r.depthDrugSum()[s], 0.0, "drug sum in depth shell " + s);
            assertEquals(sum(t.drugExposure(), e.depthShells.get(s)), r.depthExposureSum()[s], 0.0,
                    "exposure sum in depth shell " + s);
        }

        DrugProfiles profiles = DrugProfiles.of(t, DRUG);
        for (int b = 0; b < plan.shellCount(); b++) {
            assertEquals(sum(t.drugExposure(), e.vesselShells.get(b)) / e.vesselShells.get(b).size(),
                    profiles.exposureByVesselDistance().meanInShell(b), 0.0, "exposure mean in vessel shell " + b);
        }
    }

    @Test
    void theDeviceIndexListHoldsEverySegmentInAscendingVoxelOrder() {
        Tissue t = randomTissue(new Grid3D(12, 10, 8, DX), 7);
        ReductionPlan plan = ReductionPlan.of(t, DRUG, THRESHOLD);
        Expected e = Expected.of(t);
        List<List<Integer>> segments = new ArrayList<>(e.vesselShells);
        segments.add(e.cancer);
        segments.addAll(e.depthShells);
        ReductionPlan.Segments built = plan.buildSegments(t);

        assertEquals(segments.size(), plan.segmentCount());
        assertEquals(plan.segmentCount() + 1, built.start().length);
        assertEquals(built.start()[built.start().length - 1], built.indices().length);
        for (int g = 0; g < segments.size(); g++) {
            int[] expected = segments.get(g).stream().mapToInt(Integer::intValue).toArray();
            int[] actual = java.util.Arrays.copyOfRange(built.indices(), built.start()[g], built.start()[g + 1]);
            assertArrayEquals(expected, actual, "segment " + g);
        }
        assertEquals(plan.cancerSegment(), e.vesselShells.size());
        assertEquals(plan.depthSegment(0), e.vesselShells.size() + 1);
    }

    @Test
    void aPlanRefusesAStateWithOtherCells() {
        Tissue t = randomTissue(new Grid3D(8, 8, 8, DX), 3);
        ReductionPlan plan = ReductionPlan.of(t, DRUG, THRESHOLD);
        int v = Expected.of(t).cancer.get(0);
        t.cell()[v] = CellType.DEAD.code();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.onHost(t));
        assertTrue(e.getMessage().contains("cell field differs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.buildSegments(t));
    }

    /** A tumour ball (cancer, some dead) in stroma with scattered vessels; random fields. */
    private static Tissue randomTissue(Grid3D grid, long seed) {
        Random random = new Random(seed);
        Tissue t = new Tissue(grid, List.of("oxygen", "drug"));
        byte[] cell = t.cell();
        byte[] stroma = {CellType.ECM.code(), CellType.FIBROBLAST.code(), CellType.CAF.code()};
        double ci = (grid.nx() - 1) / 2.0;
        double cj = (grid.ny() - 1) / 2.0;
        double ck = (grid.nz() - 1) / 2.0;
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    double r = Math.sqrt((i - ci) * (i - ci) + (j - cj) * (j - cj) + (k - ck) * (k - ck));
                    byte code;
                    if (r <= 3.6) {
                        code = random.nextDouble() < 0.2 ? CellType.DEAD.code() : CellType.CANCER.code();
                    } else if (random.nextDouble() < 0.01) {
                        code = CellType.VESSEL.code();
                    } else {
                        code = stroma[random.nextInt(stroma.length)];
                    }
                    cell[grid.index(i, j, k)] = code;
                }
            }
        }
        float[] vesselDistance = t.vesselDistanceUm();
        for (int v = 0; v < cell.length; v++) {
            vesselDistance[v] = (float) nearest(grid, v, w -> cell[w] == CellType.VESSEL.code());
        }
        for (int s = 0; s < t.speciesCount(); s++) {
            float[] c = t.concentration(s);
            for (int v = 0; v < c.length; v++) {
                c[v] = (float) (random.nextDouble() * Math.pow(10, random.nextInt(7) - 3));
            }
        }
        float[] exposure = t.drugExposure();
        for (int v = 0; v < exposure.length; v++) {
            exposure[v] = (float) random.nextDouble();
        }
        return t;
    }

    /** Distance from voxel v's centre to the nearest voxel centre that {@code in} holds, µm; +∞ if none. */
    private static double nearest(Grid3D grid, int v, java.util.function.IntPredicate in) {
        int nx = grid.nx();
        int ny = grid.ny();
        double best = Double.POSITIVE_INFINITY;
        for (int w = 0; w < grid.voxelCount(); w++) {
            if (in.test(w)) {
                int di = v % nx - w % nx;
                int dj = (v / nx) % ny - (w / nx) % ny;
                int dk = v / (nx * ny) - w / (nx * ny);
                best = Math.min(best, Math.sqrt(di * di + dj * dj + dk * dk) * grid.voxelUm());
            }
        }
        return best;
    }

    private static double sum(float[] field, List<Integer> voxels) {
        double total = 0;
        for (int v : voxels) {
            total += field[v];
        }
        return total;
    }

    /** The segments by their definitions, each in ascending voxel order. */
    private record Expected(List<List<Integer>> vesselShells, List<Integer> cancer, List<List<Integer>> depthShells) {

        static Expected of(Tissue t) {
            Grid3D grid = t.grid();
            byte[] cell = t.cell();
            float[] vesselDistance = t.vesselDistanceUm();
            double[] depth = new double[cell.length];
            double maxVessel = 0;
            double maxDepth = 0;
            for (int v = 0; v < cell.length; v++) {
                if (cell[v] != CellType.VESSEL.code() && Float.isFinite(vesselDistance[v])) {
                    maxVessel = Math.max(maxVessel, vesselDistance[v]);
                }
                boolean tumour = cell[v] == CellType.CANCER.code() || cell[v] == CellType.DEAD.code();
                depth[v] = tumour ? nearest(grid, v, w -> cell[w] != CellType.CANCER.code()
                        && cell[w] != CellType.DEAD.code()) : Double.NaN;
                if (tumour && Double.isFinite(depth[v])) {
                    maxDepth = Math.max(maxDepth, depth[v]);
                }
            }
            // Shell b: (b + ½)·dx ≤ d < (b + 3⁄2)·dx, as many shells as reach the largest distance.
            List<List<Integer>> vesselShells = shells((int) Math.floor(maxVessel / DX - 0.5) + 1);
            List<List<Integer>> depthShells = shells((int) Math.floor(maxDepth / DX - 0.5) + 1);
            List<Integer> cancer = new ArrayList<>();
            for (int v = 0; v < cell.length; v++) {
                if (cell[v] != CellType.VESSEL.code()) {
                    add(vesselShells, vesselDistance[v], v);
                }
                if (cell[v] == CellType.CANCER.code()) {
                    cancer.add(v);
                }
                if (!Double.isNaN(depth[v])) {
                    add(depthShells, depth[v], v);
                }
            }
            return new Expected(vesselShells, cancer, depthShells);
        }

        private static List<List<Integer>> shells(int count) {
            List<List<Integer>> shells = new ArrayList<>();
            for (int b = 0; b < Math.max(1, count); b++) {
                shells.add(new ArrayList<>());
            }
            return shells;
        }

        private static void add(List<List<Integer>> shells, double distanceUm, int v) {
            for (int b = 0; b < shells.size(); b++) {
                if ((b + 0.5) * DX <= distanceUm && distanceUm < (b + 1.5) * DX) {
                    shells.get(b).add(v);
                }
            }
        }
    }
}
