package io.nutrisage.app.ui;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.recording.RunEntry;
import io.nutrisage.app.recording.RunRecording;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.RunTimeline;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run's panels: the timeline the charts draw, and the side panel's scaling activities, alarms, events,
 * deployments and logs, with the task counts. Lists keep the newest {@value #LIST_LIMIT} items. UI thread only.
 */
public final class RunPanelsViewModel {
    static final int LIST_LIMIT = 500;

    private final ReadOnlyObjectWrapper<RunTimeline> timeline = new ReadOnlyObjectWrapper<>(this, "timeline");
    private final UiEvent<RunTimeline> timelineChanged = new UiEvent<>();
    private final ObservableList<ScalingActivity> activities = FXCollections.observableArrayList();
    private final ObservableList<AlarmTransition> transitions = FXCollections.observableArrayList();
    private final ObservableList<Alarm> alarms = FXCollections.observableArrayList();
    private final ObservableList<ServiceEvent> events = FXCollections.observableArrayList();
    private final ObservableList<FleetStatus.Deployment> deployments = FXCollections.observableArrayList();
    private final ObservableList<LogLine> logs = FXCollections.observableArrayList();
    private final StringProperty logFilter = new SimpleStringProperty(this, "logFilter", "");
    private final ReadOnlyStringWrapper recordingPath = new ReadOnlyStringWrapper(this, "recordingPath", "");
    private final ReadOnlyLongWrapper runningTasks = new ReadOnlyLongWrapper(this, "runningTasks");
    private final ReadOnlyLongWrapper desiredTasks = new ReadOnlyLongWrapper(this, "desiredTasks");

    RunPanelsViewModel(Instant origin, Consumer<String> logFilterChanged) {
        timeline.set(new RunTimeline(origin));
        logFilter.addListener((obs, old, filter) -> logFilterChanged.accept(filter));
    }

    /** What a replayed recording says beyond its points: the plan, the target and how it ended. */
    record Replayed(Optional<LoadPlan> plan, Optional<String> target, Optional<String> endReason) {}

    // ---- from the parent -------------------------------------------------------------------------------------

    /**
     * A new timeline from {@code origin}. The whole target changed when {@code newTarget}: its alarms, deployments and
     * logs go too.
     */
    void reset(Instant origin, boolean newTarget) {
        timeline.set(new RunTimeline(origin));
        activities.clear();
        transitions.clear();
        events.clear();
        if (newTarget) {
            alarms.clear();
            deployments.clear();
            logs.clear();
        }
        timelineChanged.fire(timeline.get());
    }

    void recording(String path) {
        recordingPath.set(path);
    }

    void applyMonitor(MonitorUpdate update) {
        timeline.get().apply(update);
        update.newActivities().forEach(a -> bounded(activities, a));
        update.newTransitions().forEach(a -> bounded(transitions, a));
        update.newEvents().forEach(a -> bounded(events, a));
        replaceIfChanged(alarms, update.alarms());
        replaceIfChanged(logs, update.logTail().reversed());
        update.fleet().ifPresent(f -> {
            runningTasks.set(f.running());
            desiredTasks.set(f.desired());
            replaceIfChanged(deployments, f.deployments());
        });
        timelineChanged.fire(timeline.get());
    }

    void applyLoad(LoadSnapshot s, Optional<LoadPlan> plan) {
        RunTimeline t = timeline.get();
        plan.filter(p -> s.state() != LoadState.FINISHED)
                .ifPresent(p -> t.addPhaseStart(
                        s.phase(), s.time(), p.phases().get(s.phase()).describe()));
        t.addLoad(s);
        timelineChanged.fire(t);
    }

    /** Replaces the timeline and the run's lists by a recorded run. */
    Replayed replay(RunRecording recording, Instant now) {
        Instant origin = recording.entries().isEmpty()
                ? now
                : recording.entries().getFirst().time();
        RunTimeline t = new RunTimeline(origin);
        activities.clear();
        transitions.clear();
        events.clear();
        LoadPlan plan = null;
        String target = null;
        String end = null;
        for (RunEntry entry : recording.entries()) {
            switch (entry) {
                case RunEntry.RunStarted started -> {
                    plan = started.plan();
                    target = started.target();
                }
                case RunEntry.PhaseStarted p -> t.addPhaseStart(p.index(), p.time(), p.description());
                case RunEntry.LoadSample l -> t.addLoad(l.snapshot());
                case RunEntry.MetricSample m -> t.addMetric(m.metric(), new Datapoint(m.time(), m.value()));
                case RunEntry.Activity a -> {
                    t.addActivity(a.activity());
                    bounded(activities, a.activity());
                }
                case RunEntry.Transition tr -> {
                    t.addTransition(tr.transition());
                    bounded(transitions, tr.transition());
                }
                case RunEntry.Event ev -> {
                    t.addEvent(ev.event());
                    bounded(events, ev.event());
                }
                case RunEntry.LoadFinished finished -> t.setLoadTotals(finished.totals());
                case RunEntry.RunEnded ended -> end = ended.reason();
            }
        }
        recording.endedEarly().ifPresent(t::markIncomplete);
        recordingPath.set(recording.file().toString());
        timeline.set(t);
        timelineChanged.fire(t);
        return new Replayed(Optional.ofNullable(plan), Optional.ofNullable(target), Optional.ofNullable(end));
    }

    /**
     * Replaces {@code list}'s items only when they changed: a setAll re-lays out and repaints its view, every poll of an
     * idle target otherwise.
     */
    private static <T> void replaceIfChanged(ObservableList<T> list, List<T> items) {
        if (!list.equals(items)) {
            list.setAll(items);
        }
    }

    private static <T> void bounded(ObservableList<T> list, T item) {
        list.add(0, item);
        if (list.size() > LIST_LIMIT) {
            list.remove(LIST_LIMIT, list.size());
        }
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<RunTimeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** Raised with the timeline each time it got new points or was replaced. */
    public UiEvent<RunTimeline> timelineChanged() {
        return timelineChanged;
    }

    public ObservableList<ScalingActivity> activities() {
        return FXCollections.unmodifiableObservableList(activities);
    }

    public ObservableList<AlarmTransition> transitions() {
        return FXCollections.unmodifiableObservableList(transitions);
    }

    public ObservableList<Alarm> alarms() {
        return FXCollections.unmodifiableObservableList(alarms);
    }

    public ObservableList<ServiceEvent> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    /** The service's deployments as of the last successful poll (PRIMARY first, as ECS lists them). */
    public ObservableList<FleetStatus.Deployment> deployments() {
        return FXCollections.unmodifiableObservableList(deployments);
    }

    /** The log tail, newest first like the other lists: the Logs tab opens on the latest lines. */
    public ObservableList<LogLine> logs() {
        return FXCollections.unmodifiableObservableList(logs);
    }

    public StringProperty logFilterProperty() {
        return logFilter;
    }

    public ReadOnlyStringProperty recordingPathProperty() {
        return recordingPath.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty runningTasksProperty() {
        return runningTasks.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty desiredTasksProperty() {
        return desiredTasks.getReadOnlyProperty();
    }
}
