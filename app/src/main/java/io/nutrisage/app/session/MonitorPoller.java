package io.nutrisage.app.session;

import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a target through its monitoring ports and turns the answers into {@link MonitorUpdate}s: keeps a cursor per
 * series and remembers the ids already delivered (bounded), so every activity, transition and event is delivered
 * once. Datapoints are delivered when new (after the cursor) and again when a point inside the source's
 * {@linkplain io.nutrisage.app.monitoring.MetricsSource#revisionWindow() revision window} arrives late or changes
 * value: for that the poller remembers what it delivered within the window only. Not thread-safe: one background
 * thread polls.
 */
public final class MonitorPoller {
    private static final int REMEMBERED_IDS = 5_000;
    /** Per series; a window holds a few 1-minute points, this only guards against a source with a huge window. */
    private static final int REMEMBERED_POINTS = 3_600;

    private final MonitoringTarget target;
    private final InstantSource clock;
    private final Map<MetricId, Instant> cursors = new EnumMap<>(MetricId.class);
    /** Per series: time -> value delivered, for the revision window behind the cursor only. */
    private final Map<MetricId, NavigableMap<Instant, Double>> delivered = new EnumMap<>(MetricId.class);

    private final SequencedSet<String> seen = new LinkedHashSet<>();
    private String logFilter = "";

    public MonitorPoller(MonitoringTarget target, InstantSource clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (MetricId id : MetricId.values()) {
            cursors.put(id, Instant.EPOCH);
            delivered.put(id, new TreeMap<>());
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
            Duration window = target.metrics().revisionWindow();
            // One read from the earliest cursor keeps the AWS backend at one GetMetricData call per poll.
            Instant after = cursors.values().stream()
                    .min(Instant::compareTo)
                    .orElse(Instant.EPOCH)
                    .minus(window);
            for (MetricSeries series : target.metrics().read(EnumSet.allOf(MetricId.class), after)) {
                points.put(series.id(), fresh(series, window));
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
                    Optional.empty(),
                    target.scaling().policies());
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
                    Optional.of(message),
                    List.of());
        }
    }

    /**
     * Points after the cursor, and points within the revision window behind it that were not delivered with this
     * value (late or revised), oldest first. Forgets what falls out of the window.
     */
    private List<Datapoint> fresh(MetricSeries series, Duration window) {
        Instant cursor = cursors.get(series.id());
        Instant reopened = cursor.minus(window);
        NavigableMap<Instant, Double> sent = delivered.get(series.id());
        List<Datapoint> fresh = new ArrayList<>();
        Instant newest = cursor;
        for (Datapoint d : series.points()) {
            boolean isNew = d.time().isAfter(cursor);
            Double before = sent.get(d.time());
            boolean changed = d.time().isAfter(reopened) && (before == null || before != d.value());
            if (isNew || changed) {
                fresh.add(d);
                sent.put(d.time(), d.value());
                if (d.time().isAfter(newest)) {
                    newest = d.time();
                }
            }
        }
        cursors.put(series.id(), newest);
        sent.headMap(newest.minus(window), true).clear();
        while (sent.size() > REMEMBERED_POINTS) {
            sent.pollFirstEntry();
        }
        return fresh;
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
