package org.stromasim.viewer.color;

import java.util.Arrays;
import java.util.Locale;

/**
 * The viewer's colour maps as 256-entry sRGB tables, built here rather than copied.
 *
 * <p>Viridis and magma (van der Walt and Smith, matplotlib 1.5, 2015) are published as colours sampled
 * along the map; the anchors below are their nine published samples at 0, 1/8, …, 1 (the values R's
 * viridisLite package prints for {@code viridis(9)} and {@code magma(9)}). The table passes a
 * Catmull–Rom spline through the anchors in CIE L*a*b*, so it reproduces every anchor exactly and keeps
 * the maps' near-linear lightness between them. The diverging map is ours: blue to a light grey to red,
 * with the end colours of Moreland's cool–warm map (2009), interpolated linearly in L*a*b* so the
 * lightness rises and falls symmetrically about the centre (zero of a difference).
 */
public enum ColorMap {

    VIRIDIS(false, 0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725),
    MAGMA(false, 0x000004, 0x1D1147, 0x51127C, 0x822681, 0xB63679, 0xE65164, 0xFB8861, 0xFEC287, 0xFCFDBF),
    DIVERGING(true, 0x3B4CC0, 0xDDDDDD, 0xB40426);

    /** Entries per table: one per 8-bit level, the resolution of the lookup texture. */
    public static final int SIZE = 256;

    private final boolean diverging;
    private final int[] anchors;
    private final int[] table;

    ColorMap(boolean diverging, int... anchors) {
        this.diverging = diverging;
        this.anchors = anchors.clone();
        this.table = diverging ? linearLab(anchors) : catmullRomLab(anchors);
    }

    /** True for a map centred on a midpoint (used for differences; opacity grows away from the centre). */
    public boolean diverging() {
        return diverging;
    }

    /** The published or chosen anchor colours, 0xRRGGBB, evenly spaced from 0 to 1. */
    public int[] anchors() {
        return anchors.clone();
    }

    /** 256 colours 0xRRGGBB, entry 0 for the low end. */
    public int[] table() {
        return table.clone();
    }

    /** Colour at {@code t} in [0, 1] (clamped), nearest table entry. */
    public int colorAt(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
        return table[(int) Math.round(clamped * (SIZE - 1))];
    }

    /** The command-line spelling, lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColorMap fromKey(String key) {
        for (ColorMap map : values()) {
            if (map.key().equalsIgnoreCase(key)) {
                return map;
            }
        }
        throw new IllegalArgumentException("unknown colour map '" + key + "' (allowed: "
                + Arrays.stream(values()).map(ColorMap::key).toList() + ")");
    }

    /** A point on the curve through the L*a*b* anchors, in segment {@code s} at parameter u ∈ [0, 1]. */
    private interface LabCurve {
        double[] at(double[][] lab, int s, double u);
    }

    private static int[] catmullRomLab(int[] anchors) {
        return tabulate(anchors, (lab, s, u) -> {
            int segments = lab.length - 1;
            double[] p0 = lab[Math.max(s - 1, 0)];
            double[] p1 = lab[s];
            double[] p2 = lab[s + 1];
            double[] p3 = lab[Math.min(s + 2, segments)];
            double[] point = new double[3];
            for (int c = 0; c < 3; c++) {
                // Uniform Catmull–Rom: passes through p1 at u=0 and p2 at u=1.
                point[c] = 0.5 * (2 * p1[c] + (-p0[c] + p2[c]) * u
                        + (2 * p0[c] - 5 * p1[c] + 4 * p2[c] - p3[c]) * u * u
                        + (-p0[c] + 3 * p1[c] - 3 * p2[c] + p3[c]) * u * u * u);
            }
            return point;
        });
    }

    private static int[] linearLab(int[] anchors) {
        return tabulate(anchors, (lab, s, u) -> {
            double[] point = new double[3];
            for (int c = 0; c < 3; c++) {
                point[c] = lab[s][c] + (lab[s + 1][c] - lab[s][c]) * u;
            }
            return point;
        });
    }

    /** SIZE entries evenly spaced along the curve through the anchors, converted back to RGB. */
    private static int[] tabulate(int[] anchors, LabCurve curve) {
        double[][] lab = Arrays.stream(anchors).mapToObj(CieLab::fromRgb).toArray(double[][]::new);
        int segments = anchors.length - 1;
        int[] table = new int[SIZE];
        for (int e = 0; e < SIZE; e++) {
            double position = (double) e / (SIZE - 1) * segments;
            int s = Math.min((int) position, segments - 1);
            table[e] = CieLab.toRgb(curve.at(lab, s, position - s));
        }
        return table;
    }
}
