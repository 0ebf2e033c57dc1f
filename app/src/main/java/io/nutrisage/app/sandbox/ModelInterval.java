package io.nutrisage.app.sandbox;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * A replica's model metrics over one sampling interval: the ModelLatencyMs distribution (in microseconds), the sum of
 * the confidences of its predictions, and requests it answered with an error.
 */
public record ModelInterval(Histogram latencyMicros, double confidenceSum, long predictions, long errors) {
    public ModelInterval {
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        if (predictions < 0 || errors < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public static Histogram newHistogram() {
        return new Histogram(60_000_000L, 2);
    }

    public static ModelInterval empty() {
        return new ModelInterval(newHistogram(), 0, 0, 0);
    }
}
