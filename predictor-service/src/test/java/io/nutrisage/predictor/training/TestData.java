package io.nutrisage.predictor.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** train.csv beside test.csv; fails, naming it, when the sample lacks it (never skips the test). */
    public static Path trainCsv() {
        Path train = directory().resolve("train.csv");
        if (!Files.isReadable(train)) {
            throw new IllegalStateException(
                    train + " not found or unreadable: the drift baseline tests need the shared training split");
        }
        return train;
    }

    private static volatile List<LabelledProduct> testProducts;

    /** The valid rows of test.csv, read once per test JVM (several test classes walk all of them). */
    public static List<LabelledProduct> testProducts() {
        List<LabelledProduct> products = testProducts;
        if (products == null) {
            try {
                products = DatasetReader.read(testCsv()).products();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            testProducts = products;
        }
        return products;
    }
}
