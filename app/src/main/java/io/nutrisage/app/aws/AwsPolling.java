package io.nutrisage.app.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * How often each feed may call AWS, whatever the views' refresh rate (port calls in between are answered from the
 * cache), and how much history is kept. The metrics interval drives the GetMetricData cost (docs/decisions/0062).
 *
 * @param trailingWindow re-read on every metrics refresh: 1-minute metrics arrive 1–3 minutes late
 * @param lookback oldest data kept and queried
 * @param initialLogWindow how far back the first log read goes
 * @param logLookback re-read on every log refresh, before the newest line seen: CloudWatch Logs makes a line searchable
 *     when it is ingested, which may be well after its timestamp (docs/decisions/0085); a line ingested later than
 *     this minus the logs interval is not seen
 * @param logBufferLines log lines kept for the tail
 */
public record AwsPolling(
        Duration metricsInterval,
        Duration fleetInterval,
        Duration scalingInterval,
        Duration policiesInterval,
        Duration alarmsInterval,
        Duration logsInterval,
        Duration trailingWindow,
        Duration lookback,
        Duration initialLogWindow,
        Duration logLookback,
        int logBufferLines) {

    public AwsPolling {
        for (Duration d : new Duration[] {
            metricsInterval, fleetInterval, scalingInterval, policiesInterval, alarmsInterval, logsInterval
        }) {
            Objects.requireNonNull(d, "interval");
            if (d.isNegative()) {
                throw new IllegalArgumentException("polling intervals must not be negative, got " + d);
            }
        }
        if (trailingWindow.toMinutes() < 1 || lookback.compareTo(trailingWindow) < 0) {
            throw new IllegalArgumentException(
                    "need 1 min <= trailing window <= lookback, got " + trailingWindow + " and " + lookback);
        }
        if (initialLogWindow.isNegative() || logBufferLines < 1) {
            throw new IllegalArgumentException("initial log window must be >= 0 and the log buffer >= 1 line");
        }
        Objects.requireNonNull(logLookback, "logLookback");
        if (logLookback.compareTo(logsInterval) < 0 || logLookback.isZero()) {
            throw new IllegalArgumentException(
                    "the log look-back must be positive and at least the logs interval, got " + logLookback);
        }
    }

    /**
     * Metrics every 30 s, task counts and logs every 5 s, activities and alarms every 15 s, policies every 5 min; logs
     * re-read 2 minutes before the newest line.
     */
    public static AwsPolling defaults() {
        return new AwsPolling(
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Duration.ofHours(3),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                2_000);
    }

    /** Every port call reaches AWS (tests against a stub). */
    public static AwsPolling unthrottled() {
        return new AwsPolling(
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofMinutes(5),
                Duration.ofHours(3),
                Duration.ofMinutes(15),
                Duration.ofMinutes(2),
                2_000);
    }
}
