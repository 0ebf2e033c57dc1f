package io.nutrisage.predictor.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Service version ({@code build.properties}, filtered by Maven) and build commit ({@code build-commit.properties},
 * written by {@code git rev-parse} during the build); "unknown" when either is absent.
 */
record BuildInfo(String serviceVersion, String buildCommit) {
    static final String UNKNOWN = "unknown";

    static BuildInfo load() {
        Properties p = new Properties();
        load(p, "build.properties");
        load(p, "build-commit.properties");
        return new BuildInfo(value(p, "service.version"), value(p, "build.commit"));
    }

    private static void load(Properties p, String resource) {
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Falls back to "unknown": version info must never stop the service.
        }
    }

    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").strip();
        // An unfiltered placeholder means the build had no such information.
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
