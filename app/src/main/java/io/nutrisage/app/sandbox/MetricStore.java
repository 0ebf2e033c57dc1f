package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bounded per-series ring buffers of the sandbox's samples (7,200 = 2 h at 1 s). Thread-safe. */
final class MetricStore {
    static final int CAPACITY = 7_200;

    private final Map<MetricId, Bounded<Datapoint>> series = new EnumMap<>(MetricId.class);

    MetricStore() {
        for (MetricId id : MetricId.values()) {
            series.put(id, new Bounded<>(CAPACITY));
        }
    }

    void append(MetricId id, Instant time, double value) {
        if (Double.isFinite(value)) {
            series.get(id).add(new Datapoint(time, value));
        }
    }

    List<MetricSeries> read(Set<MetricId> ids, Instant after) {
        List<MetricSeries> result = new ArrayList<>();
        for (MetricId id : ids) {
            List<Datapoint> newestFirst = series.get(id).newestFirst();
            List<Datapoint> points = new ArrayList<>();
            for (Datapoint d : newestFirst) {
                if (!d.time().isAfter(after)) {
                    break;
                }
                points.add(d);
            }
            java.util.Collections.reverse(points);
            Optional<Instant> newest = newestFirst.isEmpty()
                    ? Optional.empty()
                    : Optional.of(newestFirst.get(0).time());
            result.add(new MetricSeries(id, points, newest));
        }
        return result;
    }
}
