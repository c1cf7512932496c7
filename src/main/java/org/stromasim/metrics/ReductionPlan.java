package org.stromasim.metrics;

import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;

/**
 * What the per-interval metrics reduce over, fixed for a run (cells and vessel distances do not change
 * while the transport runs): the tissue voxels (all but vessel lumen) for every species' total and
 * maximum; for the drug species the voxels of each distance shell (see {@link PenetrationProfile})
 * and the cancer voxels whose exposure is compared with the threshold.
 *
 * <p>The shell and cancer voxels are stored as one index list cut into segments, shell b being
 * {@code segmentIndices[segmentStart[b] .. segmentStart[b + 1])} and the cancer voxels the last
 * segment, so a device can reduce every segment in one launch. A backend computes
 * {@link StateReductions} from it on the device; {@link #onHost} computes the same on the host.
 */
public final class ReductionPlan {

    private final int drugSpecies;
    private final double voxelUm;
    private final int shellCount;
    private final int[] segmentIndices;
    private final int[] segmentStart;
    private final double exposureThreshold;

    private ReductionPlan(int drugSpecies, double voxelUm, int shellCount, int[] segmentIndices, int[] segmentStart,
                          double exposureThreshold) {
        this.drugSpecies = drugSpecies;
        this.voxelUm = voxelUm;
        this.shellCount = shellCount;
        this.segmentIndices = segmentIndices;
        this.segmentStart = segmentStart;
        this.exposureThreshold = exposureThreshold;
    }

    /**
     * @param drugSpecies          the species whose profile and exposure are measured, or −1
     * @param exposureThreshold    exposure above which a cancer voxel counts as exposed, unit·s
     */
    public static ReductionPlan of(Tissue tissue, int drugSpecies, double exposureThreshold) {
        double dx = tissue.grid().voxelUm();
        byte[] cell = tissue.cell();
        int shells = PenetrationProfile.shellCount(dx, tissue.vesselDistanceUm());
        // the shell of a voxel is computed twice (count, then fill) rather than kept in an int per voxel:
        // this runs while the backend holds its arrays, where a grid-sized scratch would set the peak heap
        float[] distance = tissue.vesselDistanceUm();
        int[] count = new int[shells + 1];
        byte cancer = CellType.CANCER.code();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(dx, shells, cell[v], distance[v]);
            if (shell >= 0) {
                count[shell]++;
            }
            if (cell[v] == cancer) {
                count[shells]++;
            }
        }
        int[] start = new int[shells + 2];
        for (int b = 0; b <= shells; b++) {
            start[b + 1] = start[b] + count[b];
        }
        int[] indices = new int[start[shells + 1]];
        int[] fill = start.clone();
        for (int v = 0; v < cell.length; v++) {
            int shell = PenetrationProfile.shellOf(dx, shells, cell[v], distance[v]);
            if (shell >= 0) {
                indices[fill[shell]++] = v;
            }
            if (cell[v] == cancer) {
                indices[fill[shells]++] = v;
            }
        }
        return new ReductionPlan(drugSpecies, dx, shells, indices, start, exposureThreshold);
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
        double[] shellSum = new double[drugSpecies >= 0 ? shellCount : 0];
        long exposed = 0;
        if (drugSpecies >= 0) {
            float[] drug = state.concentration(drugSpecies);
            for (int b = 0; b < shellCount; b++) {
                for (int at = segmentStart[b]; at < segmentStart[b + 1]; at++) {
                    shellSum[b] += drug[segmentIndices[at]];
                }
            }
            float[] exposure = state.drugExposure();
            for (int at = segmentStart[shellCount]; at < segmentStart[shellCount + 1]; at++) {
                if (exposure[segmentIndices[at]] > exposureThreshold) {
                    exposed++;
                }
            }
        }
        return new StateReductions(sum, max, tissueVoxels, shellSum, exposed);
    }

    public int drugSpecies() {
        return drugSpecies;
    }

    public double voxelUm() {
        return voxelUm;
    }

    public int shellCount() {
        return shellCount;
    }

    /** Voxels in shell {@code b}. */
    public long shellVoxels(int b) {
        return segmentStart[b + 1] - segmentStart[b];
    }

    public long cancerVoxels() {
        return segmentStart[shellCount + 1] - segmentStart[shellCount];
    }

    public double exposureThreshold() {
        return exposureThreshold;
    }

    /** Shell voxels then cancer voxels, one index list (the live array: do not modify). */
    public int[] segmentIndices() {
        return segmentIndices;
    }

    /** shellCount + 2 offsets into {@link #segmentIndices}: shells 0..shellCount−1, then the cancer segment. */
    public int[] segmentStart() {
        return segmentStart;
    }
}
