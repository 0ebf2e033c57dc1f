package io.nutrisage.predictor.training;

import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The training step that computes the input drift baseline ({@link DriftBaseline}) from train.csv and writes
 * {@value #FILE}. {@link TrainCommand} runs it on every training; it can also run on its own, which takes seconds and
 * leaves the model untouched:
 *
 * <pre>./mvnw -q -pl predictor-service -am compile exec:exec@drift-baseline</pre>
 *
 * The records are the ones the service would grade: each train.csv row through {@link DatasetReader}, which uses the
 * service's {@code ProductRecords} validation and reconciliation (sodium from salt when only salt is given), so the
 * baseline averages exactly the values {@code ModelMetrics} averages.
 */
public final class DriftBaselineStep {
    /** The baseline's file name, in the training output and in the bundled model resources. */
    static final String FILE = "drift-baseline.properties";

    private DriftBaselineStep() {}

    /** The baseline of {@code train}, read from {@code trainFile}, with the default bootstrap. */
    static DriftBaseline compute(Path trainFile, Dataset train) throws IOException {
        String source = trainFile.getFileName() + " sha256 " + TrainCommand.sha256(trainFile);
        return DriftBaseline.compute(
                source,
                train.products().stream().map(LabelledProduct::record).toList(),
                DriftBaseline.Bootstrap.DEFAULT,
                ModelMetrics.INPUT_SUGARS_MEAN,
                ModelMetrics.INPUT_SODIUM_MEAN);
    }

    /** Writes {@value #FILE} into {@code directory} and returns its path. */
    static Path write(DriftBaseline baseline, Path directory) throws IOException {
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve(FILE), baseline.toProperties());
    }

    /** The model card's section on the baseline (Markdown), shared by {@link ModelCard} and this step's output. */
    static String markdown(DriftBaseline baseline) {
        var b = baseline.bootstrap();
        var md = new StringBuilder("## Input drift baseline\n\n");
        md.append(String.format(
                Locale.ROOT,
                "The service publishes, every second, the mean sugars and sodium of the records it graded (`%s`, `%s`)."
                        + " Their band is the central %s %% interval of the mean of n = %d records drawn at random, with"
                        + " replacement, from the train.csv records that declare the nutrient (bootstrap: %,d"
                        + " replicates, `java.util.Random` seed %d). It is the static threshold pair for the 1-minute"
                        + " Average of the per-second means: at 1 request/s that Average is the mean of 60 records and"
                        + " leaves the band in 0.1 %% of minutes; at higher rates it is less spread, so breaches are"
                        + " rarer; below 1 request/s the band is too narrow. Bundled as `%s`"
                        + " (`DriftBaseline.loadBundled()`); see docs/decisions/0077-drift-baseline.md.\n\n",
                ModelMetrics.INPUT_SUGARS_MEAN,
                ModelMetrics.INPUT_SODIUM_MEAN,
                percent(b.coverage()),
                b.sampleSize(),
                b.replicates(),
                b.seed(),
                FILE));
        md.append("| metric | nutrient | records used | training mean | lower | upper |\n|---|---|---|---|---|---|\n");
        for (DriftBand band : baseline.bands()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s |\n",
                    band.metricName(),
                    band.nutrient().column(),
                    band.recordsUsed(),
                    plain(band.trainingMean()),
                    plain(band.lower()),
                    plain(band.upper())));
        }
        return md.append('\n').toString();
    }

    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String percent(double fraction) {
        return new BigDecimal(Double.toString(fraction))
                .movePointRight(2)
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * Computes the baseline from {@code --data=DIR}/train.csv (default {@code ../../shared/data/off-nutrition}),
     * writes it to {@code --out=DIR} (default {@code target/model}) and, unless {@code --bundle=false}, into the
     * bundled model resources; prints the model card's section.
     */
    public static void main(String[] args) throws IOException {
        TrainCommand.Options options;
        try {
            options = TrainCommand.Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("drift-baseline: " + e.getMessage());
            System.err.println("options: --data=DIR --out=DIR --bundle=true|false");
            System.exit(2);
            return;
        }
        Path trainFile = options.data().resolve("train.csv");
        if (!Files.isReadable(trainFile)) {
            System.err.println(
                    "drift-baseline: no train.csv in " + options.data().toAbsolutePath() + " (pass --data=DIR)");
            System.exit(2);
            return;
        }
        DriftBaseline baseline = compute(trainFile, DatasetReader.read(trainFile));
        Path written = write(baseline, options.out());
        System.err.println("drift-baseline: wrote " + written);
        if (options.bundle() != null) {
            System.err.println("drift-baseline: wrote " + write(baseline, options.bundle()));
        }
        System.out.print(markdown(baseline));
    }
}
