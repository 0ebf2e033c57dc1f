package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one of a target's feeds (metrics, fleet, scaling, alarms, logs) is doing: its state, and when it fails, what
 * failed (the call, in words a user can act on, with the fix), since when, and when its data was last fresh.
 */
public record FeedStatus(
        String feed,
        ConnectionState state,
        String problem,
        Optional<Instant> failingSince,
        Optional<Instant> lastSuccess) {
    public FeedStatus {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(failingSince, "failingSince");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
    }

    public boolean healthy() {
        return state == ConnectionState.CONNECTED;
    }
}
