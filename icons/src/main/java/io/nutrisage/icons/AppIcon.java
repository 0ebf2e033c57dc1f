package io.nutrisage.icons;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Objects;

/**
 * The NutriSage app icon as class-path resources: the SVG source and PNG renders of it in the sizes stages and
 * installers use. Free of any UI toolkit so every module (and packaging scripts) can read it.
 */
public final class AppIcon {
    /** Square edge lengths in pixels of the shipped PNG renders, smallest first. */
    public static final List<Integer> SIZES = List.of(16, 32, 48, 64, 128, 256, 512);

    private static final String BASE = "/io/nutrisage/icons/";

    private AppIcon() {}

    /** The SVG source every PNG is rendered from. */
    public static URL svg() {
        return resource("nutrisage.svg");
    }

    /** The PNG render of edge {@code size}; one of {@link #SIZES}. */
    public static URL png(int size) {
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("no icon of size " + size + "; available: " + SIZES);
        }
        return resource(pngName(size));
    }

    /** Every PNG render, smallest first: hand them all to a stage, which picks the best fit. */
    public static List<URL> pngs() {
        return SIZES.stream().map(AppIcon::png).toList();
    }

    /** Opens the PNG render of edge {@code size}; the caller closes the stream. */
    public static InputStream openPng(int size) {
        return Objects.requireNonNull(AppIcon.class.getResourceAsStream(BASE + pngName(size)), "icon " + size);
    }

    static String pngName(int size) {
        return "nutrisage-" + size + ".png";
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(AppIcon.class.getResource(BASE + name), () -> "missing icon resource " + name);
    }
}
