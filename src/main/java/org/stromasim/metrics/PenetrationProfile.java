package org.stromasim.metrics;

import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.CellType;

/**
 * Mean of one field (a concentration or the drug exposure) as a function of distance from a reference
 * set, in shells one voxel thick, and the half-depth read off it. The reference is either the vessels
 * (distance to the nearest vessel voxel, over tissue voxels) or the tumour boundary (depth of tumour
 * voxels, {@link TumourDepth}); the text below speaks of vessels, the tumour case reads the same with
 * "rim shell" for "perivascular shell".
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
        return shellCount(dx, vesselDistanceUm, null);
    }

    /**
     * Number of shells: enough for the farthest finite distance among the voxels {@code counted} marks
     * (all voxels when null), at least one.
     */
    static int shellCount(double dx, float[] distanceUm, boolean[] counted) {
        double maxDistance = 0;
        for (int v = 0; v < distanceUm.length; v++) {
            float d = distanceUm[v];
            if ((counted == null || counted[v]) && Float.isFinite(d) && d > maxDistance) {
                maxDistance = d;
            }
        }
        return shellCountReaching(dx, maxDistance);
    }

    /** Number of shells that reach the distance {@code maxDistanceUm}, at least one. */
    static int shellCountReaching(double dx, double maxDistanceUm) {
        return Math.max(1, (int) Math.floor(maxDistanceUm / dx - 0.5) + 1);
    }

    /** The shell of a voxel, or −1 for vessel lumen, an infinite distance or a distance outside the shells. */
    static int shellOf(double dx, int shells, byte cellCode, float vesselDistanceUm) {
        return shellOf(dx, shells, cellCode != CellType.VESSEL.code(), vesselDistanceUm);
    }

    /** The shell of a voxel at {@code distanceUm}, or −1 when not {@code counted}, infinitely far or outside the shells. */
    static int shellOf(double dx, int shells, boolean counted, float distanceUm) {
        if (!counted || !Float.isFinite(distanceUm)) {
            return -1;
        }
        int shell = (int) Math.floor(distanceUm / dx - 0.5);
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

    /** Mean over all voxels of all shells (NaN when the shells are empty). */
    public double overallMean() {
        double sum = 0;
        long n = 0;
        for (int b = 0; b < meanByShell.length; b++) {
            if (countByShell[b] > 0) {
                sum += meanByShell[b] * countByShell[b];
                n += countByShell[b];
            }
        }
        return n > 0 ? sum / n : Double.NaN;
    }

    /**
     * When the profile has a positive first-shell mean but never falls to half of it: the distance of
     * its farthest non-empty shell beyond the first, µm, so the half-depth is "beyond this". NaN when the
     * half-depth was found ({@link #halfDepthUm}) or is undefined (no profile, nothing in the first shell).
     */
    public double notReachedBeyondUm() {
        if (!(meanByShell.length > 0 && meanByShell[0] > 0) || !Double.isNaN(halfDepthUm())) {
            return Double.NaN;
        }
        int last = 0;
        for (int b = 1; b < countByShell.length; b++) {
            if (countByShell[b] > 0) {
                last = b;
            }
        }
        return last * shellWidthUm;
    }

    /**
     * A half-depth as people read it: "41.2 µm"; "> 380 µm (not reached)" when it is NaN and
     * {@code notReachedBeyondUm} (from {@link #notReachedBeyondUm}) is a number; "n/a" otherwise.
     */
    public static String describeHalfDepth(double halfDepthUm, double notReachedBeyondUm) {
        if (!Double.isNaN(halfDepthUm)) {
            return String.format("%.1f µm", halfDepthUm);
        }
        return Double.isNaN(notReachedBeyondUm) ? "n/a" : String.format("> %.0f µm (not reached)", notReachedBeyondUm);
    }

    /** Mean in the first shell: perivascular for vessel distances, the rim for tumour depth (NaN when empty). */
    public double firstShellMean() {
        return meanByShell.length > 0 ? meanByShell[0] : Double.NaN;
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
