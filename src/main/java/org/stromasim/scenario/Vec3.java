package org.stromasim.scenario;

/** A point or direction in µm (or dimensionless for directions); written [x, y, z] in YAML. */
public record Vec3(double x, double y, double z) {

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public Vec3 normalised() {
        double n = norm();
        return new Vec3(x / n, y / n, z / n);
    }
}
