package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/** An ECS service event, e.g. {@code (service nutrisage-predictor) has started 1 tasks: (task 3f2a…).} */
public record ServiceEvent(String id, Instant time, String message) {
    public ServiceEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(message, "message");
    }
}
