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
 * <p>The voxels are stored as one index list cut into segments: vessel shell b is
 * {@code segmentIndices[segmentStart[b] .. segmentStart[b + 1])}, then the cancer segment
 * ({@link #cancerSegment}), then depth shell t ({@link #depthSegment}), so a device reduces many
 * segments in one launch. A backend computes {@link StateReductions} from it on the device;
 * {@link #onHost} computes the same on the host. The plan remembers a fingerprint of the cell field it
 * was built from ({@link #builtFrom}, {@link CellFingerprint}): the slow biology step changes cells (a
 * cancer voxel dies), and then the cancer segment must be rebuilt.
 */
public final class ReductionPlan {

    private final int drugSpecies;
    private final double voxelUm;
    private final int shellCount;
    private final int depthShellCount;
    private final int[] segmentIndices;
    private final int[] segmentStart;
    private final double exposureThreshold;
    private final CellFingerprint cellsAtBuild;

    private ReductionPlan(int drugSpecies, double voxelUm, int shellCount, int depthShellCount, int[] segmentIndices,
                          int[] segmentStart, double exposureThreshold, CellFingerprint cellsAtBuild) {
        this.drugSpecies = drugSpecies;
        this.voxelUm = voxelUm;
        this.shellCount = shellCount;
        this.depthShellCount = depthShellCount;
        this.segmentIndices = segmentIndices;
        this.segmentStart = segmentStart;
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
        int cancerSegment = shells;
        int firstDepthSegment = shells + 1;
        int segments = shells + 1 + depthShells;
        // Two passes, count then fill, each computing a voxel's shell again rather than keeping it in an
        // int per voxel: a plan is built while the backend holds its arrays, where a grid-sized scratch
        // would set the run's peak heap.
        int[] count = new int[segments];
        byte cancer = CellType.CANCER.code();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(dx, shells, cell[v], vesselDistance[v]);
            if (shell >= 0) {
                count[shell]++;
            }
            if (cell[v] == cancer) {
                count[cancerSegment]++;
            }
        }
        depth.forEachTumourVoxel((v, d) -> {
            int shell = PenetrationProfile.shellOf(dx, depthShells, true, d);
            if (shell >= 0) {
                count[firstDepthSegment + shell]++;
            }
        });
        int[] start = new int[segments + 1];
        for (int b = 0; b < segments; b++) {
            start[b + 1] = start[b] + count[b];
        }
        int[] indices = new int[start[segments]];
        int[] fill = start.clone();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(dx, shells, cell[v], vesselDistance[v]);
            if (shell >= 0) {
                indices[fill[shell]++] = v;
            }
            if (cell[v] == cancer) {
                indices[fill[cancerSegment]++] = v;
            }
        }
        depth.forEachTumourVoxel((v, d) -> {
            int shell = PenetrationProfile.shellOf(dx, depthShells, true, d);
            if (shell >= 0) {
                indices[fill[firstDepthSegment + shell]++] = v;
            }
        });
        return new ReductionPlan(drugSpecies, dx, shells, depthShells, indices, start, exposureThreshold,
                CellFingerprint.of(cell));
    }

    /** Whether {@code tissue}'s cell field is the one this plan was built from (else build a new plan). */
    public boolean builtFrom(Tissue tissue) {
        return cellsAtBuild.equals(CellFingerprint.of(tissue.cell()));
    }

    /** The same sums computed on the host from {@code state} (in double, voxel by voxel). */
    public StateReductions onHost(Tissue state) {
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
        double[] shellSum = new double[hasDrug ? shellCount : 0];
        double[] depthDrugSum = new double[hasDrug ? depthShellCount : 0];
        double[] depthExposureSum = new double[hasDrug ? depthShellCount : 0];
        long exposed = 0;
        if (hasDrug) {
            float[] drug = state.concentration(drugSpecies);
            float[] exposure = state.drugExposure();
            for (int b = 0; b < shellCount; b++) {
                shellSum[b] = sumOver(drug, b);
            }
            for (int at = segmentStart[cancerSegment()]; at < segmentStart[cancerSegment() + 1]; at++) {
                if (exposure[segmentIndices[at]] > exposureThreshold) {
                    exposed++;
                }
            }
            for (int t = 0; t < depthShellCount; t++) {
                depthDrugSum[t] = sumOver(drug, depthSegment(t));
                depthExposureSum[t] = sumOver(exposure, depthSegment(t));
            }
        }
        return new StateReductions(sum, max, tissueVoxels, shellSum, exposed, depthDrugSum, depthExposureSum);
    }

    private double sumOver(float[] field, int segment) {
        double total = 0;
        for (int at = segmentStart[segment]; at < segmentStart[segment + 1]; at++) {
            total += field[segmentIndices[at]];
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
        return segmentVoxels(b);
    }

    /** Voxels in depth shell {@code t}. */
    public long depthShellVoxels(int t) {
        return segmentVoxels(depthSegment(t));
    }

    public long cancerVoxels() {
        return segmentVoxels(cancerSegment());
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

    private long segmentVoxels(int segment) {
        return segmentStart[segment + 1] - segmentStart[segment];
    }

    public double exposureThreshold() {
        return exposureThreshold;
    }

    /** Every segment's voxels, one index list (the live array: do not modify). */
    public int[] segmentIndices() {
        return segmentIndices;
    }

    /** {@link #segmentCount} + 1 offsets into {@link #segmentIndices}. */
    public int[] segmentStart() {
        return segmentStart;
    }
}
