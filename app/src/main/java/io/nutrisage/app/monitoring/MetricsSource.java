package io.nutrisage.app.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Time series of the monitored service. Implementations are thread-safe; calls may block on I/O. */
public interface MetricsSource {
    /**
     * Datapoints with {@code time > after}, for each requested series (also for those without new points, so their
     * freshness is reported).
     */
    List<MetricSeries> read(Set<MetricId> ids, Instant after);

    /**
     * How far behind a series' newest point the source may still add a late point or revise a value (CloudWatch's
     * 1-minute metrics arrive minutes late). Readers re-read this window and take what changed in it; zero (the
     * default) means points are final once read.
     */
    default Duration revisionWindow() {
        return Duration.ZERO;
    }
}
