package org.stromasim.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stromasim.viewer.color.CieLab;
import org.stromasim.viewer.color.ColorMap;

/** The colour tables: published anchors reproduced, lightness monotone (sequential) or symmetric (diverging). */
class ColorMapTest {

    /**
     * The published nine-sample tables, typed here from their source: the R package viridisLite
     * (Garnier et al.), {@code viridis(9)} and {@code magma(9)}, samples at 0, 1/8, …, 1 of the
     * matplotlib maps of van der Walt &amp; Smith (2015).
     */
    private static final int[] VIRIDIS_9 = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C, 0x27AD81, 0x5DC863,
        0xAADC32, 0xFDE725};
    private static final int[] MAGMA_9 = {0x000004, 0x1D1147, 0x51127C, 0x822681, 0xB63679, 0xE65164, 0xFB8861,
        0xFEC287, 0xFCFDBF};

    @Test
    void sequentialMapsPassThroughEveryPublishedAnchor() {
        for (ColorMap map : new ColorMap[] {ColorMap.VIRIDIS, ColorMap.MAGMA}) {
            int[] anchors = map == ColorMap.VIRIDIS ? VIRIDIS_9 : MAGMA_9;
            int[] table = map.table();
            for (int a = 0; a < anchors.length; a++) {
                double position = (double) a / (anchors.length - 1) * (ColorMap.SIZE - 1);
                int entry = (int) Math.round(position);
                // Anchors at 0, 1/8, ... fall between table entries except at the ends: allow the one-entry offset.
                int tolerance = entry == position ? 1 : 4;
                assertClose(anchors[a], table[entry], tolerance, map + " anchor " + a);
            }
            assertEquals(anchors[0], table[0], map + " low end");
            assertEquals(anchors[anchors.length - 1], table[ColorMap.SIZE - 1], map + " high end");
        }
    }

    @Test
    void sequentialMapsRiseInLightnessEverywhere() {
        for (ColorMap map : new ColorMap[] {ColorMap.VIRIDIS, ColorMap.MAGMA}) {
            int[] table = map.table();
            double previous = -1;
            for (int e = 0; e < table.length; e++) {
                double lightness = CieLab.fromRgb(table[e])[0];
                // 8-bit rounding can hold L* flat for a step; it must never fall back.
                assertTrue(lightness >= previous - 0.3, map + " L* falls at entry " + e + ": " + previous + " -> " + lightness);
                previous = Math.max(previous, lightness);
            }
            double span = CieLab.fromRgb(table[255])[0] - CieLab.fromRgb(table[0])[0];
            assertTrue(span > 60, map + " lightness span " + span);
        }
    }

    @Test
    void divergingMapIsLightestAtTheCentreAndSymmetric() {
        int[] table = ColorMap.DIVERGING.table();
        double centre = CieLab.fromRgb(ColorMap.DIVERGING.colorAt(0.5))[0];
        for (int e = 0; e < 128; e++) {
            double low = CieLab.fromRgb(table[e])[0];
            double high = CieLab.fromRgb(table[255 - e])[0];
            assertTrue(low <= centre + 0.5 && high <= centre + 0.5, "entry " + e + " lighter than the centre");
            assertTrue(Math.abs(low - high) < 8, "lightness asymmetric at " + e + ": " + low + " vs " + high);
        }
        int blue = table[0];
        int red = table[255];
        assertTrue((blue & 0xFF) > ((blue >> 16) & 0xFF), "low end is blue");
        assertTrue(((red >> 16) & 0xFF) > (red & 0xFF), "high end is red");
    }

    @Test
    void labConversionRoundTrips() {
        for (int rgb : new int[] {0x000000, 0xFFFFFF, 0x440154, 0xFDE725, 0x3B4CC0, 0x808080}) {
            assertEquals(rgb, CieLab.toRgb(CieLab.fromRgb(rgb)), String.format("#%06X", rgb));
        }
        assertEquals(100, CieLab.fromRgb(0xFFFFFF)[0], 0.01);
        assertEquals(0, CieLab.fromRgb(0x000000)[0], 0.01);
    }

    @Test
    void unknownKeyListsTheMaps() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ColorMap.fromKey("jet"));
        assertTrue(e.getMessage().contains("[viridis, magma, diverging]"), e.getMessage());
    }

    private static void assertClose(int expected, int actual, int tolerance, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, String.format("%s: expected #%06X, got #%06X", what, expected, actual));
        }
    }
}
