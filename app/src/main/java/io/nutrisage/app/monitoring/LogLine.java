package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;

/** One log event of the service: {@code stream} is the task's log stream. */
public record LogLine(String id, Instant time, String stream, String message) {
    public LogLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(message, "message");
    }

    /** Lines the console highlights. */
    public boolean isError() {
        return message.contains("ERROR") || message.contains("Exception") || message.contains("\"status\":5");
    }
}
