package org.stromasim.tissue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stromasim.scenario.TissueSpec.RandomWalkVessel;
import org.stromasim.scenario.Vec3;

/**
 * The centreline of a tortuous vessel: a persistent random walk. It starts at {@code startUm} heading
 * along {@code direction}; after every step of {@code stepUm} the heading turns by an angle drawn from a
 * normal distribution of s.d. {@code turnSdDeg}, towards a uniformly random azimuth about the current
 * heading (so the sign of the angle carries no extra bias). The last step is shortened so the path is exactly {@code lengthUm} long. The walk
 * is free to leave the domain; rasterisation clips it.
 */
final class RandomWalkPath {

    /** Guards against a step so small that the walk would need an absurd number of points. */
    static final long MAX_STEPS = 10_000_000L;

    private RandomWalkPath() {
    }

    /** The polyline's vertices, µm, each as {x, y, z}; the first is the start point. */
    static List<double[]> vertices(RandomWalkVessel spec, SplittableRandom random) {
        validate(spec);
        Vec3 d0 = spec.direction().normalised();
        double[] dir = {d0.x(), d0.y(), d0.z()};
        double[] p = {spec.startUm().x(), spec.startUm().y(), spec.startUm().z()};
        double turnSdRad = Math.toRadians(spec.turnSdDeg());
        long steps = (long) Math.ceil(spec.lengthUm() / spec.stepUm());
        List<double[]> points = new ArrayList<>((int) steps + 1);
        points.add(p.clone());
        double walked = 0;
        for (long s = 0; s < steps; s++) {
            double step = Math.min(spec.stepUm(), spec.lengthUm() - walked);
            walked += step;
            p[0] += step * dir[0];
            p[1] += step * dir[1];
            p[2] += step * dir[2];
            points.add(p.clone());
            dir = turn(dir, turnSdRad * random.nextGaussian(), 2 * Math.PI * random.nextDouble());
        }
        return points;
    }

    /** Rotates unit vector d by polar angle theta towards the perpendicular at azimuth phi. */
    static double[] turn(double[] d, double theta, double phi) {
        // An orthonormal pair perpendicular to d: cross d with the axis it is least aligned with.
        double[] helper = Math.abs(d[0]) < 0.9 ? new double[]{1, 0, 0} : new double[]{0, 1, 0};
        double[] e1 = normalise(cross(d, helper));
        double[] e2 = cross(d, e1);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double cp = Math.cos(phi);
        double sp = Math.sin(phi);
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            out[a] = c * d[a] + s * (cp * e1[a] + sp * e2[a]);
        }
        return normalise(out);
    }

    private static void validate(RandomWalkVessel v) {
        if (v.startUm() == null || v.direction() == null) {
            throw new IllegalArgumentException("random_walk vessel needs start_um and direction, got " + v);
        }
        if (!(v.direction().norm() > 0) || !Double.isFinite(v.direction().norm())) {
            throw new IllegalArgumentException("random_walk vessel direction must be a non-zero finite vector, got "
                    + v.direction());
        }
        if (!(v.lengthUm() >= 0) || !Double.isFinite(v.lengthUm())) {
            throw new IllegalArgumentException("random_walk vessel length_um must be finite and >= 0, got " + v.lengthUm());
        }
        if (!(v.stepUm() > 0) || v.lengthUm() / v.stepUm() > MAX_STEPS) {
            throw new IllegalArgumentException("random_walk vessel step_um must be > 0 and at least length_um/"
                    + MAX_STEPS + " (" + v.lengthUm() / MAX_STEPS + "), got " + v.stepUm());
        }
        if (!(v.turnSdDeg() >= 0) || !Double.isFinite(v.turnSdDeg())) {
            throw new IllegalArgumentException("random_walk vessel turn_sd_deg must be finite and >= 0, got " + v.turnSdDeg());
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[]{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new double[]{a[0] / n, a[1] / n, a[2] / n};
    }
}
