package io.nutrisage.loadgen.report;

import io.nutrisage.loadgen.RunSummary;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass/fail condition on a run's summary, k6-style: {@code p90<500ms}, {@code error_rate<1%},
 * {@code achieved_rate>=99%}.
 *
 * <p>Metrics: {@code p50 p90 p95 p99 p99.9 max mean} (corrected latency; {@code raw_p90} etc. for raw) with unit
 * {@code us}, {@code ms} (default) or {@code s}; {@code error_rate} and {@code achieved_rate} as a percentage
 * ({@code 1%}) or a fraction ({@code 0.01}); counts {@code dropped late blocked_requests skipped}; and
 * {@code blocked_ms}. Operators {@code < <= > >=}.
 *
 * @param limit the limit in the metric's base unit: milliseconds, a fraction, or a count
 */
public record Threshold(String expression, String metric, String operator, double limit) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*([a-z_0-9.]+)\\s*(<=|>=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*(us|ms|s|%)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern LATENCY = Pattern.compile("(raw_)?(p50|p90|p95|p99|p99\\.9|p999|max|mean)");

    public Threshold {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(operator, "operator");
    }

    public static Threshold parse(String expression) {
        Matcher m = SYNTAX.matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("threshold '" + expression
                    + "' is not METRIC OP VALUE[UNIT], e.g. 'p90<500ms', 'error_rate<1%', 'achieved_rate>=99%'");
        }
        String metric = m.group(1).toLowerCase(Locale.ROOT);
        String op = m.group(2);
        double value = Double.parseDouble(m.group(3));
        String unit = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);
        double limit;
        if (LATENCY.matcher(metric).matches() || metric.equals("blocked_ms")) {
            limit = switch (unit) {
                case "", "ms" -> value;
                case "s" -> value * 1000;
                case "us" -> value / 1000;
                default ->
                    throw new IllegalArgumentException(
                            "threshold '" + expression + "': " + metric + " takes a time (us, ms or s), not " + unit);
            };
        } else if (metric.equals("error_rate") || metric.equals("achieved_rate")) {
            limit = switch (unit) {
                case "%" -> value / 100;
                case "" -> value;
                default ->
                    throw new IllegalArgumentException("threshold '" + expression + "': " + metric
                            + " takes a percentage (1%) or a fraction (0.01)");
            };
        } else if (metric.equals("dropped")
                || metric.equals("late")
                || metric.equals("blocked_requests")
                || metric.equals("skipped")) {
            if (!unit.isEmpty()) {
                throw new IllegalArgumentException(
                        "threshold '" + expression + "': " + metric + " is a count, no unit");
            }
            limit = value;
        } else {
            throw new IllegalArgumentException("threshold '" + expression + "': unknown metric '" + metric
                    + "' (p50 p90 p95 p99 p99.9 max mean, raw_p90..., error_rate, achieved_rate, dropped, late, "
                    + "blocked_requests, blocked_ms, skipped)");
        }
        return new Threshold(expression.strip(), metric, op, limit);
    }

    /** The metric's value in the summary, in the limit's unit. */
    public double actual(RunSummary summary) {
        Matcher latency = LATENCY.matcher(metric);
        if (latency.matches()) {
            return (latency.group(1) == null ? summary.corrected() : summary.raw()).get(latency.group(2));
        }
        return switch (metric) {
            case "error_rate" -> summary.errorRate();
            case "achieved_rate" -> summary.achievedRatio();
            case "dropped" -> summary.dropped();
            case "late" -> summary.late();
            case "blocked_requests" -> summary.blockedRequests();
            case "blocked_ms" -> summary.blockedMs();
            case "skipped" -> summary.skippedRecords();
            default -> throw new IllegalStateException("unknown metric " + metric);
        };
    }

    public Result evaluate(RunSummary summary) {
        double actual = actual(summary);
        boolean pass =
                switch (operator) {
                    case "<" -> actual < limit;
                    case "<=" -> actual <= limit;
                    case ">" -> actual > limit;
                    default -> actual >= limit;
                };
        return new Result(this, actual, pass);
    }

    /** Human form of a value of this metric: {@code 612.3 ms}, {@code 0.52%}, {@code 17}. */
    public String format(double value) {
        if (LATENCY.matcher(metric).matches() || metric.equals("blocked_ms")) {
            return String.format(Locale.ROOT, "%.1f ms", value);
        }
        if (metric.equals("error_rate") || metric.equals("achieved_rate")) {
            return String.format(Locale.ROOT, "%.2f%%", value * 100);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** Outcome of one threshold. */
    public record Result(Threshold threshold, double actual, boolean passed) {
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s %s: %s was %s (limit %s %s)",
                    passed ? "PASS" : "FAIL",
                    threshold.expression(),
                    threshold.metric(),
                    threshold.format(actual),
                    threshold.operator(),
                    threshold.format(threshold.limit()));
        }
    }
}
