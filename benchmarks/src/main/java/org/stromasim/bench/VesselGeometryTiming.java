package org.stromasim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stromasim.grid.Grid3D;
import org.stromasim.tissue.VesselPainter;
import org.stromasim.tissue.VesselSegment;
import org.stromasim.tissue.VesselWall;
import org.stromasim.tissue.VesselWallGeometry;

/**
 * Wall-clock time of building the vessel wall (lumen mask, wall area per volume, volume fraction) for
 * an n³ grid of 3.75 µm voxels (960 µm, as the default scenario) and a network of random-walk
 * chains totalling {@code segments} segments of 20 µm, radii 3–12 µm (capillaries to small
 * venules). Plain main, not JMH: the build runs once per tissue. Usage: VesselGeometryTiming [n] [segments] [repeats].
 */
public final class VesselGeometryTiming {

    private VesselGeometryTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // optional: chains alternate between this many plasma groups (0 = every vessel the species' own curve),
        // which adds the per-voxel nearest-vessel pass of VesselWallGeometry
        int plasmaGroups = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        double dx = 960.0 / n;
        Grid3D grid = new Grid3D(n, n, n, dx);
        List<VesselSegment> segments = network(count, 960.0, new SplittableRandom(1));
        if (plasmaGroups > 0) {
            List<VesselSegment> grouped = new ArrayList<>(segments.size());
            for (int at = 0; at < segments.size(); at++) {
                VesselSegment s = segments.get(at);
                grouped.add(new VesselSegment(s.a(), s.b(), s.radiusUm(), 1.0, (at / 50) % plasmaGroups + 1));
            }
            segments = grouped;
        }
        double length = 0;
        for (VesselSegment s : segments) {
            length += s.lengthUm();
        }
        System.out.printf("grid %d³ (dx %.2f µm), %d segments, %.1f mm of vessel, %d plasma groups%n", n, dx,
                segments.size(), length / 1000, plasmaGroups);
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            boolean[] lumen = VesselPainter.lumenMask(grid, segments);
            long mask = System.nanoTime();
            VesselWall wall = VesselWallGeometry.compute(grid, segments, lumen);
            long end = System.nanoTime();
            double area = 0;
            for (float sv : wall.areaPerVolumePerUm()) {
                area += sv;
            }
            System.out.printf("run %d: lumen mask %.2f s, wall %.2f s (total wall %.3g µm²)%n", r,
                    (mask - start) * 1e-9, (end - mask) * 1e-9, area * grid.voxelVolumeUm3());
        }
    }

    /** Random-walk chains of 50 segments from uniform starts, headings turning 20° s.d. per step. */
    static List<VesselSegment> network(int count, double sizeUm, SplittableRandom random) {
        List<VesselSegment> segments = new ArrayList<>(count);
        while (segments.size() < count) {
            double[] p = {random.nextDouble() * sizeUm, random.nextDouble() * sizeUm, random.nextDouble() * sizeUm};
            double[] d = unit(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            double radius = 3 + 9 * random.nextDouble();
            for (int s = 0; s < 50 && segments.size() < count; s++) {
                double[] q = {p[0] + 20 * d[0], p[1] + 20 * d[1], p[2] + 20 * d[2]};
                segments.add(new VesselSegment(p, q, radius));
                p = q;
                d = unit(d[0] + 0.35 * random.nextGaussian(), d[1] + 0.35 * random.nextGaussian(),
                        d[2] + 0.35 * random.nextGaussian());
            }
        }
        return segments;
    }

    private static double[] unit(double x, double y, double z) {
        double norm = Math.sqrt(x * x + y * y + z * z);
        return new double[]{x / norm, y / norm, z / norm};
    }
}
