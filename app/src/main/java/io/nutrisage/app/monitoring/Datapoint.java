package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/** One value of a series at the end of its aggregation interval. */
public record Datapoint(Instant time, double value) {
    public Datapoint {
        Objects.requireNonNull(time, "time");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("datapoint value must be finite, got " + value);
        }
    }
}
