package io.jgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Line charts as PNG files with plain Java 2D (headless): side-by-side panels, each with axes,
 * ticks, grid, axis labels, a title and a legend, under a title for the whole figure.
 */
final class Plot {

    /** Matplotlib's first colours, which read well together and in grey. */
    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);

    private static final Color INK = new Color(0x222222);
    private static final Color MUTED = new Color(0x666666);
    private static final Color GRID = new Color(0xe6e6e6);
    private static final int PANEL_W = 600;
    private static final int HEIGHT = 480;
    private static final int TOP = 64;

    /**
     * One line of a panel.
     *
     * @param label the legend's text
     * @param x the x values, increasing
     * @param y the y values, as many as {@code x}
     * @param color the line's colour
     */
    record Series(String label, double[] x, double[] y, Color color) {
    }

    /**
     * One chart.
     *
     * @param title above the chart
     * @param xLabel under the x axis
     * @param yLabel beside the y axis
     * @param percent whether y is a percentage (ticks get a {@code %} and the axis stops at 100)
     * @param series the lines
     */
    record Panel(String title, String xLabel, String yLabel, boolean percent, List<Series> series) {
    }

    private Plot() {
    }

    /**
     * Draws the panels side by side under {@code title} and writes them to {@code file} as PNG,
     * creating the parent directories.
     */
    static void writePng(Path file, String title, String subtitle, List<Panel> panels) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = PANEL_W * panels.size();
        BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, HEIGHT);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            centered(g, title, width / 2, 30);
            g.setColor(MUTED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            centered(g, subtitle, width / 2, 50);
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), i * PANEL_W, TOP, PANEL_W, HEIGHT - TOP);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    private static void drawPanel(Graphics2D g, Panel p, int left, int top, int w, int h) {
        // the plot area inside the panel's margins
        int x0 = left + 78;
        int x1 = left + w - 28;
        int y0 = top + 34;
        int y1 = top + h - 58;

        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (Series s : p.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                if (Double.isFinite(s.y()[i])) {
                    yLo = Math.min(yLo, s.y()[i]);
                    yHi = Math.max(yHi, s.y()[i]);
                }
            }
        }
        if (!(xMax > xMin)) {
            xMin = Double.isFinite(xMin) ? xMin - 1 : 0;
            xMax = xMin + 2;
        }
        double[] yRange = p.percent() ? percentRange(yLo, yHi) : lossRange(yLo, yHi);
        double yMin = yRange[0];
        double yMax = yRange[1];
        Scale sx = new Scale(xMin, xMax, x0, x1);
        Scale sy = new Scale(yMin, yMax, y1, y0);

        // title
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        centered(g, p.title(), (x0 + x1) / 2, top + 20);

        // grid and ticks
        Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(tickFont);
        FontMetrics fm = g.getFontMetrics();
        double yStep = niceStep((yMax - yMin) / 5);
        for (double v = Math.ceil(yMin / yStep - 1e-9) * yStep; v <= yMax + 1e-9 * yStep; v += yStep) {
            int y = (int) Math.round(sy.map(v));
            g.setColor(GRID);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x0, y, x1, y);
            g.setColor(MUTED);
            String label = tickLabel(v, yStep) + (p.percent() ? "%" : "");
            g.drawString(label, x0 - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        double xStep = Math.max(1, niceStep((xMax - xMin) / 8));
        for (double v = Math.ceil(xMin / xStep - 1e-9) * xStep; v <= xMax + 1e-9; v += xStep) {
            int x = (int) Math.round(sx.map(v));
            g.setColor(GRID);
            g.drawLine(x, y0, x, y1);
            g.setColor(MUTED);
            g.drawLine(x, y1, x, y1 + 4);
            centered(g, tickLabel(v, xStep), x, y1 + 8 + fm.getAscent());
        }

        // axes
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(x0, y1, x1, y1);
        g.drawLine(x0, y0, x0, y1);

        // axis labels
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        centered(g, p.xLabel(), (x0 + x1) / 2, y1 + 44);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, left + 22, (y0 + y1) / 2.0);
        centered(g, p.yLabel(), left + 22, (y0 + y1) / 2 + 5);
        g.setTransform(saved);

        // the lines, clipped to the plot area
        g.setClip(x0 - 4, y0 - 4, x1 - x0 + 8, y1 - y0 + 8);
        for (Series s : p.series()) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double line = new Path2D.Double();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    continue;
                }
                double x = sx.map(s.x()[i]);
                double y = sy.map(s.y()[i]);
                if (started) {
                    line.lineTo(x, y);
                } else {
                    line.moveTo(x, y);
                    started = true;
                }
            }
            g.draw(line);
            if (s.x().length <= 40) { // markers only where they stay apart
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.y()[i])) {
                        g.fill(new Ellipse2D.Double(sx.map(s.x()[i]) - 3, sy.map(s.y()[i]) - 3, 6, 6));
                    }
                }
            }
        }
        g.setClip(null);

        drawLegend(g, p, x1, p.percent() ? y1 : y0);
    }

    /** The legend in the plot's upper right corner (loss) or lower right corner (accuracy), away from the lines. */
    private static void drawLegend(Graphics2D g, Panel p, int right, int edgeY) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int textW = 0;
        for (Series s : p.series()) {
            textW = Math.max(textW, fm.stringWidth(s.label()));
        }
        int rowH = 20;
        int boxW = textW + 48;
        int boxH = rowH * p.series().size() + 10;
        int bx = right - boxW - 10;
        int by = p.percent() ? edgeY - boxH - 10 : edgeY + 10;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRoundRect(bx, by, boxW, boxH, 8, 8);
        g.setColor(new Color(0xcccccc));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(bx, by, boxW, boxH, 8, 8);
        for (int i = 0; i < p.series().size(); i++) {
            Series s = p.series().get(i);
            int cy = by + 5 + rowH * i + rowH / 2;
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawLine(bx + 10, cy, bx + 32, cy);
            g.setColor(INK);
            g.drawString(s.label(), bx + 40, cy + fm.getAscent() / 2 - 1);
        }
    }

    /** From 0 to a little above the highest loss. */
    private static double[] lossRange(double lo, double hi) {
        if (!Double.isFinite(hi) || hi <= 0) {
            return new double[] {0, 1};
        }
        double min = Math.min(0, lo);
        double step = niceStep((hi - min) / 5);
        return new double[] {min, Math.ceil(hi * 1.04 / step) * step};
    }

    /** Up to 100%, down to a round value below the lowest point. */
    private static double[] percentRange(double lo, double hi) {
        if (!Double.isFinite(lo)) {
            return new double[] {0, 100};
        }
        double step = niceStep(Math.max(100 - lo, 1) / 5);
        double min = Math.max(0, Math.floor((lo - step / 2) / step) * step);
        double max = Math.min(100, Math.ceil(hi / step) * step);
        return new double[] {min, Math.max(max, min + step)};
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / pow;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * pow;
    }

    private static String tickLabel(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        if (Math.abs(v) < step * 1e-6) {
            v = 0;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void centered(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /** A linear map from data to pixels. */
    private record Scale(double d0, double d1, double p0, double p1) {
        double map(double v) {
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }
}
