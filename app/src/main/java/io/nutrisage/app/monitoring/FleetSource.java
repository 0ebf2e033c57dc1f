package io.nutrisage.app.monitoring;

import java.util.List;

/** Task counts, deployments and service events. Thread-safe; calls may block on I/O. */
public interface FleetSource {
    FleetStatus status();

    /** The most recent service events, newest first (ECS keeps the last 100). */
    List<ServiceEvent> recentEvents();
}
