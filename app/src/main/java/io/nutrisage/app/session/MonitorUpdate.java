package io.nutrisage.app.session;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.monitoring.TargetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one poll of a target brought: new datapoints per series, each series' freshness, new activities, transitions
 * and events (oldest first, each delivered once), and the current fleet, alarms, log tail and scaling policies.
 * {@code fleet} is empty when the poll failed; {@code error} then says why.
 */
public record MonitorUpdate(
        Instant polledAt,
        TargetStatus status,
        Optional<FleetStatus> fleet,
        Map<MetricId, List<Datapoint>> points,
        Map<MetricId, Optional<Instant>> freshness,
        List<ScalingActivity> newActivities,
        List<AlarmTransition> newTransitions,
        List<ServiceEvent> newEvents,
        List<Alarm> alarms,
        List<LogLine> logTail,
        Optional<String> error,
        List<ScalingPolicy> policies) {
    public MonitorUpdate {
        points = Map.copyOf(points);
        freshness = Map.copyOf(freshness);
        newActivities = List.copyOf(newActivities);
        newTransitions = List.copyOf(newTransitions);
        newEvents = List.copyOf(newEvents);
        alarms = List.copyOf(alarms);
        logTail = List.copyOf(logTail);
        policies = List.copyOf(policies);
    }
}
