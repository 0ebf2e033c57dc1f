package io.nutrisage.icons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppIconTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 48, 64, 128, 256, 512})
    void committedPngHasItsNominalSizeAndMatchesAFreshRenderOfTheSvg(int size) throws IOException {
        BufferedImage committed;
        try (InputStream in = AppIcon.openPng(size)) {
            committed = ImageIO.read(in);
        }
        assertThat(committed.getWidth()).isEqualTo(size);
        assertThat(committed.getHeight()).isEqualTo(size);

        BufferedImage fresh = IconRenderer.render(AppIcon.svg(), size);
        // Anti-aliasing may differ by a few levels between Java2D versions; a stale PNG differs by far more.
        assertThat(meanAbsoluteChannelDifference(committed, fresh)).isLessThan(2.0);
    }

    @Test
    void everyShippedSizeIsListedSmallestFirst() {
        assertThat(AppIcon.pngs()).hasSize(AppIcon.SIZES.size());
        assertThat(AppIcon.SIZES).isSorted();
    }

    @Test
    void unknownSizeIsRejectedWithTheAvailableSizes() {
        assertThatThrownBy(() -> AppIcon.png(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100")
                .hasMessageContaining("512");
    }

    @Test
    void iconIsOpaqueInTheMiddleAndTransparentInTheCorner() throws IOException {
        BufferedImage icon;
        try (InputStream in = AppIcon.openPng(256)) {
            icon = ImageIO.read(in);
        }
        assertThat(icon.getRGB(128, 128) >>> 24).isEqualTo(0xFF);
        assertThat(icon.getRGB(0, 0) >>> 24).isZero();
    }

    private static double meanAbsoluteChannelDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 32; shift += 8) {
                    sum += Math.abs(((p >>> shift) & 0xFF) - ((q >>> shift) & 0xFF));
                }
            }
        }
        return sum / (a.getWidth() * a.getHeight() * 4.0);
    }
}
