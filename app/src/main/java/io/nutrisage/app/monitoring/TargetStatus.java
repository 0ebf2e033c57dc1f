package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection state of a target with a human-readable detail, the last successful contact, and each feed's own
 * state where the target polls its feeds separately (empty for a target that is one feed, like the sandbox).
 */
public record TargetStatus(
        ConnectionState state, String detail, Optional<Instant> lastContact, List<FeedStatus> feeds) {
    public TargetStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(lastContact, "lastContact");
        feeds = List.copyOf(feeds);
    }

    public TargetStatus(ConnectionState state, String detail, Optional<Instant> lastContact) {
        this(state, detail, lastContact, List.of());
    }
}
