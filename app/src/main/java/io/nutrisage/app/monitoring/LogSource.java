package io.nutrisage.app.monitoring;

import java.util.List;

/** The service's log tail. Thread-safe; calls may block on I/O. */
public interface LogSource {
    /**
     * Up to {@code limit} most recent lines containing {@code filter} (case-insensitive; blank matches all), oldest
     * first.
     */
    List<LogLine> tail(String filter, int limit);
}
