package org.stromasim.tissue;

import org.stromasim.scenario.RegionSpec;
import org.stromasim.scenario.Vec3;

/** Point membership of a region shape ({@link RegionSpec.ShapeSpec}), µm. */
final class RegionShape {

    private RegionShape() {
    }

    static boolean contains(RegionSpec.ShapeSpec shape, double x, double y, double z) {
        if (shape instanceof RegionSpec.Box b) {
            return x >= b.minUm().x() && x <= b.maxUm().x() && y >= b.minUm().y() && y <= b.maxUm().y()
                    && z >= b.minUm().z() && z <= b.maxUm().z();
        }
        if (shape instanceof RegionSpec.HalfSpace h) {
            return signedDistance(h.pointUm(), h.normal(), x, y, z) >= 0;
        }
        if (shape instanceof RegionSpec.Slab s) {
            double d = signedDistance(s.pointUm(), s.normal(), x, y, z);
            return d >= 0 && d <= s.thicknessUm();
        }
        if (shape instanceof RegionSpec.Cylinder c) {
            double ex = c.toUm().x() - c.fromUm().x();
            double ey = c.toUm().y() - c.fromUm().y();
            double ez = c.toUm().z() - c.fromUm().z();
            double px = x - c.fromUm().x();
            double py = y - c.fromUm().y();
            double pz = z - c.fromUm().z();
            double len2 = ex * ex + ey * ey + ez * ez;
            double t = (px * ex + py * ey + pz * ez) / len2;
            if (t < 0 || t > 1) {
                return false; // flat ends
            }
            double qx = px - t * ex;
            double qy = py - t * ey;
            double qz = pz - t * ez;
            return qx * qx + qy * qy + qz * qz <= c.radiusUm() * c.radiusUm();
        }
        if (shape instanceof RegionSpec.Ellipsoid e) {
            double u = (x - e.centreUm().x()) / e.radiiUm().x();
            double v = (y - e.centreUm().y()) / e.radiiUm().y();
            double w = (z - e.centreUm().z()) / e.radiiUm().z();
            return u * u + v * v + w * w <= 1;
        }
        if (shape instanceof RegionSpec.Union u) {
            for (RegionSpec.ShapeSpec part : u.of()) {
                if (contains(part, x, y, z)) {
                    return true;
                }
            }
            return false;
        }
        RegionSpec.Difference d = (RegionSpec.Difference) shape;
        if (!contains(d.of().get(0), x, y, z)) {
            return false;
        }
        for (int i = 1; i < d.of().size(); i++) {
            if (contains(d.of().get(i), x, y, z)) {
                return false;
            }
        }
        return true;
    }

    private static double signedDistance(Vec3 point, Vec3 normal, double x, double y, double z) {
        double n = normal.norm();
        return ((x - point.x()) * normal.x() + (y - point.y()) * normal.y() + (z - point.z()) * normal.z()) / n;
    }
}
