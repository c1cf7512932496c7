package org.stromasim.tissue;

import java.util.BitSet;
import java.util.List;
import org.stromasim.grid.Grid3D;

/**
 * Builds the {@link VesselWall} of a set of vessel segments by fine sampling of the true geometry
 * (the union of the segments' capsules; docs/vessel-geometry.md):
 * <ul>
 *   <li>wall area: each capsule's surface (cylinder side and two hemispherical caps) is cut into
 *       patches of side at most h = min(dx, r)/{@value #WALL_SAMPLES_PER_LENGTH} by an equal-area
 *       grid, and each patch's exact area (times the segment's exchange scale: a vessel group's
 *       permeability relative to the species') is credited to the voxel holding its centre. A patch inside
 *       another capsule is not wall (junctions, the caps inside the next segment of a chain); on a
 *       shared boundary the segment listed first keeps it, so no area counts twice. The totals are
 *       therefore exact up to how finely the overlaps are resolved, and each voxel's share is off by
 *       about h/dx of its area where the wall crosses its faces;</li>
 *   <li>tissue side: a patch whose centre lies in a lumen voxel is moved along its outward normal
 *       in steps of dx/4 (at most 4·dx) to the first voxel that is not lumen, so the wall area of a
 *       partly cut lumen voxel reaches the tissue it faces; area that leaves the grid is clipped;</li>
 *   <li>volume fraction: a voxel fully inside (outside) every capsule by its half diagonal is 1 (0);
 *       a cut voxel is sampled at N = m³ Halton points, m = clamp(ceil(4·dx/r), 8, 32) (error of a
 *       low-discrepancy set, about (log N)³/N of the voxel, well below 1 % for N ≥ 512).</li>
 * </ul>
 * Segments are found through a bucket grid of {@value #BUCKET_VOXELS}³ voxels, so the cost grows
 * with the wall's area and the vessels' volume, not with segments × voxels.
 */
public final class VesselWallGeometry {

    static final int WALL_SAMPLES_PER_LENGTH = 8;
    static final int BUCKET_VOXELS = 8;
    /** Longest outward march of a wall patch out of the lumen, in steps of dx/4. */
    private static final int MAX_MARCH_STEPS = 16;

    private final Grid3D grid;
    private final List<VesselSegment> segments;
    private final double dx;
    private final int bx;
    private final int by;
    private final int bz;
    /** Bucket b's segments: bucketSegments[bucketStart[b] .. bucketStart[b + 1]). */
    private final int[] bucketStart;
    private final int[] bucketSegments;
    private double unplacedAreaUm2;

    private VesselWallGeometry(Grid3D grid, List<VesselSegment> segments) {
        this.grid = grid;
        this.segments = segments;
        this.dx = grid.voxelUm();
        this.bx = (grid.nx() + BUCKET_VOXELS - 1) / BUCKET_VOXELS;
        this.by = (grid.ny() + BUCKET_VOXELS - 1) / BUCKET_VOXELS;
        this.bz = (grid.nz() + BUCKET_VOXELS - 1) / BUCKET_VOXELS;
        int buckets = bx * by * bz;
        int[] counts = new int[buckets + 1];
        for (VesselSegment s : segments) {
            forEachBucket(s, b -> counts[b + 1]++);
        }
        for (int b = 0; b < buckets; b++) {
            counts[b + 1] += counts[b];
        }
        this.bucketStart = counts.clone();
        this.bucketSegments = new int[counts[buckets]];
        int[] fill = counts.clone();
        for (int n = 0; n < segments.size(); n++) {
            int segment = n;
            forEachBucket(segments.get(n), b -> bucketSegments[fill[b]++] = segment);
        }
    }

    /**
     * The wall of {@code segments} on {@code grid}, with {@code lumen} the voxels classified as lumen
     * (which hold no wall area; see the class comment).
     */
    public static VesselWall compute(Grid3D grid, List<VesselSegment> segments, boolean[] lumen) {
        return build(grid, segments, lumen).wall;
    }

    /** The wall and the area that could not be placed on a tissue voxel (0 unless lumen is very thick). */
    static Built build(Grid3D grid, List<VesselSegment> segments, boolean[] lumen) {
        if (lumen.length != grid.voxelCount()) {
            throw new IllegalArgumentException("lumen mask has " + lumen.length + " voxels, grid " + grid.voxelCount());
        }
        VesselWallGeometry g = new VesselWallGeometry(grid, List.copyOf(segments));
        float[] area = new float[grid.voxelCount()];
        for (int n = 0; n < g.segments.size(); n++) {
            g.sampleWall(n, lumen, area);
        }
        float volume = (float) grid.voxelVolumeUm3();
        for (int v = 0; v < area.length; v++) {
            area[v] /= volume;
        }
        float[] fraction = g.volumeFractions();
        byte[] group = new byte[grid.voxelCount()];
        float[] nearest = g.nearestSurface(area, lumen, group);
        boolean grouped = g.segments.stream().anyMatch(s -> s.plasmaGroup() != 0);
        float[] distance = new float[area.length];
        for (int v = 0; v < area.length; v++) {
            // a tissue centre lies outside every capsule (else it would be lumen): d ≥ 0 up to rounding
            distance[v] = area[v] > 0 && Float.isFinite(nearest[v]) ? Math.max(0f, nearest[v]) : 0f;
        }
        return new Built(new VesselWall(area, fraction, grouped ? group : null, distance), g.unplacedAreaUm2);
    }

    /**
     * Per voxel with wall area or lumen, the signed distance from its centre to the nearest capsule
     * surface (d − r, negative inside; +∞ elsewhere), and in {@code group} the plasma group of that
     * vessel (on a tie the segment listed first): a lumen voxel takes the vessel it lies in and a wall
     * voxel the vessel whose wall it holds. Where vessels of two groups share a voxel, that voxel's whole
     * wall exchanges with the nearer one's plasma.
     */
    private float[] nearestSurface(float[] area, boolean[] lumen, byte[] group) {
        float[] nearest = new float[grid.voxelCount()];
        java.util.Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        // a wall patch is moved at most MAX_MARCH_STEPS·dx/4 outward from the surface into tissue
        double reach = (MAX_MARCH_STEPS / 4.0 + 1) * dx;
        for (VesselSegment s : segments) {
            double r = s.radiusUm() + reach;
            int[] box = VoxelBox.aroundSegment(grid, s.a(), s.b(), r);
            if (box == null) {
                continue;
            }
            for (int k = box[4]; k <= box[5]; k++) {
                for (int j = box[2]; j <= box[3]; j++) {
                    for (int i = box[0]; i <= box[1]; i++) {
                        int v = grid.index(i, j, k);
                        if (area[v] == 0 && !lumen[v]) {
                            continue;
                        }
                        float d = (float) (Math.sqrt(s.distanceSquared(grid.centreX(i), grid.centreY(j), grid.centreZ(k)))
                                - s.radiusUm());
                        if (d < nearest[v]) {
                            nearest[v] = d;
                            group[v] = (byte) s.plasmaGroup();
                        }
                    }
                }
            }
        }
        return nearest;
    }

    record Built(VesselWall wall, double unplacedAreaUm2) {
    }

    private interface BucketAction {
        void accept(int bucket);
    }

    private void forEachBucket(VesselSegment s, BucketAction action) {
        double r = s.radiusUm();
        double span = BUCKET_VOXELS * dx;
        int[] lo = new int[3];
        int[] hi = new int[3];
        int[] n = {bx, by, bz};
        for (int d = 0; d < 3; d++) {
            double min = Math.min(s.a()[d], s.b()[d]) - r;
            double max = Math.max(s.a()[d], s.b()[d]) + r;
            lo[d] = (int) Math.max(0, Math.floor(min / span));
            hi[d] = (int) Math.min(n[d] - 1, Math.floor(max / span));
            if (lo[d] > hi[d] || max < 0) {
                return; // misses the grid
            }
        }
        for (int k = lo[2]; k <= hi[2]; k++) {
            for (int j = lo[1]; j <= hi[1]; j++) {
                for (int i = lo[0]; i <= hi[0]; i++) {
                    action.accept(i + bx * (j + by * k));
                }
            }
        }
    }

    private int bucketOf(int i, int j, int k) {
        return i / BUCKET_VOXELS + bx * (j / BUCKET_VOXELS + by * (k / BUCKET_VOXELS));
    }

    /**
     * The segments whose capsules can touch segment n's: bounding spheres (midpoint, half length +
     * radius) that meet, found through the buckets. Usually its two neighbours in a chain.
     */
    private int[] touching(int n) {
        VesselSegment own = segments.get(n);
        double[] mid = midpoint(own);
        double reach = 0.5 * own.lengthUm() + own.radiusUm();
        java.util.TreeSet<Integer> found = new java.util.TreeSet<>();
        forEachBucket(own, b -> {
            for (int at = bucketStart[b]; at < bucketStart[b + 1]; at++) {
                int other = bucketSegments[at];
                if (other == n || found.contains(other)) {
                    continue;
                }
                VesselSegment s = segments.get(other);
                double[] m = midpoint(s);
                double limit = reach + 0.5 * s.lengthUm() + s.radiusUm();
                double dxm = m[0] - mid[0];
                double dym = m[1] - mid[1];
                double dzm = m[2] - mid[2];
                if (dxm * dxm + dym * dym + dzm * dzm <= limit * limit * (1 + 1e-12)) {
                    found.add(other);
                }
            }
        });
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] midpoint(VesselSegment s) {
        return new double[]{0.5 * (s.a()[0] + s.b()[0]), 0.5 * (s.a()[1] + s.b()[1]), 0.5 * (s.a()[2] + s.b()[2])};
    }

    /**
     * Whether the wall point (x, y, z) of segment {@code own} is covered by another capsule (one of
     * {@code others}): strictly inside it, or on its boundary when that segment comes first.
     */
    private boolean coveredByOther(int own, double x, double y, double z, int[] others) {
        for (int other : others) {
            VesselSegment s = segments.get(other);
            double r = s.radiusUm();
            double d = Math.sqrt(s.distanceSquared(x, y, z));
            double tolerance = 1e-9 * Math.max(r, 1.0);
            if (d < r - tolerance || (other < own && d <= r + tolerance)) {
                return true;
            }
        }
        return false;
    }

    /** Credits the wall patches of segment n to the voxels (see the class comment). */
    private void sampleWall(int n, boolean[] lumen, float[] area) {
        VesselSegment s = segments.get(n);
        double r = s.radiusUm();
        double length = s.lengthUm();
        double[] a = s.a();
        double[] e = length > 0
                ? new double[]{(s.b()[0] - a[0]) / length, (s.b()[1] - a[1]) / length, (s.b()[2] - a[2]) / length}
                : new double[]{1, 0, 0};
        double[] helper = Math.abs(e[0]) < 0.9 ? new double[]{1, 0, 0} : new double[]{0, 1, 0};
        double[] e1 = normalise(cross(e, helper));
        double[] e2 = cross(e, e1);
        double h = Math.min(dx, r) / WALL_SAMPLES_PER_LENGTH;
        int around = Math.max(8, (int) Math.ceil(2 * Math.PI * r / h));
        int along = length > 0 ? (int) Math.ceil(length / h) : 0;
        double[] p = new double[3];
        double[] normal = new double[3];
        int[] others = touching(n);
        double[] cos = new double[around];
        double[] sin = new double[around];
        for (int q = 0; q < around; q++) {
            double phi = 2 * Math.PI * (q + 0.5) / around;
            cos[q] = Math.cos(phi);
            sin[q] = Math.sin(phi);
        }
        // cylinder side: exact area 2πrL in equal patches
        double sideArea = s.exchangeScale() * 2 * Math.PI * r * length / ((double) around * Math.max(along, 1));
        for (int t = 0; t < along; t++) {
            double axial = (t + 0.5) / along * length;
            for (int q = 0; q < around; q++) {
                double c = cos[q];
                double sn = sin[q];
                for (int d = 0; d < 3; d++) {
                    normal[d] = c * e1[d] + sn * e2[d];
                    p[d] = a[d] + axial * e[d] + r * normal[d];
                }
                deposit(n, others, p, normal, sideArea, lumen, area);
            }
        }
        // two hemispherical caps, equal-area patches (uniform in the axial cosine w and in azimuth)
        int polar = Math.max(4, (int) Math.ceil(0.5 * Math.PI * r / h));
        double capArea = s.exchangeScale() * 2 * Math.PI * r * r / ((double) polar * around);
        for (int end = 0; end < 2; end++) {
            double sign = end == 0 ? -1 : 1;
            double[] centre = end == 0 ? a : s.b();
            for (int m = 0; m < polar; m++) {
                double w = (m + 0.5) / polar;
                double radial = Math.sqrt(1 - w * w);
                for (int q = 0; q < around; q++) {
                    double c = cos[q];
                    double sn = sin[q];
                    for (int d = 0; d < 3; d++) {
                        normal[d] = sign * w * e[d] + radial * (c * e1[d] + sn * e2[d]);
                        p[d] = centre[d] + r * normal[d];
                    }
                    deposit(n, others, p, normal, capArea, lumen, area);
                }
            }
        }
    }

    private void deposit(int n, int[] others, double[] p, double[] normal, double patchArea, boolean[] lumen,
                         float[] area) {
        int i = (int) Math.floor(p[0] / dx);
        int j = (int) Math.floor(p[1] / dx);
        int k = (int) Math.floor(p[2] / dx);
        if (!inGrid(i, j, k) || coveredByOther(n, p[0], p[1], p[2], others)) {
            return; // clipped by the domain, or not wall (inside another vessel)
        }
        int v = grid.index(i, j, k);
        double step = dx / 4;
        for (int march = 1; lumen[v]; march++) {
            if (march > MAX_MARCH_STEPS) {
                unplacedAreaUm2 += patchArea;
                return;
            }
            i = (int) Math.floor((p[0] + march * step * normal[0]) / dx);
            j = (int) Math.floor((p[1] + march * step * normal[1]) / dx);
            k = (int) Math.floor((p[2] + march * step * normal[2]) / dx);
            if (!inGrid(i, j, k)) {
                return; // the wall faces tissue outside the domain
            }
            v = grid.index(i, j, k);
        }
        area[v] += (float) patchArea;
    }

    private boolean inGrid(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < grid.nx() && j < grid.ny() && k < grid.nz();
    }

    /** Volume fraction inside the union of the capsules, per voxel (see the class comment). */
    private float[] volumeFractions() {
        float[] fraction = new float[grid.voxelCount()];
        BitSet done = new BitSet(grid.voxelCount());
        double halfDiagonal = 0.5 * Math.sqrt(3) * dx;
        int[] candidates = new int[16];
        for (VesselSegment s : segments) {
            double r = s.radiusUm();
            int[] box = VoxelBox.aroundSegment(grid, s.a(), s.b(), r);
            if (box == null) {
                continue;
            }
            for (int k = box[4]; k <= box[5]; k++) {
                for (int j = box[2]; j <= box[3]; j++) {
                    for (int i = box[0]; i <= box[1]; i++) {
                        int v = grid.index(i, j, k);
                        if (done.get(v)) {
                            continue;
                        }
                        done.set(v);
                        double cx = grid.centreX(i);
                        double cy = grid.centreY(j);
                        double cz = grid.centreZ(k);
                        int bucket = bucketOf(i, j, k);
                        int cut = 0;
                        boolean full = false;
                        double thinnest = Double.POSITIVE_INFINITY;
                        for (int at = bucketStart[bucket]; at < bucketStart[bucket + 1] && !full; at++) {
                            VesselSegment c = segments.get(bucketSegments[at]);
                            double d = Math.sqrt(c.distanceSquared(cx, cy, cz));
                            if (d + halfDiagonal <= c.radiusUm()) {
                                full = true;
                            } else if (d - halfDiagonal < c.radiusUm()) {
                                if (cut == candidates.length) {
                                    candidates = java.util.Arrays.copyOf(candidates, 2 * cut);
                                }
                                candidates[cut++] = bucketSegments[at];
                                thinnest = Math.min(thinnest, c.radiusUm());
                            }
                        }
                        if (full) {
                            fraction[v] = 1f;
                        } else if (cut > 0) {
                            fraction[v] = sampledFraction(i, j, k, candidates, cut, thinnest);
                        }
                    }
                }
            }
        }
        return fraction;
    }

    private float sampledFraction(int i, int j, int k, int[] candidates, int count, double thinnest) {
        int m = (int) Math.max(8, Math.min(32, Math.ceil(4 * dx / thinnest)));
        double[] unit = haltonPoints(m * m * m);
        int inside = 0;
        for (int at = 0; at < unit.length; at += 3) {
            double x = (i + unit[at]) * dx;
            double y = (j + unit[at + 1]) * dx;
            double z = (k + unit[at + 2]) * dx;
            for (int n = 0; n < count; n++) {
                VesselSegment s = segments.get(candidates[n]);
                if (s.distanceSquared(x, y, z) <= s.radiusUm() * s.radiusUm()) {
                    inside++;
                    break;
                }
            }
        }
        return (float) (3.0 * inside / unit.length);
    }

    /**
     * The first n points of the Halton sequence in bases 2, 3, 5, as {x, y, z} triples in the unit
     * cube: a low-discrepancy set, so a wall parallel to the voxel axes is not counted in lattice
     * rows (a regular m³ lattice would miss a thin axis-aligned vessel by several %). Cached by n.
     */
    private double[] haltonPoints(int n) {
        double[] cached = halton.get(n);
        if (cached == null) {
            cached = new double[3 * n];
            for (int p = 0; p < n; p++) {
                cached[3 * p] = radicalInverse(p + 1, 2);
                cached[3 * p + 1] = radicalInverse(p + 1, 3);
                cached[3 * p + 2] = radicalInverse(p + 1, 5);
            }
            halton.put(n, cached);
        }
        return cached;
    }

    private final java.util.Map<Integer, double[]> halton = new java.util.HashMap<>();

    private static double radicalInverse(int index, int base) {
        double result = 0;
        double f = 1.0 / base;
        for (int i = index; i > 0; i /= base) {
            result += f * (i % base);
            f /= base;
        }
        return result;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[]{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new double[]{a[0] / n, a[1] / n, a[2] / n};
    }
}
