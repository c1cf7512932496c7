package org.stromasim.metrics;

import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * What the per-interval metrics reduce over, fixed while the cells do not change: the tissue voxels (all
 * but vessel lumen) for every species' total and maximum; for the drug species the voxels of each
 * vessel-distance shell (see {@link PenetrationProfile}), the cancer voxels whose exposure is compared
 * with the threshold, and the tumour voxels of each depth shell below the tumour boundary
 * ({@link TumourDepth}; drug concentration and exposure are summed there).
 *
 * <p>The reductions are numbered as segments: vessel shells 0 .. {@link #shellCount} − 1, then the cancer
 * segment ({@link #cancerSegment}), then depth shell t ({@link #depthSegment}). The plan keeps only a
 * voxel count per vessel shell, not the shells' voxels: they are nearly every tissue voxel, an int each
 * for the whole run, which would set the run's peak heap. {@link #onHost} finds a voxel's vessel shell
 * again from the tissue's vessel distance as it sums. The cancer and depth segments are small (the nest)
 * and kept as one index list. A device reduces many segments in one launch from one index list of every
 * segment, which {@link #buildSegments} makes on demand for the upload; a backend computes
 * {@link StateReductions} from it on the device. The plan remembers a fingerprint of the cell field it
 * was built from ({@link #builtFrom}, {@link CellFingerprint}): the slow biology step changes cells (a
 * cancer voxel dies), and then the cancer segment must be rebuilt.
 */
public final class ReductionPlan {

    private final int drugSpecies;
    private final double voxelUm;
    private final int shellCount;
    private final int depthShellCount;
    /** Voxels per vessel-distance shell. */
    private final int[] shellVoxels;
    /** The cancer segment, then each depth shell's: {@code nestIndices[nestStart[i] .. nestStart[i + 1])}. */
    private final int[] nestIndices;
    /** {@code depthShellCount} + 2 offsets into {@link #nestIndices}: the cancer segment is 0, depth shell t is t + 1. */
    private final int[] nestStart;
    private final double exposureThreshold;
    private final CellFingerprint cellsAtBuild;

    private ReductionPlan(int drugSpecies, double voxelUm, int shellCount, int depthShellCount, int[] shellVoxels,
                          int[] nestIndices, int[] nestStart, double exposureThreshold, CellFingerprint cellsAtBuild) {
        this.drugSpecies = drugSpecies;
        this.voxelUm = voxelUm;
        this.shellCount = shellCount;
        this.depthShellCount = depthShellCount;
        this.shellVoxels = shellVoxels;
        this.nestIndices = nestIndices;
        this.nestStart = nestStart;
        this.exposureThreshold = exposureThreshold;
        this.cellsAtBuild = cellsAtBuild;
    }

    /**
     * @param drugSpecies          the species whose profile and exposure are measured, or −1
     * @param exposureThreshold    exposure above which a cancer voxel counts as exposed, unit·s
     */
    public static ReductionPlan of(Tissue tissue, int drugSpecies, double exposureThreshold) {
        double dx = tissue.grid().voxelUm();
        byte[] cell = tissue.cell();
        float[] vesselDistance = tissue.vesselDistanceUm();
        TumourDepth depth = TumourDepth.of(tissue.grid(), cell);
        int shells = PenetrationProfile.shellCount(dx, vesselDistance);
        int depthShells = PenetrationProfile.shellCountReaching(dx, depth.maxFiniteDepthUm());
        // Count, then fill the nest list, computing a voxel's shell again rather than keeping it in an int
        // per voxel: a plan is built while the backend holds its arrays, where a grid-sized scratch would
        // set the run's peak heap.
        int[] shellVoxels = new int[shells];
        int[] nestCount = new int[1 + depthShells];
        byte cancer = CellType.CANCER.code();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(dx, shells, cell[v], vesselDistance[v]);
            if (shell >= 0) {
                shellVoxels[shell]++;
            }
            if (cell[v] == cancer) {
                nestCount[0]++;
            }
        }
        depth.forEachTumourVoxel((v, d) -> {
            int shell = PenetrationProfile.shellOf(dx, depthShells, true, d);
            if (shell >= 0) {
                nestCount[1 + shell]++;
            }
        });
        int[] start = new int[nestCount.length + 1];
        for (int i = 0; i < nestCount.length; i++) {
            start[i + 1] = start[i] + nestCount[i];
        }
        int[] indices = new int[start[nestCount.length]];
        int[] fill = start.clone();
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] == cancer) {
                indices[fill[0]++] = v;
            }
        }
        depth.forEachTumourVoxel((v, d) -> {
            int shell = PenetrationProfile.shellOf(dx, depthShells, true, d);
            if (shell >= 0) {
                indices[fill[1 + shell]++] = v;
            }
        });
        return new ReductionPlan(drugSpecies, dx, shells, depthShells, shellVoxels, indices, start, exposureThreshold,
                CellFingerprint.of(cell));
    }

    /** Whether {@code tissue}'s cell field is the one this plan was built from (else build a new plan). */
    public boolean builtFrom(Tissue tissue) {
        return cellsAtBuild.equals(CellFingerprint.of(tissue.cell()));
    }

    /**
     * The same sums computed on the host from {@code state} (in double, voxel by voxel, each segment in
     * ascending voxel order). {@code state}'s cells and vessel distances must be those the plan was built
     * from ({@link #builtFrom}).
     */
    public StateReductions onHost(Tissue state) {
        requireBuiltFrom(state, "reduce");
        int species = state.speciesCount();
        double[] sum = new double[species];
        double[] max = new double[species];
        byte[] cell = state.cell();
        byte vessel = CellType.VESSEL.code();
        long tissueVoxels = 0;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != vessel) {
                tissueVoxels++;
            }
        }
        for (int s = 0; s < species; s++) {
            float[] c = state.concentration(s);
            double total = 0;
            double highest = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < c.length; v++) {
                if (cell[v] != vessel) {
                    total += c[v];
                    highest = Math.max(highest, c[v]);
                }
            }
            sum[s] = total;
            max[s] = highest;
        }
        boolean hasDrug = drugSpecies >= 0;
        double[] shellSum = new double[0];
        double[] depthDrugSum = new double[hasDrug ? depthShellCount : 0];
        double[] depthExposureSum = new double[hasDrug ? depthShellCount : 0];
        long exposed = 0;
        if (hasDrug) {
            float[] drug = state.concentration(drugSpecies);
            float[] exposure = state.drugExposure();
            shellSum = sumsByVesselShell(state, drug);
            for (int at = nestStart[0]; at < nestStart[1]; at++) {
                if (exposure[nestIndices[at]] > exposureThreshold) {
                    exposed++;
                }
            }
            for (int t = 0; t < depthShellCount; t++) {
                depthDrugSum[t] = sumOverNest(drug, 1 + t);
                depthExposureSum[t] = sumOverNest(exposure, 1 + t);
            }
        }
        return new StateReductions(sum, max, tissueVoxels, shellSum, exposed, depthDrugSum, depthExposureSum);
    }

    /**
     * The sum of {@code field} over each vessel-distance shell of {@code tissue} (whose cells and vessel
     * distances built this plan), in double, each shell in ascending voxel order. One pass over the grid
     * that finds every voxel's shell again: a metrics row comes hundreds of time steps apart, so the extra
     * pass costs next to nothing, while a kept index list would cost an int per tissue voxel all run.
     */
    double[] sumsByVesselShell(Tissue tissue, float[] field) {
        byte[] cell = tissue.cell();
        float[] vesselDistance = tissue.vesselDistanceUm();
        double[] sums = new double[shellCount];
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(voxelUm, shellCount, cell[v], vesselDistance[v]);
            if (shell >= 0) {
                sums[shell] += field[v];
            }
        }
        return sums;
    }

    private double sumOverNest(float[] field, int nestSegment) {
        double total = 0;
        for (int at = nestStart[nestSegment]; at < nestStart[nestSegment + 1]; at++) {
            total += field[nestIndices[at]];
        }
        return total;
    }

    public int drugSpecies() {
        return drugSpecies;
    }

    public double voxelUm() {
        return voxelUm;
    }

    /** Vessel-distance shells. */
    public int shellCount() {
        return shellCount;
    }

    /** Depth shells below the tumour boundary (one, empty, when there is no tumour). */
    public int depthShellCount() {
        return depthShellCount;
    }

    /** Voxels in vessel-distance shell {@code b}. */
    public long shellVoxels(int b) {
        return shellVoxels[b];
    }

    /** Voxels in depth shell {@code t}. */
    public long depthShellVoxels(int t) {
        return nestVoxels(1 + t);
    }

    public long cancerVoxels() {
        return nestVoxels(0);
    }

    /** Index of the cancer segment (after the vessel shells). */
    public int cancerSegment() {
        return shellCount;
    }

    /** Index of depth shell {@code t}'s segment (after the cancer segment). */
    public int depthSegment(int t) {
        return shellCount + 1 + t;
    }

    /** Number of segments: vessel shells, the cancer segment, depth shells. */
    public int segmentCount() {
        return shellCount + 1 + depthShellCount;
    }

    private long nestVoxels(int nestSegment) {
        return nestStart[nestSegment + 1] - nestStart[nestSegment];
    }

    public double exposureThreshold() {
        return exposureThreshold;
    }

    /**
     * Every segment's voxels as one index list, built now from {@code tissue} (whose cells and vessel
     * distances built this plan), for a device to upload: segment g is
     * {@code indices[start[g] .. start[g + 1])}, each in ascending voxel order. The list holds nearly
     * every tissue voxel; the caller drops it once uploaded.
     */
    public Segments buildSegments(Tissue tissue) {
        requireBuiltFrom(tissue, "build the segments of");
        int segments = segmentCount();
        int[] start = new int[segments + 1];
        for (int b = 0; b < shellCount; b++) {
            start[b + 1] = start[b] + shellVoxels[b];
        }
        int nestFirst = start[shellCount];
        for (int i = 0; i + 1 < nestStart.length; i++) {
            start[shellCount + 1 + i] = nestFirst + nestStart[i + 1];
        }
        int[] indices = new int[start[segments]];
        int[] fill = java.util.Arrays.copyOf(start, shellCount);
        byte[] cell = tissue.cell();
        float[] vesselDistance = tissue.vesselDistanceUm();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(voxelUm, shellCount, cell[v], vesselDistance[v]);
            if (shell >= 0) {
                indices[fill[shell]++] = v;
            }
        }
        System.arraycopy(nestIndices, 0, indices, nestFirst, nestIndices.length);
        return new Segments(indices, start);
    }

    /**
     * One index list of every segment ({@link #buildSegments}).
     *
     * @param indices the voxels of segment g are {@code indices[start[g] .. start[g + 1])}
     * @param start   {@link #segmentCount} + 1 offsets into {@code indices}
     */
    public record Segments(int[] indices, int[] start) {
    }

    private void requireBuiltFrom(Tissue tissue, String what) {
        if (!builtFrom(tissue)) {
            throw new IllegalArgumentException("cannot " + what + " a state whose cell field differs from the one "
                    + "this reduction plan was built from; build a new plan (ReductionPlan.of) for it");
        }
    }
}
