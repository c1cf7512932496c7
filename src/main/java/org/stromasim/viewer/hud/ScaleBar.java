package org.stromasim.viewer.hud;

import org.stromasim.viewer.camera.OrbitCamera;

/**
 * A scale bar for a perspective view: its length in µm (1, 2 or 5 × 10^k) and in pixels, true at the
 * depth of the camera's target (the box centre unless panned); nearer parts of the box look larger,
 * farther ones smaller.
 *
 * @param lengthUm the length the bar stands for
 * @param pixels   its length on screen
 */
public record ScaleBar(double lengthUm, double pixels) {

    /**
     * µm per pixel at the target's depth in a {@code width}×{@code height} viewport: the view's height at
     * the target, 2·d·tan(fovY / 2) box lengths, spread over {@code height} pixels.
     *
     * @param distance    camera distance, box lengths
     * @param boxLengthUm the box's longest edge, µm (one box length)
     */
    public static double umPerPixel(double distance, double boxLengthUm, int width, int height) {
        double fovY = Math.toRadians(OrbitCamera.fovYDeg((double) width / height));
        return 2 * distance * Math.tan(fovY / 2) * boxLengthUm / height;
    }

    /** The longest round length that fits in {@code maxPixels}; null when not even 1 nm would. */
    public static ScaleBar fitting(double umPerPixel, double maxPixels) {
        double maxUm = maxPixels * umPerPixel;
        if (!(maxUm >= 1e-3) || !Double.isFinite(maxUm)) {
            return null;
        }
        double power = Math.pow(10, Math.floor(Math.log10(maxUm)));
        double length = power;
        for (double m : new double[] {2, 5, 10}) {
            if (m * power <= maxUm * (1 + 1e-12)) {
                length = m * power;
            }
        }
        return new ScaleBar(length, length / umPerPixel);
    }
}
