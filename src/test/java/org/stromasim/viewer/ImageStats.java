package org.stromasim.viewer;

import java.awt.image.BufferedImage;

/** Brightness statistics of rendered images (Rec. 601 luma, 0..255). */
final class ImageStats {

    private ImageStats() {
    }

    static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    static double meanLuma(BufferedImage image, int x0, int y0, int width, int height) {
        double sum = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                sum += luma(image.getRGB(x, y));
            }
        }
        return sum / (width * height);
    }

    /** Brightness-weighted centroid {x, y} in pixels. */
    static double[] centroid(BufferedImage image) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double w = luma(image.getRGB(x, y));
                sum += w;
                sx += w * (x + 0.5);
                sy += w * (y + 0.5);
            }
        }
        return new double[] {sx / sum, sy / sum};
    }

    /** Mean absolute difference per channel between two images of the same size, 0..255. */
    static double meanAbsDifference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    static int nonBackgroundPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0) {
                    count++;
                }
            }
        }
        return count;
    }
}
