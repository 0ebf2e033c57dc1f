package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What the sandbox has to tell, as it happens: ECS service events, scaling activities, alarm transitions and log lines
 * by stream, each list bounded to its newest entries. The fleet, the scaler and the alarms write here and nowhere
 * else; the monitoring sources read it. An activity or a transition also goes to the log, in the stream AWS would
 * write it to, so that the Logs tab tells the whole story. Thread-safe.
 */
final class SandboxJournal {
    private final InstantSource clock;
    private final Supplier<String> taskIds;
    private final AtomicLong ids = new AtomicLong();
    private final Bounded<ScalingActivity> activities = new Bounded<>(200);
    private final Bounded<AlarmTransition> transitions = new Bounded<>(500);
    private final Bounded<ServiceEvent> events = new Bounded<>(100);
    private final Bounded<LogLine> logs = new Bounded<>(2_000);

    /** Task ids as ECS makes them: 32 hex digits. */
    SandboxJournal(InstantSource clock) {
        this(clock, () -> UUID.randomUUID().toString().replace("-", ""));
    }

    SandboxJournal(InstantSource clock, Supplier<String> taskIds) {
        this.clock = clock;
        this.taskIds = taskIds;
    }

    /** A serial number for log lines, activities and transitions (unique within this sandbox). */
    String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** An id for a new task (and for a service event, which ECS also identifies by a UUID). */
    String taskId() {
        return taskIds.get();
    }

    void event(ServiceEvent event) {
        events.add(event);
    }

    void activity(ScalingActivity activity) {
        activities.add(activity);
        log("application-autoscaling", activity.description() + " Cause: " + activity.cause());
    }

    void transition(AlarmTransition transition) {
        transitions.add(transition);
        log("cloudwatch", "Alarm " + transition.alarmName() + ": " + transition.summary() + ". " + transition.reason());
    }

    void log(String stream, String message) {
        logs.add(new LogLine(nextId(), clock.instant(), stream, message));
    }

    List<ServiceEvent> events() {
        return events.newestFirst();
    }

    List<ScalingActivity> activities() {
        return activities.newestFirst();
    }

    List<AlarmTransition> transitions() {
        return transitions.newestFirst();
    }

    List<LogLine> logsOldestFirst() {
        return logs.oldestFirst();
    }
}
