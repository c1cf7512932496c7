package org.stromasim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * Renders an XChart panel with tick marks, labels and grid lines at positions {@link AxisTicks} chose.
 * XChart still lays the panel out (it reserves the space of its own labels, drawn transparent in the
 * same number format), and the ticks are drawn over it where its value-to-pixel mapping puts them.
 */
public final class TickedChart {

    private static final Color INVISIBLE = new Color(0, 0, 0, 0);

    private TickedChart() {
    }

    public static BufferedImage render(XYChart chart, AxisTicks x, AxisTicks y) {
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(x.low());
        styler.setXAxisMax(x.high());
        styler.setYAxisMin(y.low());
        styler.setYAxisMax(y.high());
        styler.setXAxisDecimalPattern(x.pattern());
        styler.setYAxisDecimalPattern(y.pattern());
        styler.setXAxisTickLabelsColor(INVISIBLE);
        styler.setYAxisTickLabelsColor(INVISIBLE);
        styler.setXAxisTickMarksColor(INVISIBLE);
        styler.setYAxisTickMarksColor(INVISIBLE);
        styler.setPlotGridLinesVisible(false);
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);

        // the plot border lies outside the data range by (1 - content size) / 2 of the plot on each side
        double content = styler.getPlotContentSize();
        double xLow = chart.getScreenXFromChart(x.low());
        double xHigh = chart.getScreenXFromChart(x.high());
        double yLow = chart.getScreenYFromChart(y.low());
        double yHigh = chart.getScreenYFromChart(y.high());
        double xMargin = (xHigh - xLow) * (1 - content) / (2 * content);
        double yMargin = (yLow - yHigh) * (1 - content) / (2 * content);
        int left = (int) Math.round(xLow - xMargin);
        int right = (int) Math.round(xHigh + xMargin);
        int top = (int) Math.round(yHigh - yMargin);
        int bottom = (int) Math.round(yLow + yMargin);

        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(styler.getAxisTickLabelsFont());
        FontMetrics metrics = g.getFontMetrics();
        int mark = styler.getAxisTickMarkLength();
        int gap = styler.getAxisTickPadding();
        BasicStroke markStroke = new BasicStroke(1f);
        for (double v : x.positions()) {
            int px = (int) Math.round(chart.getScreenXFromChart(v));
            grid(g, styler, px, top, px, bottom);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(markStroke);
            g.drawLine(px, bottom, px, bottom + mark);
            String label = x.label(v);
            g.setColor(Color.BLACK);
            g.drawString(label, px - metrics.stringWidth(label) / 2, bottom + mark + gap + metrics.getAscent());
        }
        for (double v : y.positions()) {
            int py = (int) Math.round(chart.getScreenYFromChart(v));
            grid(g, styler, left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(markStroke);
            g.drawLine(left - mark, py, left, py);
            String label = y.label(v);
            g.setColor(Color.BLACK);
            g.drawString(label, left - mark - gap - metrics.stringWidth(label),
                    py + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
        g.dispose();
        return image;
    }

    private static void grid(Graphics2D g, XYStyler styler, int x0, int y0, int x1, int y1) {
        g.setColor(styler.getPlotGridLinesColor());
        g.setStroke(styler.getPlotGridLinesStroke());
        g.drawLine(x0, y0, x1, y1);
    }
}
