package io.nutrisage.predictor.training;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared Open Food Facts sample ({@code shared/data/off-nutrition}) from the module directory upwards. */
public final class TestData {
    private TestData() {}

    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/off-nutrition");
            if (Files.isReadable(candidate.resolve("test.csv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/off-nutrition/test.csv not found above "
                + Path.of("").toAbsolutePath() + ": the model tests need the shared data sample");
    }

    public static Path testCsv() {
        return directory().resolve("test.csv");
    }
}
