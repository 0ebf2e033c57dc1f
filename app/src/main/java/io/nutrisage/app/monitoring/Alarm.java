package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/** An alarm's current state, like DescribeAlarms. */
public record Alarm(String name, String description, AlarmState state, String stateReason, Instant stateUpdated) {
    public Alarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateReason, "stateReason");
        Objects.requireNonNull(stateUpdated, "stateUpdated");
    }
}
