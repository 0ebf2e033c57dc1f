package io.nutrisage.app.session;

import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.TargetStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.function.Function;

/**
 * Reads a target through its monitoring ports and turns the answers into {@link MonitorUpdate}s: keeps a cursor per
 * series and remembers the ids already delivered (bounded), so every activity, transition and event is delivered
 * once. Not thread-safe: one background thread polls.
 */
public final class MonitorPoller {
    private static final int REMEMBERED_IDS = 5_000;

    private final MonitoringTarget target;
    private final InstantSource clock;
    private final Map<MetricId, Instant> cursors = new EnumMap<>(MetricId.class);
    private final SequencedSet<String> seen = new LinkedHashSet<>();
    private String logFilter = "";

    public MonitorPoller(MonitoringTarget target, InstantSource clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (MetricId id : MetricId.values()) {
            cursors.put(id, Instant.EPOCH);
        }
    }

    /** Filter for the log tail of the next polls; safe to call from any thread. */
    public synchronized void setLogFilter(String filter) {
        this.logFilter = filter == null ? "" : filter;
    }

    private synchronized String logFilter() {
        return logFilter;
    }

    public MonitorUpdate poll() {
        Instant now = clock.instant();
        try {
            Map<MetricId, List<Datapoint>> points = new EnumMap<>(MetricId.class);
            Map<MetricId, Optional<Instant>> freshness = new EnumMap<>(MetricId.class);
            // One read from the earliest cursor keeps the AWS backend at one GetMetricData call per poll.
            Instant after = cursors.values().stream().min(Instant::compareTo).orElse(Instant.EPOCH);
            for (MetricSeries series : target.metrics().read(EnumSet.allOf(MetricId.class), after)) {
                Instant cursor = cursors.get(series.id());
                List<Datapoint> fresh = series.points().stream()
                        .filter(d -> d.time().isAfter(cursor))
                        .toList();
                if (!fresh.isEmpty()) {
                    cursors.put(series.id(), fresh.getLast().time());
                }
                points.put(series.id(), fresh);
                freshness.put(series.id(), series.newest());
            }
            var fleet = target.fleet().status();
            var activities = unseen(target.scaling().recentActivities(), a -> "activity/" + a.id());
            var transitions = unseen(target.alarms().recentTransitions(), t -> "alarm/" + t.id());
            var events = unseen(target.fleet().recentEvents(), e -> "event/" + e.id());
            return new MonitorUpdate(
                    now,
                    target.status(),
                    Optional.of(fleet),
                    points,
                    freshness,
                    activities,
                    transitions,
                    events,
                    target.alarms().alarms(),
                    target.logs().tail(logFilter(), 200),
                    Optional.empty());
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new MonitorUpdate(
                    now,
                    new TargetStatus(ConnectionState.DEGRADED, "monitoring failed: " + message, Optional.empty()),
                    Optional.empty(),
                    Map.of(),
                    Map.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.of(message));
        }
    }

    /** Items not delivered before, oldest first (sources list newest first). */
    private <T> List<T> unseen(List<T> newestFirst, Function<T, String> id) {
        List<T> fresh = new ArrayList<>();
        for (T item : newestFirst.reversed()) {
            if (seen.add(id.apply(item))) {
                fresh.add(item);
                if (seen.size() > REMEMBERED_IDS) {
                    seen.removeFirst();
                }
            }
        }
        return fresh;
    }
}
