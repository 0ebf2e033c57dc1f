package io.nutrisage.app.monitoring;

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
}
