package io.nutrisage.predictor.metrics;

import io.nutrisage.predictor.model.Grade;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The model-level metrics of one replica for one second, as written to CloudWatch in Embedded Metric Format.
 *
 * @param second start of the second
 * @param predictions records graded in the second (exact)
 * @param invalidRecords records rejected as invalid in the second (exact)
 * @param gradeCounts predictions per grade, indexed by {@link Grade#ordinal()} (exact)
 * @param latencyMs model latency of each prediction in milliseconds; a uniform sample when more than the
 *     configured maximum values per second arrived ({@link #sampled()})
 * @param confidence confidence of the same predictions as {@code latencyMs}
 * @param meanSugars mean {@code sugars_100g} of the graded records that declare it (input drift signal)
 * @param meanSodium mean {@code sodium_100g} (from salt when only salt was given) of the graded records
 */
public record ModelSecond(
        Instant second,
        long predictions,
        long invalidRecords,
        long[] gradeCounts,
        double[] latencyMs,
        double[] confidence,
        OptionalDouble meanSugars,
        OptionalDouble meanSodium) {

    public ModelSecond {
        gradeCounts = gradeCounts.clone();
        latencyMs = latencyMs.clone();
        confidence = confidence.clone();
    }

    public long count(Grade grade) {
        return gradeCounts[grade.ordinal()];
    }

    /** True when more predictions arrived than values were kept. */
    public boolean sampled() {
        return latencyMs.length < predictions;
    }

    /** The nearest-rank percentile (0 < p <= 100) of the latency values, or NaN for an idle second. */
    public double latencyPercentileMs(double p) {
        if (latencyMs.length == 0) {
            return Double.NaN;
        }
        double[] sorted = latencyMs.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public long[] gradeCounts() {
        return gradeCounts.clone();
    }

    @Override
    public double[] latencyMs() {
        return latencyMs.clone();
    }

    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSecond m
                && second.equals(m.second)
                && predictions == m.predictions
                && invalidRecords == m.invalidRecords
                && Arrays.equals(gradeCounts, m.gradeCounts)
                && Arrays.equals(latencyMs, m.latencyMs)
                && Arrays.equals(confidence, m.confidence)
                && meanSugars.equals(m.meanSugars)
                && meanSodium.equals(m.meanSodium);
    }

    @Override
    public int hashCode() {
        return second.hashCode() * 31 + Long.hashCode(predictions);
    }

    @Override
    public String toString() {
        return "ModelSecond[" + second + ", predictions=" + predictions + ", invalid=" + invalidRecords + ", grades="
                + Arrays.toString(gradeCounts) + ", p90=" + latencyPercentileMs(90) + " ms]";
    }
}
