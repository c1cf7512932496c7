package org.stromasim.viewer.camera;

import java.util.Locale;
import org.stromasim.viewer.data.ViewerInputException;

/**
 * A camera orbiting the tissue box, which the renderer centres on the origin and scales so that its
 * longest edge is 1. z is up (the tissue's z axis).
 *
 * @param azimuthDeg   angle of the eye around z, from +x towards +y, degrees
 * @param elevationDeg angle of the eye above the xy plane, degrees, within ±{@value #MAX_ELEVATION_DEG}
 * @param distance     eye distance from the target, in box lengths (> 0)
 * @param panX         target offset from the box centre, box lengths
 * @param panY         target offset from the box centre, box lengths
 * @param panZ         target offset from the box centre, box lengths
 */
public record OrbitCamera(double azimuthDeg, double elevationDeg, double distance,
                          double panX, double panY, double panZ) {

    /** Vertical field of view, degrees: a moderate lens, little perspective distortion of the box. */
    public static final double FOV_Y_DEG = 35;
    /** The viewport shape whose horizontal field every narrower viewport keeps (the default 640 × 480). */
    public static final double REFERENCE_ASPECT = 4.0 / 3.0;
    /** Elevation limit: at ±90° the view's up direction is undefined. */
    public static final double MAX_ELEVATION_DEG = 89;
    /** Closest zoom, box lengths: the eye stays outside most of the box. */
    public static final double MIN_DISTANCE = 0.3;
    /** Farthest zoom, box lengths. */
    public static final double MAX_DISTANCE = 20;

    /** The view a run opens with and "reset view" returns to: the whole box, seen obliquely from above. */
    public static final OrbitCamera DEFAULT = new OrbitCamera(-60, 25, 2.4, 0, 0, 0);

    public OrbitCamera {
        if (!Double.isFinite(azimuthDeg) || !Double.isFinite(elevationDeg) || Math.abs(elevationDeg) > MAX_ELEVATION_DEG) {
            throw new ViewerInputException("camera elevation " + elevationDeg + "° must be within ±"
                    + MAX_ELEVATION_DEG + "° (and azimuth finite, got " + azimuthDeg + "°)");
        }
        if (!(distance >= MIN_DISTANCE && distance <= MAX_DISTANCE)) {
            throw new ViewerInputException("camera distance " + distance + " must be within " + MIN_DISTANCE + ".."
                    + MAX_DISTANCE + " box lengths");
        }
    }

    /** Parses {@code --camera azimuth,elevation,distance} (degrees, degrees, box lengths). */
    public static OrbitCamera parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new ViewerInputException("--camera '" + text + "' must be azimuth,elevation,distance"
                    + " (degrees, degrees, box lengths), e.g. -60,25,2.4");
        }
        try {
            return new OrbitCamera(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()), 0, 0, 0);
        } catch (NumberFormatException notANumber) {
            throw new ViewerInputException("--camera '" + text + "' must be three numbers azimuth,elevation,distance"
                    + " (degrees, degrees, box lengths), e.g. -60,25,2.4");
        }
    }

    public double[] target() {
        return new double[] {panX, panY, panZ};
    }

    public double[] eye() {
        double az = Math.toRadians(azimuthDeg);
        double el = Math.toRadians(elevationDeg);
        return new double[] {panX + distance * Math.cos(el) * Math.cos(az),
                panY + distance * Math.cos(el) * Math.sin(az), panZ + distance * Math.sin(el)};
    }

    public Mat4 view() {
        return Mat4.lookAt(eye(), target(), new double[] {0, 0, 1});
    }

    public Mat4 projection(double aspect) {
        return Mat4.perspective(fovYDeg(aspect), aspect, Math.max(0.01, distance - 2), distance + 2);
    }

    /**
     * The vertical field of view for a viewport of {@code aspect} (width / height): {@link #FOV_Y_DEG} in a
     * viewport at least {@link #REFERENCE_ASPECT} wide; in a narrower one (each half of a side-by-side
     * comparison) widened so that the horizontal field stays that of a 4:3 view, which keeps the box as
     * wide as in a single window instead of cropping its sides.
     */
    public static double fovYDeg(double aspect) {
        if (aspect >= REFERENCE_ASPECT) {
            return FOV_Y_DEG;
        }
        return Math.toDegrees(2 * Math.atan(Math.tan(Math.toRadians(FOV_Y_DEG / 2)) * REFERENCE_ASPECT / aspect));
    }

    public Mat4 viewProjection(double aspect) {
        return projection(aspect).times(view());
    }

    /** Pixel (x right, y down) where world point {@code p} appears in a {@code width}×{@code height} image. */
    public double[] projectToPixel(double[] p, int width, int height) {
        double[] ndc = viewProjection((double) width / height).transformPoint(p);
        return new double[] {(ndc[0] + 1) / 2 * width, (1 - ndc[1]) / 2 * height};
    }

    /** Turned by mouse drag: degrees of azimuth and elevation, elevation kept within the limit. */
    public OrbitCamera orbit(double dAzimuthDeg, double dElevationDeg) {
        double elevation = Math.max(-MAX_ELEVATION_DEG, Math.min(MAX_ELEVATION_DEG, elevationDeg + dElevationDeg));
        return new OrbitCamera(azimuthDeg + dAzimuthDeg, elevation, distance, panX, panY, panZ);
    }

    /** Zoomed by a factor (< 1 closer), kept within the distance limits. */
    public OrbitCamera zoom(double factor) {
        double d = Math.max(MIN_DISTANCE, Math.min(MAX_DISTANCE, distance * factor));
        return new OrbitCamera(azimuthDeg, elevationDeg, d, panX, panY, panZ);
    }

    /** Target moved within the view plane by (right, up) box lengths. */
    public OrbitCamera pan(double right, double up) {
        double az = Math.toRadians(azimuthDeg);
        double el = Math.toRadians(elevationDeg);
        double[] rightDir = {-Math.sin(az), Math.cos(az), 0};
        double[] upDir = {-Math.sin(el) * Math.cos(az), -Math.sin(el) * Math.sin(az), Math.cos(el)};
        return new OrbitCamera(azimuthDeg, elevationDeg, distance, panX + right * rightDir[0] + up * upDir[0],
                panY + right * rightDir[1] + up * upDir[1], panZ + right * rightDir[2] + up * upDir[2]);
    }

    /** "az -60°, el 25°, distance 2.4", for the screen. */
    public String describe() {
        return String.format(Locale.ROOT, "az %.0f°, el %.0f°, d %.2f", azimuthDeg, elevationDeg, distance);
    }
}
