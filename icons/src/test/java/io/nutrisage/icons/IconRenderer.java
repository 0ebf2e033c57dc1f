package io.nutrisage.icons;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.SVGLoader;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Renders the SVG source to the PNG sizes with JSVG. Lives in the test sources because only the build needs it: the
 * shipped module carries the committed PNGs and no SVG library (docs/decisions/0051).
 */
public final class IconRenderer {
    private IconRenderer() {}

    static BufferedImage render(URL svg, int size) {
        SVGDocument document = Objects.requireNonNull(new SVGLoader().load(svg), () -> "cannot parse " + svg);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        var graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            double scale = size / document.size().width;
            graphics.scale(scale, scale);
            document.render(null, graphics);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /** Writes every size into the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IconRenderer <output directory>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int size : AppIcon.SIZES) {
            Path out = dir.resolve(AppIcon.pngName(size));
            ImageIO.write(render(AppIcon.svg(), size), "png", out.toFile());
            System.out.println("wrote " + out);
        }
    }
}
