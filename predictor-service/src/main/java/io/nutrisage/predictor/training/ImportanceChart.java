package io.nutrisage.predictor.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Draws a horizontal bar chart of feature importance (total gain share) to a PNG with plain Java2D. */
final class ImportanceChart {
    private static final int WIDTH = 900;
    private static final int BAR = 22;
    private static final int TOP = 60;
    private static final int LEFT = 300;

    private ImportanceChart() {}

    static void write(Map<String, Double> importance, String title, int limit, Path png) throws IOException {
        List<Map.Entry<String, Double>> bars = importance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .toList();
        double total =
                importance.values().stream().mapToDouble(Double::doubleValue).sum();
        double max = bars.isEmpty() ? 1 : bars.get(0).getValue() / total;
        int height = TOP + bars.size() * BAR + 40;
        var image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 20, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int plotWidth = WIDTH - LEFT - 90;
            for (int i = 0; i < bars.size(); i++) {
                double share = bars.get(i).getValue() / total;
                int y = TOP + i * BAR;
                int w = (int) Math.round(plotWidth * share / max);
                g.setColor(new Color(0x2E7D32));
                g.fillRect(LEFT, y + 3, Math.max(1, w), BAR - 6);
                g.setColor(Color.DARK_GRAY);
                String label = bars.get(i).getKey();
                int labelWidth = g.getFontMetrics().stringWidth(label);
                g.drawString(label, LEFT - 10 - labelWidth, y + BAR - 7);
                g.drawString(String.format(Locale.ROOT, "%.1f %%", share * 100), LEFT + w + 6, y + BAR - 7);
            }
            g.setStroke(new BasicStroke(1));
            g.drawLine(LEFT, TOP, LEFT, TOP + bars.size() * BAR);
            g.drawString("share of total split gain", LEFT, height - 12);
        } finally {
            g.dispose();
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(image, "png", png.toFile());
    }
}
