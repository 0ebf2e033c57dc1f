package io.nutrisage.app.sandbox;

import java.util.Objects;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * A replica's model metrics over one sampling interval: the ModelLatencyMs distribution (in microseconds), the sum of
 * the confidences of its predictions, requests it answered with an error, and the input means it published.
 */
public record ModelInterval(
        Histogram latencyMicros,
        double confidenceSum,
        long predictions,
        long errors,
        WeightedMean sugars,
        WeightedMean sodium) {
    public ModelInterval {
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        Objects.requireNonNull(sugars, "sugars");
        Objects.requireNonNull(sodium, "sodium");
        if (predictions < 0 || errors < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public static Histogram newHistogram() {
        return new Histogram(60_000_000L, 2);
    }

    public static ModelInterval empty() {
        return new ModelInterval(newHistogram(), 0, 0, 0, WeightedMean.NONE, WeightedMean.NONE);
    }

    /**
     * A mean over several per-second means, each weighted by the records graded in its second: the mean of the
     * interval's records, where every second (and every replica) counts as many times as it graded records.
     *
     * @param sum sum of mean x records
     * @param records records behind the means
     */
    public record WeightedMean(double sum, long records) {
        public static final WeightedMean NONE = new WeightedMean(0, 0);

        public WeightedMean {
            if (records < 0) {
                throw new IllegalArgumentException("records must not be negative, got " + records);
            }
        }

        /** This mean with one more second's mean of {@code records} records; a second without a mean adds nothing. */
        public WeightedMean plus(OptionalDouble mean, long records) {
            return mean.isPresent() && records > 0
                    ? new WeightedMean(sum + mean.getAsDouble() * records, this.records + records)
                    : this;
        }

        public WeightedMean plus(WeightedMean other) {
            return new WeightedMean(sum + other.sum, records + other.records);
        }

        /** Empty when no record was behind it. */
        public OptionalDouble mean() {
            return records == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / records);
        }
    }
}
