package io.nutrisage.loadgen.report;

import io.nutrisage.loadgen.LatencySummary;
import io.nutrisage.loadgen.Outcomes;
import io.nutrisage.loadgen.Snapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The flat fields of a snapshot, in column order, shared by the JSON lines and CSV time series. */
final class SnapshotFields {
    static final List<String> COLUMNS = List.copyOf(of(new Snapshot(
                    0,
                    java.time.Instant.EPOCH,
                    0,
                    io.nutrisage.loadgen.RunState.RUNNING,
                    0,
                    java.time.Duration.ZERO,
                    java.time.Duration.ZERO,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    LatencySummary.EMPTY,
                    LatencySummary.EMPTY,
                    Outcomes.NONE,
                    0,
                    Map.of(),
                    0))
            .keySet());

    private SnapshotFields() {}

    static Map<String, Object> of(Snapshot s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("second", s.second());
        f.put("time", s.time().toString());
        f.put("interval_s", round(s.intervalSeconds(), 3));
        f.put("state", s.state().name());
        f.put("phase", s.phase() + 1);
        f.put("elapsed_s", round(s.elapsed().toMillis() / 1000.0, 3));
        f.put("remaining_s", round(s.remaining().toMillis() / 1000.0, 3));
        f.put("target_rate", round(s.targetRate(), 2));
        f.put("achieved_rate", round(s.achievedRate(), 2));
        f.put("planned", s.planned());
        f.put("sent", s.sent());
        f.put("completed", s.completed());
        f.put("in_flight", s.inFlight());
        f.put("in_flight_cap", s.inFlightCap());
        f.put("late", s.late());
        f.put("dropped", s.dropped());
        f.put("blocked_ms", round(s.blockedMs(), 3));
        f.put("blocked_requests", s.blockedRequests());
        f.put("responses", s.corrected().count());
        latency(f, "corrected", s.corrected());
        latency(f, "raw", s.raw());
        Outcomes o = s.outcomes();
        f.put("status_2xx", o.status2xx());
        f.put("status_3xx", o.status3xx());
        f.put("status_4xx", o.status4xx());
        f.put("status_5xx", o.status5xx());
        f.put("error_refused", o.refused());
        f.put("error_timeout", o.timeout());
        f.put("error_reset", o.reset());
        f.put("error_other", o.otherErrors());
        f.put("avg_confidence", Double.isNaN(s.averageConfidence()) ? null : round(s.averageConfidence(), 4));
        f.put("grades", new TreeMap<>(s.grades()));
        f.put("skipped_records", s.skippedRecords());
        return f;
    }

    private static void latency(Map<String, Object> f, String kind, LatencySummary l) {
        f.put(kind + "_p50_ms", round(l.p50(), 3));
        f.put(kind + "_p90_ms", round(l.p90(), 3));
        f.put(kind + "_p99_ms", round(l.p99(), 3));
        f.put(kind + "_max_ms", round(l.max(), 3));
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** CSV form of one value: grades as {@code A=3 B=5}, missing as empty. */
    static String csv(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
