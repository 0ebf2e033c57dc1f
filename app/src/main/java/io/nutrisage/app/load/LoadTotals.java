package io.nutrisage.app.load;

import java.time.Duration;
import java.util.Objects;

/**
 * A finished load run's totals, from loadgen-core's run summary: the planned starts, what was sent, late and dropped,
 * errors by kind, and latency percentiles over the whole run, corrected (from the planned start) and raw (from the
 * actual send). Unlike a run's per-second {@link LoadSnapshot}s, the percentiles are of every request of the run.
 *
 * @param endReason why the run ended, in loadgen-core's words ({@code PROFILE_COMPLETED}, {@code STOPPED}…)
 * @param late starts sent later than the generator's lateness bound behind their planned time
 * @param dropped starts never sent: the in-flight cap was reached while they were overdue
 */
public record LoadTotals(
        Duration duration,
        String endReason,
        long planned,
        long sent,
        long completed,
        long late,
        long dropped,
        Errors errors,
        Latency corrected,
        Latency raw) {
    public LoadTotals {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(corrected, "corrected");
        Objects.requireNonNull(raw, "raw");
    }

    /** Failed requests by kind: error responses by status class, transport errors by what went wrong. */
    public record Errors(long status4xx, long status5xx, long refused, long timeout, long reset, long other) {
        public long total() {
            return status4xx + status5xx + refused + timeout + reset + other;
        }
    }

    /** Latency percentiles in milliseconds over {@code count} requests (all zero when {@code count} is 0). */
    public record Latency(long count, double p50, double p90, double p95, double p99, double p999, double max) {}
}
