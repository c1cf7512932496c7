package org.stromasim.viewer.hud;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.stromasim.viewer.color.ColorMap;
import org.stromasim.viewer.data.TransferFunction;
import org.stromasim.viewer.data.Units;

/**
 * Paints the 2D overlay on a transparent image with Java2D: caption, panel captions, the colour bar with
 * tick values and unit, notes, and (interactive only) the time slider. The colour bar sits in a strip of
 * {@link #COLOR_BAR_STRIP_PX} pixels on the right that the volume panels leave free.
 */
public final class HudPainter {

    /** Width of the right-hand strip reserved for the colour bar and its labels. */
    public static final int COLOR_BAR_STRIP_PX = 84;
    /** Height of the time slider band at the bottom, when shown. */
    public static final int SLIDER_BAND_PX = 28;

    private static final Color TEXT = new Color(230, 230, 230);
    private static final Color DIM = new Color(150, 150, 150);
    private static final int BAR_WIDTH_PX = 14;

    /**
     * @param panelCaptions one caption per panel, panels laid out left to right in the volume area
     * @param timeIndex     slider position, or -1 for no slider
     * @param cameraDistance camera distance in box lengths, for the scale bar
     * @param boxLengthUm   the box's longest edge, µm; NaN for no scale bar
     */
    public record Content(String title, List<String> panelCaptions, TransferFunction scale, ColorMap colorMap,
                          String unit, List<String> notes, int timeIndex, int timeCount, double cameraDistance,
                          double boxLengthUm) {
    }

    private HudPainter() {
    }

    /** Where the colour bar is, for tests and for mouse hits: {x, top, width, height} in pixels. */
    public static int[] colorBarRect(int width, int height) {
        int top = Math.round(height * 0.18f);
        int bottom = Math.round(height * 0.82f);
        return new int[] {width - COLOR_BAR_STRIP_PX + 10, top, BAR_WIDTH_PX, bottom - top};
    }

    /** Where the slider track is: {x, y, width}. */
    public static int[] sliderTrack(int width, int height) {
        return new int[] {20, height - SLIDER_BAND_PX / 2, width - COLOR_BAR_STRIP_PX - 40};
    }

    public static BufferedImage paint(int width, int height, Content content) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int fontPx = Math.max(10, Math.min(14, height / 40));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontPx));
            paintCaptions(g, width, content);
            paintColorBar(g, width, height, content);
            paintNotes(g, height, content, fontPx);
            paintScaleBars(g, width, height, content);
            if (content.timeIndex() >= 0 && content.timeCount() > 0) {
                paintSlider(g, width, height, content);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintCaptions(Graphics2D g, int width, Content content) {
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(TEXT);
        g.drawString(content.title(), 8, metrics.getAscent() + 6);
        int panels = content.panelCaptions().size();
        int panelWidth = (width - COLOR_BAR_STRIP_PX) / Math.max(1, panels);
        g.setColor(DIM);
        for (int p = 0; p < panels; p++) {
            String caption = content.panelCaptions().get(p);
            int x = p * panelWidth + (panelWidth - metrics.stringWidth(caption)) / 2;
            g.drawString(caption, Math.max(p * panelWidth + 4, x), 2 * metrics.getHeight() + 6);
        }
    }

    private static void paintColorBar(Graphics2D g, int width, int height, Content content) {
        int[] bar = colorBarRect(width, height);
        for (int row = 0; row < bar[3]; row++) {
            double t = 1 - (row + 0.5) / bar[3];
            g.setColor(new Color(content.colorMap().colorAt(t)));
            g.fillRect(bar[0], bar[1] + row, bar[2], 1);
        }
        g.setColor(DIM);
        g.setStroke(new BasicStroke(1));
        g.drawRect(bar[0] - 1, bar[1] - 1, bar[2] + 1, bar[3] + 1);
        FontMetrics metrics = g.getFontMetrics();
        g.setColor(TEXT);
        String unit = content.unit() == null || content.unit().isEmpty() || content.unit().equals("1")
                ? "(no unit)" : content.unit();
        String scaleName = content.scale().log() ? unit + ", log" : unit;
        g.drawString(scaleName, Math.min(bar[0] - 4, width - metrics.stringWidth(scaleName) - 2), bar[1] - 8);
        for (double t : ticks(content.scale())) {
            int y = bar[1] + (int) Math.round((1 - t) * bar[3]);
            g.drawLine(bar[0] + bar[2], y, bar[0] + bar[2] + 4, y);
            g.drawString(tickLabel(content.scale().valueAt(t)), bar[0] + bar[2] + 6, y + metrics.getAscent() / 2 - 1);
        }
    }

    /** Three significant digits: tick labels must fit the strip beside the bar. */
    static String tickLabel(double value) {
        double magnitude = Math.abs(value);
        if (value != 0 && (magnitude >= 1e4 || magnitude < 1e-2)) {
            return String.format(java.util.Locale.ROOT, "%.2e", value).replace("e+0", "e").replace("e-0", "e-")
                    .replace("e+", "e");
        }
        return Units.compact(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3g", value)));
    }

    /** Colour-bar positions of the ticks: every decade in log scale (at most 6), else five even steps. */
    static List<Double> ticks(TransferFunction scale) {
        List<Double> ticks = new ArrayList<>();
        if (scale.log()) {
            double lowExp = Math.log10(scale.low());
            double highExp = Math.log10(scale.high());
            for (double e = Math.ceil(lowExp - 1e-9); e <= highExp + 1e-9 && highExp - lowExp <= 6; e++) {
                ticks.add((e - lowExp) / (highExp - lowExp));
            }
            if (ticks.size() >= 2) {
                return ticks;
            }
            ticks.clear();
        }
        for (int i = 0; i <= 4; i++) {
            ticks.add(i / 4.0);
        }
        return ticks;
    }

    /**
     * A scale bar in the bottom right corner of each panel, at most a quarter of the panel wide, true at
     * the depth of the box centre.
     */
    private static void paintScaleBars(Graphics2D g, int width, int height, Content content) {
        if (!(content.boxLengthUm() > 0)) {
            return;
        }
        int panels = Math.max(1, content.panelCaptions().size());
        int panelWidth = (width - COLOR_BAR_STRIP_PX) / panels;
        int bottom = content.timeIndex() >= 0 ? SLIDER_BAND_PX : 0;
        int panelHeight = height - bottom;
        ScaleBar bar = ScaleBar.fitting(ScaleBar.umPerPixel(content.cameraDistance(), content.boxLengthUm(), panelWidth,
                panelHeight), panelWidth / 4.0);
        if (bar == null) {
            return;
        }
        FontMetrics metrics = g.getFontMetrics();
        String label = Units.compact(bar.lengthUm()) + " µm";
        int length = (int) Math.round(bar.pixels());
        int y = height - bottom - 10;
        g.setStroke(new BasicStroke(2));
        g.setColor(TEXT);
        for (int p = 0; p < panels; p++) {
            int right = (p + 1) * panelWidth - 12;
            g.drawLine(right - length, y, right, y);
            g.drawLine(right - length, y - 4, right - length, y + 4);
            g.drawLine(right, y - 4, right, y + 4);
            g.drawString(label, right - (length + metrics.stringWidth(label)) / 2, y - 6);
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void paintNotes(Graphics2D g, int height, Content content, int fontPx) {
        g.setColor(new Color(255, 210, 120));
        int bottom = height - (content.timeIndex() >= 0 ? SLIDER_BAND_PX : 0) - 6;
        List<String> notes = content.notes();
        for (int n = 0; n < notes.size(); n++) {
            g.drawString(notes.get(n), 8, bottom - (notes.size() - 1 - n) * (fontPx + 3));
        }
    }

    private static void paintSlider(Graphics2D g, int width, int height, Content content) {
        int[] track = sliderTrack(width, height);
        g.setColor(DIM);
        g.fillRect(track[0], track[1] - 1, track[2], 3);
        double fraction = content.timeCount() > 1 ? (double) content.timeIndex() / (content.timeCount() - 1) : 0;
        int knob = track[0] + (int) Math.round(fraction * track[2]);
        g.setColor(TEXT);
        g.fillOval(knob - 6, track[1] - 6, 12, 12);
    }
}
