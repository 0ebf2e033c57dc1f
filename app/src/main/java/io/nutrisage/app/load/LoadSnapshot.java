package io.nutrisage.app.load;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One second of a load run as the console charts and records it. Latencies are client-side p90s in milliseconds,
 * corrected (from the planned start) and raw (from the actual send); {@code NaN} when nothing completed.
 */
public record LoadSnapshot(
        Instant time,
        LoadState state,
        int phase,
        Duration elapsed,
        Duration remaining,
        double targetRate,
        double achievedRate,
        int inFlight,
        long sent,
        long completed,
        long errors,
        long lateOrDropped,
        double p90CorrectedMs,
        double p90RawMs,
        double averageConfidence) {
    public LoadSnapshot {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(remaining, "remaining");
    }
}
