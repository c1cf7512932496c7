package org.stromasim.metrics;

import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;

/**
 * Mean concentration of one species as a function of distance to the nearest vessel, in shells one
 * voxel thick, and the penetration depth read off it.
 *
 * <p>Shell b holds the tissue voxels whose distance d to the nearest vessel voxel centre satisfies
 * (b + ½)·dx ≤ d &lt; (b + 3⁄2)·dx, so shell 0 is the perivascular layer (face neighbours at d = dx,
 * edge and corner neighbours at √2·dx and √3·dx). The penetration depth is the distance beyond the
 * perivascular shell at which the shell mean first falls to half the perivascular mean, linearly
 * interpolated between shell centres: for a profile C0·exp(−x/λ) it equals λ·ln 2, the L50 of
 * perivascular imaging studies (Grantab & Tannock 2012).
 */
public final class PenetrationProfile {

    private final double shellWidthUm;
    private final double[] meanByShell;
    private final long[] countByShell;

    private PenetrationProfile(double shellWidthUm, double[] meanByShell, long[] countByShell) {
        this.shellWidthUm = shellWidthUm;
        this.meanByShell = meanByShell;
        this.countByShell = countByShell;
    }

    /** Builds the profile of {@code concentration} over all non-vessel voxels at a finite vessel distance. */
    public static PenetrationProfile measure(Grid3D grid, byte[] cell, float[] vesselDistanceUm, float[] concentration) {
        double dx = grid.voxelUm();
        int shells = shellCount(dx, vesselDistanceUm);
        double[] sum = new double[shells];
        long[] count = new long[shells];
        for (int v = 0; v < cell.length; v++) {
            int shell = shellOf(dx, shells, cell[v], vesselDistanceUm[v]);
            if (shell >= 0) {
                sum[shell] += concentration[v];
                count[shell]++;
            }
        }
        return fromShellSums(dx, sum, count);
    }

    /** The profile from per-shell sums and voxel counts (computed on a device or on the host). */
    public static PenetrationProfile fromShellSums(double shellWidthUm, double[] sum, long[] count) {
        double[] mean = new double[sum.length];
        for (int b = 0; b < sum.length; b++) {
            mean[b] = count[b] > 0 ? sum[b] / count[b] : Double.NaN;
        }
        return new PenetrationProfile(shellWidthUm, mean, count.clone());
    }

    /** Number of shells: enough for the farthest finite vessel distance, at least one. */
    static int shellCount(double dx, float[] vesselDistanceUm) {
        double maxDistance = 0;
        for (float d : vesselDistanceUm) {
            if (Float.isFinite(d) && d > maxDistance) {
                maxDistance = d;
            }
        }
        return Math.max(1, (int) Math.floor(maxDistance / dx - 0.5) + 1);
    }

    /** The shell of a voxel, or −1 for vessel lumen, an infinite distance or a distance outside the shells. */
    static int shellOf(double dx, int shells, byte cellCode, float vesselDistanceUm) {
        if (cellCode == CellType.VESSEL.code() || !Float.isFinite(vesselDistanceUm)) {
            return -1;
        }
        int shell = (int) Math.floor(vesselDistanceUm / dx - 0.5);
        return shell < 0 || shell >= shells ? -1 : shell;
    }

    /** Distance of shell b's centre from the nearest vessel voxel centre, µm. */
    public double shellCentreUm(int shell) {
        return (shell + 1) * shellWidthUm;
    }

    public int shellCount() {
        return meanByShell.length;
    }

    public double meanInShell(int shell) {
        return meanByShell[shell];
    }

    public long voxelsInShell(int shell) {
        return countByShell[shell];
    }

    /** Mean concentration in the perivascular shell (NaN with no vessels). */
    public double perivascularMean() {
        return meanByShell[0];
    }

    /**
     * Distance beyond the perivascular shell at which the mean falls to half the perivascular mean,
     * µm; NaN when there are no vessels, the perivascular mean is not positive, or the profile never
     * falls to half inside the domain.
     */
    public double halfDepthUm() {
        double c0 = meanByShell[0];
        if (!(c0 > 0)) {
            return Double.NaN;
        }
        double half = 0.5 * c0;
        int lastShell = 0;
        for (int b = 1; b < meanByShell.length; b++) {
            double cur = meanByShell[b];
            if (Double.isNaN(cur)) {
                continue; // an empty shell: interpolate across it
            }
            if (cur <= half) {
                double prev = meanByShell[lastShell];
                double fraction = (prev - half) / (prev - cur);
                return (lastShell + fraction * (b - lastShell)) * shellWidthUm;
            }
            lastShell = b;
        }
        return Double.NaN;
    }
}
