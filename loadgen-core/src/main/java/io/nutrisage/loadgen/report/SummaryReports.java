package io.nutrisage.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nutrisage.loadgen.LatencySummary;
import io.nutrisage.loadgen.LoadgenException;
import io.nutrisage.loadgen.Outcomes;
import io.nutrisage.loadgen.RunSummary;
import io.nutrisage.loadgen.records.SkippedRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The final summary as JSON and readable text, and thresholds as JUnit XML. */
public final class SummaryReports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryReports() {}

    public static Map<String, Object> toMap(RunSummary s, List<Threshold.Result> thresholds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", s.target());
        m.put("profile", s.profile());
        m.put("start", s.start().toString());
        m.put("end", s.end().toString());
        m.put("duration_s", SnapshotFields.round(s.duration().toMillis() / 1000.0, 3));
        m.put("end_reason", s.endReason().name());
        if (s.failure() != null) {
            m.put("failure", s.failure());
        }
        m.put("seconds", s.seconds());
        m.put("planned", s.planned());
        m.put("sent", s.sent());
        m.put("completed", s.completed());
        m.put("achieved_ratio", SnapshotFields.round(s.achievedRatio(), 5));
        m.put("late", s.late());
        m.put("dropped", s.dropped());
        m.put("blocked_ms", SnapshotFields.round(s.blockedMs(), 3));
        m.put("blocked_requests", s.blockedRequests());
        m.put("latency_corrected_ms", latency(s.corrected()));
        m.put("latency_raw_ms", latency(s.raw()));
        Outcomes o = s.outcomes();
        Map<String, Object> outcomes = new LinkedHashMap<>();
        outcomes.put("status_2xx", o.status2xx());
        outcomes.put("status_3xx", o.status3xx());
        outcomes.put("status_4xx", o.status4xx());
        outcomes.put("status_5xx", o.status5xx());
        outcomes.put("refused", o.refused());
        outcomes.put("timeout", o.timeout());
        outcomes.put("reset", o.reset());
        outcomes.put("other", o.otherErrors());
        m.put("outcomes", outcomes);
        m.put("error_rate", SnapshotFields.round(s.errorRate(), 6));
        m.put(
                "avg_confidence",
                Double.isNaN(s.averageConfidence()) ? null : SnapshotFields.round(s.averageConfidence(), 4));
        m.put("grades", new TreeMap<>(s.grades()));
        m.put("skipped_records", s.skippedRecords());
        List<Map<String, Object>> skips = new ArrayList<>();
        for (SkippedRecord skip : s.skippedExamples()) {
            skips.add(Map.of("origin", skip.origin(), "line", skip.line(), "reason", skip.reason()));
        }
        m.put("skipped_examples", skips);
        m.put("sink_dropped", s.sinkDropped());
        List<Map<String, Object>> results = new ArrayList<>();
        for (Threshold.Result r : thresholds) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("threshold", r.threshold().expression());
            t.put("actual", r.actual());
            t.put("passed", r.passed());
            results.add(t);
        }
        m.put("thresholds", results);
        return m;
    }

    private static Map<String, Object> latency(LatencySummary l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", l.count());
        m.put("p50", l.p50());
        m.put("p90", l.p90());
        m.put("p95", l.p95());
        m.put("p99", l.p99());
        m.put("p99_9", l.p999());
        m.put("max", l.max());
        m.put("mean", SnapshotFields.round(l.mean(), 3));
        return m;
    }

    public static String text(RunSummary s, List<Threshold.Result> thresholds) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "NutriSage load run against %s, profile %s%n", s.target(), s.profile()));
        b.append(String.format(
                Locale.ROOT,
                "  %s after %.1f s (%d one-second intervals)%s%n",
                s.endReason(),
                s.duration().toMillis() / 1000.0,
                s.seconds(),
                s.failure() == null ? "" : ": " + s.failure()));
        b.append(String.format(
                Locale.ROOT,
                "  starts: %d planned, %d sent (%.2f%%), %d late, %d dropped; %d completed%n",
                s.planned(),
                s.sent(),
                s.achievedRatio() * 100,
                s.late(),
                s.dropped(),
                s.completed()));
        b.append(String.format(
                Locale.ROOT,
                "  blocked waiting for a connection: %.1f ms in total, %d requests over 1 ms%n",
                s.blockedMs(),
                s.blockedRequests()));
        b.append(generatorVerdict(s));
        b.append(latencyLine("corrected", s.corrected()));
        b.append(latencyLine("raw", s.raw()));
        Outcomes o = s.outcomes();
        b.append(String.format(
                Locale.ROOT,
                "  outcomes: 2xx %d, 3xx %d, 4xx %d, 5xx %d, refused %d, timeout %d, reset %d, other %d (error rate %.3f%%)%n",
                o.status2xx(),
                o.status3xx(),
                o.status4xx(),
                o.status5xx(),
                o.refused(),
                o.timeout(),
                o.reset(),
                o.otherErrors(),
                s.errorRate() * 100));
        if (!Double.isNaN(s.averageConfidence()) || !s.grades().isEmpty()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  predictions: average confidence %s, grades %s%n",
                    Double.isNaN(s.averageConfidence())
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.3f", s.averageConfidence()),
                    new TreeMap<>(s.grades())));
        }
        if (s.skippedRecords() > 0) {
            b.append(String.format(Locale.ROOT, "  skipped input: %d rows/objects, first ones:%n", s.skippedRecords()));
            s.skippedExamples().stream()
                    .limit(10)
                    .forEach(skip -> b.append("    ").append(skip).append('\n'));
        }
        if (s.sinkDropped() > 0) {
            b.append(String.format(
                    Locale.ROOT, "  response sink could not keep up: %d responses not stored%n", s.sinkDropped()));
        }
        for (Threshold.Result r : thresholds) {
            b.append("  ").append(r.describe()).append('\n');
        }
        return b.toString();
    }

    /**
     * Late or blocked starts up to this share of the planned ones (and none dropped) still count as keeping to the
     * plan: a handful in a long run, such as the first connections of a cold JVM, did not limit what the target got.
     */
    static final double NEGLIGIBLE_SHARE = 0.001;

    /** Whether the target was offered the planned load: a generator that fell behind must say so. */
    static String generatorVerdict(RunSummary s) {
        if (s.late() == 0 && s.dropped() == 0 && s.blockedRequests() == 0) {
            return "  generator: kept to the plan (no late or dropped starts, no request blocked over 1 ms)\n";
        }
        long behind = s.late() + s.blockedRequests();
        if (s.dropped() == 0 && behind <= NEGLIGIBLE_SHARE * s.planned()) {
            return String.format(
                    Locale.ROOT,
                    "  generator: kept to the plan but for %d late and %d blocked over 1 ms of %d starts (%.3f %%),"
                            + " none dropped%n",
                    s.late(),
                    s.blockedRequests(),
                    s.planned(),
                    100.0 * behind / s.planned());
        }
        return String.format(
                Locale.ROOT,
                "  generator: fell behind the plan (%d late, %d dropped, %d blocked over 1 ms): the generator, not only"
                        + " the target, limited this run%n",
                s.late(),
                s.dropped(),
                s.blockedRequests());
    }

    private static String latencyLine(String kind, LatencySummary l) {
        return String.format(
                Locale.ROOT,
                "  latency %-9s ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (%d responses)%n",
                kind,
                l.p50(),
                l.p90(),
                l.p99(),
                l.p999(),
                l.max(),
                l.count());
    }

    /** JUnit XML: one test case per threshold, plus one for the run itself (an error when it failed). */
    public static String junitXml(RunSummary s, List<Threshold.Result> thresholds) {
        long failures = thresholds.stream().filter(r -> !r.passed()).count();
        boolean runFailed = s.failure() != null;
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(
                Locale.ROOT,
                "<testsuite name=\"loadgen\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%.3f\" timestamp=\"%s\">%n",
                thresholds.size() + 1,
                failures,
                runFailed ? 1 : 0,
                s.duration().toMillis() / 1000.0,
                s.start().toString()));
        b.append(String.format(
                Locale.ROOT,
                "  <testcase classname=\"loadgen.run\" name=\"%s\" time=\"%.3f\">",
                xml("run " + s.profile() + " against " + s.target()),
                s.duration().toMillis() / 1000.0));
        if (runFailed) {
            b.append(String.format("<error message=\"%s\"/>", xml(s.failure())));
        }
        b.append("</testcase>\n");
        for (Threshold.Result r : thresholds) {
            b.append(String.format(
                    "  <testcase classname=\"loadgen.thresholds\" name=\"%s\" time=\"0\">",
                    xml(r.threshold().expression())));
            if (!r.passed()) {
                b.append(String.format("<failure message=\"%s\"/>", xml(r.describe())));
            }
            b.append("</testcase>\n");
        }
        b.append("  <system-out>").append(xml(text(s, thresholds))).append("</system-out>\n");
        b.append("</testsuite>\n");
        return b.toString();
    }

    private static String xml(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Writes {@code summary.json}, {@code summary.txt} and {@code junit.xml} into {@code dir}. */
    public static void write(Path dir, RunSummary s, List<Threshold.Result> thresholds) {
        try {
            Files.writeString(
                    dir.resolve("summary.json"),
                    JSON.writeValueAsString(toMap(s, thresholds)) + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("summary.txt"), text(s, thresholds), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("junit.xml"), junitXml(s, thresholds), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoadgenException("cannot write the summary into " + dir + ": " + e.getMessage(), e);
        }
    }
}
