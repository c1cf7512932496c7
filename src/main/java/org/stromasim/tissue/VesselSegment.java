package org.stromasim.tissue;

/**
 * One straight piece of a vessel: the capsule of every point within {@code radiusUm} of the segment
 * from {@code a} to {@code b} (µm, {x, y, z}). A vessel is the union of its segments' capsules, so
 * chains and junctions join without gaps; a zero-length segment is a sphere. {@code exchangeScale}
 * multiplies the wall area the segment contributes to exchange (a vessel group's permeability relative
 * to the species' own; 1 for most vessels). {@code plasmaGroup} is the plasma group its lumen carries
 * (0: every species' own plasma curve; see {@code TissueSpec.plasmaGroups}).
 */
public record VesselSegment(double[] a, double[] b, double radiusUm, double exchangeScale, int plasmaGroup) {

    /** A segment whose wall exchanges at the species' own permeability. */
    public VesselSegment(double[] a, double[] b, double radiusUm) {
        this(a, b, radiusUm, 1.0);
    }

    /** A segment that carries every species' own plasma curve. */
    public VesselSegment(double[] a, double[] b, double radiusUm, double exchangeScale) {
        this(a, b, radiusUm, exchangeScale, 0);
    }

    public VesselSegment {
        if (plasmaGroup < 0 || plasmaGroup > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("vessel segment plasma group must be 0.." + Byte.MAX_VALUE + ", got "
                    + plasmaGroup);
        }
        if (!(exchangeScale > 0) || !Double.isFinite(exchangeScale)) {
            throw new IllegalArgumentException("vessel segment exchange scale must be a positive finite number, got "
                    + exchangeScale);
        }
        if (a == null || b == null || a.length != 3 || b.length != 3) {
            throw new IllegalArgumentException("a vessel segment needs two points {x, y, z}");
        }
        if (!(radiusUm > 0) || !Double.isFinite(radiusUm)) {
            throw new IllegalArgumentException("vessel segment radius must be a positive finite µm, got " + radiusUm);
        }
        for (int d = 0; d < 3; d++) {
            if (!Double.isFinite(a[d]) || !Double.isFinite(b[d])) {
                throw new IllegalArgumentException("vessel segment end points must be finite, got "
                        + java.util.Arrays.toString(a) + " to " + java.util.Arrays.toString(b));
            }
        }
        a = a.clone();
        b = b.clone();
    }

    public double lengthUm() {
        double ex = b[0] - a[0];
        double ey = b[1] - a[1];
        double ez = b[2] - a[2];
        return Math.sqrt(ex * ex + ey * ey + ez * ez);
    }

    /** Squared distance from point (x, y, z) to the segment's axis (the nearest point of the segment), µm². */
    double distanceSquared(double x, double y, double z) {
        double ex = b[0] - a[0];
        double ey = b[1] - a[1];
        double ez = b[2] - a[2];
        double px = x - a[0];
        double py = y - a[1];
        double pz = z - a[2];
        double len2 = ex * ex + ey * ey + ez * ez;
        double t = len2 == 0 ? 0 : (px * ex + py * ey + pz * ez) / len2;
        t = Math.max(0, Math.min(1, t));
        double qx = px - t * ex;
        double qy = py - t * ey;
        double qz = pz - t * ez;
        return qx * qx + qy * qy + qz * qz;
    }
}
