package io.nutrisage.predictor.model;

import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;

/**
 * What the service's input means look like while it is fed products like its training split: for sugars and
 * sodium, the training mean and a band for the 1-minute average of the per-second means the service publishes
 * ({@code InputSugarsMean}, {@code InputSodiumMean}). Alarms and the console's drift chart use the bands as static
 * thresholds. The training command computes them from train.csv and bundles them next to the model
 * ({@value #BUNDLED}); {@link #loadBundled()} reads them.
 *
 * <h2>The band</h2>
 *
 * The central {@linkplain Bootstrap#coverage() 99.9 %} interval of the mean of {@linkplain Bootstrap#sampleSize()
 * n = 60} records drawn at random, with replacement, from the training records that declare the nutrient: a
 * bootstrap with a fixed seed ({@link #compute}). The bootstrap rather than mean ± z·sd/√n because both nutrients
 * are strongly right-skewed (a few salts, sugars and stock cubes): the normal approximation puts both ends too low.
 *
 * <h2>What it means for a 1-minute average of per-second means</h2>
 *
 * Each task writes, per second, the mean of the records it graded in that second that declare the nutrient, and no
 * value for a second without any. CloudWatch's {@code Average} over 60 s of the metric (dimension
 * {@code ServiceName}, so all tasks together) is the plain average of those per-second means: each task-second
 * counts once, whatever number of records it held. If the records are independent draws from the training data
 * (variance σ²) and the minute has M task-seconds with m<sub>i</sub> ≥ 1 records each, that average has variance
 * σ²·Σ(1/m<sub>i</sub>)/M² ≤ σ²/M. So:
 *
 * <ul>
 *   <li>at exactly one record per second (M = 60, every m<sub>i</sub> = 1) the average is the mean of 60 records,
 *       and it falls outside the band in 0.1 % of minutes;
 *   <li>whenever every second of the minute holds at least one record (1 request/s or more, any number of tasks)
 *       M ≥ 60 and the average is at most as spread as that mean: false alarms are rarer, and the band is wider
 *       than the rate would allow (a small drift shows in the chart before it leaves the band);
 *   <li>below one record per second the minute averages fewer than 60 records and the band is too narrow: it
 *       breaches more often than 0.1 % of minutes without any drift. Hence n = 60: the lowest rate at which the
 *       band means what it says.
 * </ul>
 *
 * Real traffic is not a random draw from train.csv (a batch of one category moves the mean for as long as it
 * lasts); the band says only that such a minute is unusual for the training mix.
 *
 * @param source the training file the bands were computed from, with its SHA-256
 * @param bootstrap how the bands were computed
 * @param sugars band of {@code InputSugarsMean}
 * @param sodium band of {@code InputSodiumMean}
 */
public record DriftBaseline(String source, Bootstrap bootstrap, DriftBand sugars, DriftBand sodium) {
    /** Class-path location of the baseline written by the training command. */
    public static final String BUNDLED = "/io/nutrisage/predictor/model/drift-baseline.properties";

    /** Significant digits the bands are published with: far finer than any drift worth an alarm. */
    static final int DIGITS = 6;

    public DriftBaseline {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(sugars, "sugars");
        Objects.requireNonNull(sodium, "sodium");
        if (sugars.nutrient() != Nutrient.SUGARS || sodium.nutrient() != Nutrient.SODIUM) {
            throw new IllegalArgumentException(
                    "expected a sugars and a sodium band, got " + sugars.nutrient() + " and " + sodium.nutrient());
        }
        for (DriftBand band : List.of(sugars, sodium)) {
            if (band.sampleSize() != bootstrap.sampleSize()) {
                throw new IllegalArgumentException(band.metricName() + ": sample size " + band.sampleSize()
                        + " differs from the bootstrap's " + bootstrap.sampleSize());
            }
        }
    }

    /**
     * How a band is computed: {@code replicates} means of {@code sampleSize} records drawn with replacement, using
     * {@link Random} seeded with {@code seed} (its sequence is fixed by its specification, so every JDK gives the
     * same bands); the band drops the {@code replicates·(1 − coverage)/2} smallest and as many largest means.
     */
    public record Bootstrap(int sampleSize, double coverage, int replicates, long seed) {
        /** n = 60 (1 request/s for a minute), 99.9 %, 1,000,000 replicates: 500 means beyond each end. */
        public static final Bootstrap DEFAULT = new Bootstrap(60, 0.999, 1_000_000, 20171031L);

        public Bootstrap {
            if (sampleSize < 1) {
                throw new IllegalArgumentException("sampleSize must be >= 1, got " + sampleSize);
            }
            if (!(coverage > 0 && coverage < 1)) {
                throw new IllegalArgumentException("coverage must be in (0, 1), got " + coverage);
            }
            if (replicates < 1) {
                throw new IllegalArgumentException("replicates must be >= 1, got " + replicates);
            }
            if (tail(coverage, replicates) * 2 >= replicates) {
                throw new IllegalArgumentException("too few replicates (" + replicates + ") for coverage " + coverage);
            }
        }

        /** Means dropped below the band (and as many above it). */
        int tail() {
            return tail(coverage, replicates);
        }

        private static int tail(double coverage, int replicates) {
            // Rounded, not floored: replicates x (1 - coverage) / 2 is rarely an exact integer in binary floating
            // point.
            return (int) Math.round(replicates * (1 - coverage) / 2);
        }
    }

    /** The bands of both nutrients, in the order sugars, sodium. */
    public List<DriftBand> bands() {
        return List.of(sugars, sodium);
    }

    /**
     * Computes the baseline from training records: pure, and the same result for the same records in the same
     * order.
     *
     * @param source names the training data, written into the baseline
     * @param training validated training records, as the service would see them
     * @param sugarsMetric name of the sugars metric (the metric names belong to the metrics package)
     * @param sodiumMetric name of the sodium metric
     */
    public static DriftBaseline compute(
            String source,
            Collection<ProductRecord> training,
            Bootstrap bootstrap,
            String sugarsMetric,
            String sodiumMetric) {
        return new DriftBaseline(
                source,
                bootstrap,
                band(sugarsMetric, Nutrient.SUGARS, training, bootstrap),
                band(sodiumMetric, Nutrient.SODIUM, training, bootstrap));
    }

    /**
     * One band: the training mean and the bootstrap interval of the mean of {@code sampleSize} records, over the
     * records that declare {@code nutrient} (a record without it adds nothing to the service's mean either). The
     * mean and both ends are rounded to {@value #DIGITS} significant digits, as published.
     *
     * @throws IllegalArgumentException if no record declares the nutrient
     */
    public static DriftBand band(
            String metricName, Nutrient nutrient, Collection<ProductRecord> training, Bootstrap bootstrap) {
        double[] values = training.stream()
                .mapToDouble(r -> r.value(nutrient))
                .filter(v -> !Double.isNaN(v))
                .toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no training record declares " + nutrient.column());
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double[] means = bootstrapMeans(values, bootstrap);
        Arrays.sort(means);
        int tail = bootstrap.tail();
        return new DriftBand(
                metricName,
                nutrient,
                rounded(sum / values.length),
                rounded(means[tail]),
                rounded(means[means.length - 1 - tail]),
                bootstrap.sampleSize(),
                values.length);
    }

    private static double[] bootstrapMeans(double[] values, Bootstrap bootstrap) {
        var random = new Random(bootstrap.seed());
        double[] means = new double[bootstrap.replicates()];
        for (int r = 0; r < means.length; r++) {
            double sum = 0;
            for (int i = 0; i < bootstrap.sampleSize(); i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / bootstrap.sampleSize();
        }
        return means;
    }

    private static double rounded(double value) {
        return new BigDecimal(value).round(new MathContext(DIGITS)).doubleValue();
    }

    /**
     * The bundled baseline, computed from train.csv by the training command.
     *
     * @throws UncheckedIOException if it is missing or unreadable (a packaging error)
     * @throws IllegalStateException if it is malformed
     */
    public static DriftBaseline loadBundled() {
        try (InputStream in = DriftBaseline.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IOException("resource " + BUNDLED + " not found on the class path");
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bundled drift baseline: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the bundled drift baseline is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the properties text {@link #toProperties()} writes.
     *
     * @throws IllegalArgumentException naming the first missing or malformed key
     */
    public static DriftBaseline read(String properties) {
        var p = new Properties();
        try (Reader reader = new StringReader(properties)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var bootstrap = new Bootstrap(
                (int) number(p, "bootstrap.sample.size"),
                number(p, "bootstrap.coverage"),
                (int) number(p, "bootstrap.replicates"),
                Long.parseLong(text(p, "bootstrap.seed")));
        return new DriftBaseline(
                text(p, "source"),
                bootstrap,
                readBand(p, "sugars", Nutrient.SUGARS, bootstrap),
                readBand(p, "sodium", Nutrient.SODIUM, bootstrap));
    }

    private static DriftBand readBand(Properties p, String prefix, Nutrient nutrient, Bootstrap bootstrap) {
        String column = text(p, prefix + ".column");
        if (!column.equals(nutrient.column())) {
            throw new IllegalArgumentException(prefix + ".column: expected " + nutrient.column() + ", got " + column);
        }
        return new DriftBand(
                text(p, prefix + ".metric"),
                nutrient,
                number(p, prefix + ".training.mean"),
                number(p, prefix + ".lower"),
                number(p, prefix + ".upper"),
                bootstrap.sampleSize(),
                (int) number(p, prefix + ".records.used"));
    }

    private static String text(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("drift baseline has no " + key);
        }
        return value.strip();
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(text(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a number, got " + p.getProperty(key), e);
        }
    }

    /** The baseline as the bundled properties file: fixed key order, no time stamp, so regenerating it is a no-op. */
    public String toProperties() {
        var out = new StringBuilder();
        out.append("# Input drift baseline (io.nutrisage.predictor.model.DriftBaseline), written by the training")
                .append(" command: do not edit.\n# Band: central ")
                .append(percent(bootstrap.coverage()))
                .append(" interval of the mean of ")
                .append(bootstrap.sampleSize())
                .append(" records drawn at random from the training records that\n# declare the nutrient (bootstrap, ")
                .append(bootstrap.replicates())
                .append(" replicates, java.util.Random seed ")
                .append(bootstrap.seed())
                .append(").\n# Static thresholds for the 1-minute Average of the per-second input means at 1 request/s")
                .append(" or more.\n# Values in g per 100 g. See docs/decisions/0077-drift-baseline.md.\n");
        line(out, "source", source);
        line(out, "bootstrap.sample.size", Integer.toString(bootstrap.sampleSize()));
        line(out, "bootstrap.coverage", plain(bootstrap.coverage()));
        line(out, "bootstrap.replicates", Integer.toString(bootstrap.replicates()));
        line(out, "bootstrap.seed", Long.toString(bootstrap.seed()));
        writeBand(out, "sugars", sugars);
        writeBand(out, "sodium", sodium);
        return out.toString();
    }

    private static void writeBand(StringBuilder out, String prefix, DriftBand band) {
        line(out, prefix + ".metric", band.metricName());
        line(out, prefix + ".column", band.nutrient().column());
        line(out, prefix + ".training.mean", plain(band.trainingMean()));
        line(out, prefix + ".lower", plain(band.lower()));
        line(out, prefix + ".upper", plain(band.upper()));
        line(out, prefix + ".records.used", Integer.toString(band.recordsUsed()));
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }

    /** Shortest decimal that reads back as the same double (no exponent). */
    private static String plain(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String percent(double fraction) {
        return new BigDecimal(Double.toString(fraction))
                        .movePointRight(2)
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }
}
