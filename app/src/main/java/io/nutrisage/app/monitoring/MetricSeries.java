package io.nutrisage.app.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The datapoints of one series in a queried window, oldest first, and the time of the newest datapoint the backend
 * has for it at all (its freshness), which may lie before the window.
 */
public record MetricSeries(MetricId id, List<Datapoint> points, Optional<Instant> newest) {
    public MetricSeries {
        Objects.requireNonNull(id, "id");
        points = List.copyOf(points);
        Objects.requireNonNull(newest, "newest");
    }

    /** How old the newest datapoint is at {@code now}; empty when the series has never had data. */
    public Optional<Duration> age(Instant now) {
        return newest.map(t -> Duration.between(t, now));
    }
}
