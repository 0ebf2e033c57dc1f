package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The connection state of a target with a human-readable detail and the last successful contact. */
public record TargetStatus(ConnectionState state, String detail, Optional<Instant> lastContact) {
    public TargetStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(lastContact, "lastContact");
    }
}
