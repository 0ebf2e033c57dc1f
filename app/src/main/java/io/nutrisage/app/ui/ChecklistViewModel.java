package io.nutrisage.app.ui;

import io.nutrisage.app.monitoring.CloudAccount;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.session.RunChecklist;
import io.nutrisage.app.session.RunTimeline;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The checklist panel: the seed's post-run checks of the run on screen, from {@link RunChecklist}, with the cloud
 * target's own records read in the background on its schedule. UI thread only.
 */
public final class ChecklistViewModel {
    private final TaskExecutor executor;
    private final InstantSource clock;
    private final Consumer<String> status;
    private final Supplier<RunTimeline> timeline;
    private final Supplier<Optional<MonitoringTarget>> target;
    private final RunChecklist model = new RunChecklist();
    private final ObservableList<RunCheck> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper passed = new ReadOnlyBooleanWrapper(this, "passed");
    private final UiEvent<List<RunCheck>> computed = new UiEvent<>();

    ChecklistViewModel(
            TaskExecutor executor,
            InstantSource clock,
            Consumer<String> status,
            Supplier<RunTimeline> timeline,
            Supplier<Optional<MonitoringTarget>> target) {
        this.executor = executor;
        this.clock = clock;
        this.status = status;
        this.timeline = timeline;
        this.target = target;
    }

    /** Computes the checks of the run on screen now, and reads the cloud's records when they are due. */
    public void refresh() {
        show();
        readCloudIfDue();
    }

    /** Whether the live run's load has ended (then every monitoring update recomputes the checks). */
    boolean runEnded() {
        return model.ended();
    }

    // ---- from the parent -------------------------------------------------------------------------------------

    void reset() {
        model.reset();
        checks.clear();
    }

    /** A live run's load ended: compute the checks, and from now on keep them current. */
    void loadFinished() {
        model.runEnded(clock.instant());
        refresh();
    }

    /** A recording was opened: its checks, and no cloud reads (the run is not live). */
    void replayed() {
        model.reset();
        refresh();
    }

    private void show() {
        List<RunCheck> list = model.checks(timeline.get());
        checks.setAll(list);
        passed.set(list.stream().allMatch(RunCheck::passed));
        computed.fire(list);
    }

    private void readCloudIfDue() {
        Optional<CloudAccount> cloud = target.get().flatMap(MonitoringTarget::cloudAccount);
        if (cloud.isEmpty()) {
            return;
        }
        RunTimeline run = timeline.get();
        Optional<RunChecklist.CloudRead> due = model.cloudReadDue(clock.instant(), run.origin());
        if (due.isEmpty()) {
            return;
        }
        CloudAccount account = cloud.get();
        Instant from = due.get().from();
        Instant to = due.get().to();
        executor.execute(
                () -> account.validateRun(from, to),
                result -> {
                    // A result for a run or target no longer on screen is dropped.
                    if (timeline.get() == run
                            && target.get()
                                            .flatMap(MonitoringTarget::cloudAccount)
                                            .orElse(null)
                                    == account) {
                        model.cloudReadDone(result);
                        show();
                    } else {
                        model.cloudReadFailed();
                    }
                },
                e -> {
                    model.cloudReadFailed();
                    status.accept("AWS checks: " + ConsoleViewModel.message(e));
                });
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ObservableList<RunCheck> checks() {
        return FXCollections.unmodifiableObservableList(checks);
    }

    public ReadOnlyBooleanProperty passedProperty() {
        return passed.getReadOnlyProperty();
    }

    /** Raised with the checks each time they are computed (the view brings the panel forward). */
    public UiEvent<List<RunCheck>> computed() {
        return computed;
    }
}
