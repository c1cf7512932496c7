package org.stromasim.metrics;

import org.stromasim.tissue.CellType;
import org.stromasim.tissue.Tissue;
import org.stromasim.tissue.VesselDistanceTransform;

/**
 * Mean of a field across the tumour surface: against the signed distance outward from it, negative
 * inside the tumour, in bins one voxel wide, over every voxel but vessel lumen. Where the interstitial
 * pressure is flat inside a tumour and falls steeply at its rim (Baxter and Jain's profile), this is
 * the curve that shows it; the depth profiles, which start at the rim and go inward, cannot.
 *
 * <p>A tumour voxel at depth d (to the nearest centre of a voxel that is neither tumour nor vessel lumen:
 * vessels running through a tumour are not its surface) lies at −(d − dx/2); a
 * non-tumour voxel at distance d from the nearest tumour voxel centre at +(d − dx/2): the surface is
 * taken half-way between the outermost tumour centres and the first centres outside, so the two layers
 * that touch it sit at −dx/2 and +dx/2. Bin b holds positions in [b·dx, (b + 1)·dx).
 *
 * @param binUm     bin width, µm (the voxel size)
 * @param centresUm bin centres, µm, increasing (only bins that hold voxels)
 * @param means     the field's mean per bin
 */
public record RimProfile(double binUm, double[] centresUm, double[] means) {

    /** The profile of {@code field}; empty without tumour or without non-tumour tissue. */
    public static RimProfile of(Tissue tissue, float[] field) {
        byte[] cell = tissue.cell();
        double dx = tissue.grid().voxelUm();
        // One mask serves both distance transforms and each voxel's bin is computed again where it is
        // summed instead of kept per voxel: this runs while the backend holds its arrays, where every
        // grid-sized scratch array adds to the run's peak heap.
        boolean[] mask = new boolean[cell.length];
        boolean any = false;
        boolean anyOutside = false;
        for (int v = 0; v < cell.length; v++) {
            boolean tumour = TumourDepth.isTumour(cell[v]);
            // vessel lumen inside a tumour is not its surface
            mask[v] = !tumour && cell[v] != CellType.VESSEL.code();
            any |= tumour;
            anyOutside |= mask[v];
        }
        if (!any || !anyOutside) {
            return new RimProfile(dx, new double[0], new double[0]);
        }
        float[] depth = new float[cell.length];
        VesselDistanceTransform.compute(tissue.grid(), mask, depth);
        for (int v = 0; v < cell.length; v++) {
            mask[v] = TumourDepth.isTumour(cell[v]);
        }
        boolean[] tumour = mask;
        float[] fromTumour = new float[cell.length];
        VesselDistanceTransform.compute(tissue.grid(), tumour, fromTumour);
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != CellType.VESSEL.code()) {
                int b = bin(tumour[v], depth[v], fromTumour[v], dx);
                lowest = Math.min(lowest, b);
                highest = Math.max(highest, b);
            }
        }
        if (lowest > highest) {
            return new RimProfile(dx, new double[0], new double[0]);
        }
        double[] sum = new double[highest - lowest + 1];
        long[] count = new long[sum.length];
        for (int v = 0; v < cell.length; v++) {
            if (cell[v] != CellType.VESSEL.code()) {
                int b = bin(tumour[v], depth[v], fromTumour[v], dx) - lowest;
                sum[b] += field[v];
                count[b]++;
            }
        }
        int filled = 0;
        for (long c : count) {
            filled += c > 0 ? 1 : 0;
        }
        double[] centres = new double[filled];
        double[] means = new double[filled];
        for (int b = 0, at = 0; b < sum.length; b++) {
            if (count[b] > 0) {
                centres[at] = (lowest + b + 0.5) * dx;
                means[at++] = sum[b] / count[b];
            }
        }
        return new RimProfile(dx, centres, means);
    }

    /** The bin of a voxel: its signed position across the surface (class comment) in voxel widths, rounded down. */
    private static int bin(boolean tumour, float depthUm, float fromTumourUm, double dx) {
        double x = tumour ? -(depthUm - 0.5 * dx) : fromTumourUm - 0.5 * dx;
        return (int) Math.floor(x / dx);
    }

    /** The mean of the two layers that touch the surface (at −dx/2 and +dx/2); NaN when either is empty. */
    public double atSurface() {
        return 0.5 * (meanAt(-0.5 * binUm) + meanAt(0.5 * binUm));
    }

    private double meanAt(double centreUm) {
        for (int b = 0; b < centresUm.length; b++) {
            if (Math.abs(centresUm[b] - centreUm) < 1e-6 * binUm) {
                return means[b];
            }
        }
        return Double.NaN;
    }

    /** The mean of the deepest bin inside the tumour; NaN when no bin lies inside. */
    public double deepest() {
        return centresUm.length > 0 && centresUm[0] < 0 ? means[0] : Double.NaN;
    }
}
