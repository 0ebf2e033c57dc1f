package io.nutrisage.app.ui;

import io.nutrisage.app.load.LoadControl;
import io.nutrisage.app.load.LoadPhase;
import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.ProfileFiles;
import io.nutrisage.app.session.RunSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The load panel: the profile and its phases, the run's settings, the live controls, and where the run is. Runs go
 * to the parent's current session; starting one goes through the {@link TaskExecutor}. UI thread only.
 */
public final class LoadControlViewModel {
    private final TaskExecutor executor;
    private final Consumer<String> status;
    private final Supplier<Optional<RunSession>> session;
    private final Map<String, List<LoadPhase>> profiles = new ConcurrentHashMap<>();
    private final ObservableList<String> profileNames =
            FXCollections.observableArrayList(ConsoleViewModel.DEMO_PROFILE);
    private final StringProperty selectedProfile =
            new SimpleStringProperty(this, "selectedProfile", ConsoleViewModel.DEMO_PROFILE);
    private final ObservableList<PhaseRow> phases = FXCollections.observableArrayList();
    private final DoubleProperty timeScale = new SimpleDoubleProperty(this, "timeScale", 0.1);
    private final StringProperty recordSource =
            new SimpleStringProperty(this, "recordSource", LoadPlan.BUILT_IN_RECORDS);
    private final IntegerProperty inFlightCap = new SimpleIntegerProperty(this, "inFlightCap", 256);
    private final DoubleProperty rateOverride = new SimpleDoubleProperty(this, "rateOverride", 100);
    private final ReadOnlyObjectWrapper<LoadState> loadState =
            new ReadOnlyObjectWrapper<>(this, "loadState", LoadState.READY);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", "not started");
    private final ReadOnlyDoubleWrapper phaseProgress = new ReadOnlyDoubleWrapper(this, "phaseProgress", 0);
    private final ReadOnlyStringWrapper remainingText = new ReadOnlyStringWrapper(this, "remainingText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private LoadControl control;
    private LoadPlan currentPlan;

    LoadControlViewModel(TaskExecutor executor, Consumer<String> status, Supplier<Optional<RunSession>> session) {
        this.executor = executor;
        this.status = status;
        this.session = session;
        profiles.put(ConsoleViewModel.DEMO_PROFILE, LoadPlan.nutrisageDemoPhases());
        selectProfile(ConsoleViewModel.DEMO_PROFILE);
        selectedProfile.addListener((obs, old, name) -> {
            if (name != null) {
                selectProfile(name);
            }
        });
    }

    public void start() {
        LoadPlan plan;
        try {
            List<LoadPhase> list = new ArrayList<>();
            for (int i = 0; i < phases.size(); i++) {
                try {
                    list.add(phases.get(i).toPhase());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("phase " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            plan = new LoadPlan(
                    selectedProfile.get(),
                    list,
                    timeScale.get(),
                    recordSource.get().strip(),
                    inFlightCap.get());
        } catch (IllegalArgumentException e) {
            fail("Cannot start: " + e.getMessage());
            return;
        }
        Optional<RunSession> current = session.get();
        if (current.isEmpty()) {
            fail("Not connected yet: wait for the target to come up.");
            return;
        }
        RunSession s = current.get();
        executor.execute(
                () -> s.startRun(plan),
                c -> {
                    control = c;
                    currentPlan = plan;
                    problem.set("");
                    loadState.set(LoadState.RUNNING);
                    status.accept("Running " + plan.profileName() + " at time scale " + plan.timeScale() + " ("
                            + formatDuration(plan.scaledTotal()) + ")");
                },
                e -> fail("Cannot start the run: " + ConsoleViewModel.message(e)));
    }

    public void pauseOrResume() {
        if (control == null) {
            return;
        }
        if (control.state() == LoadState.PAUSED || control.state() == LoadState.HOLDING) {
            control.resume();
            status.accept("Resumed");
        } else {
            control.pause();
            status.accept("Paused");
        }
        loadState.set(control.state());
    }

    public void stop() {
        if (control != null) {
            control.stop();
            loadState.set(control.state());
            status.accept("Stopped; monitoring continues");
        }
    }

    public void nextPhase() {
        if (control != null) {
            control.nextPhase();
        }
    }

    public void holdRate() {
        if (control == null) {
            return;
        }
        try {
            control.holdRate(rateOverride.get());
            loadState.set(control.state());
            status.accept(String.format(Locale.ROOT, "Holding %.0f requests/s until Resume", rateOverride.get()));
        } catch (IllegalArgumentException e) {
            fail("Rate override rejected: " + e.getMessage());
        }
    }

    public void applyInFlightCap() {
        if (control != null) {
            try {
                control.setInFlightCap(inFlightCap.get());
            } catch (IllegalArgumentException e) {
                fail("In-flight cap rejected: " + e.getMessage());
            }
        }
    }

    /** Adds a profile file (YAML or JSON, loadgen-core's format) to the chooser and selects it. */
    public void addProfileFile(Path file) {
        executor.execute(
                () -> ProfileFiles.read(file),
                profile -> {
                    profiles.put(profile.name(), profile.phases());
                    if (!profileNames.contains(profile.name())) {
                        profileNames.add(profile.name());
                    }
                    selectedProfile.set(profile.name());
                    status.accept("Loaded profile " + profile.name() + " from " + file);
                },
                // The message names the file and line already.
                e -> fail("Cannot load the profile: " + ConsoleViewModel.message(e)));
    }

    /** Says what went wrong where the user acted (the load panel) and in the status line. */
    private void fail(String why) {
        status.accept(why);
        problem.set(why);
    }

    /** Whether a run is under way (it blocks a target switch). */
    public boolean runInProgress() {
        LoadState state = loadState.get();
        return state == LoadState.RUNNING || state == LoadState.PAUSED || state == LoadState.HOLDING;
    }

    public Optional<LoadPlan> currentPlan() {
        return Optional.ofNullable(currentPlan);
    }

    // ---- from the parent -------------------------------------------------------------------------------------

    /** A new target: no run, nothing started. */
    void reset() {
        control = null;
        currentPlan = null;
        loadState.set(LoadState.READY);
    }

    void showRecordedPlan(LoadPlan plan) {
        currentPlan = plan;
    }

    void applyLoad(LoadSnapshot s) {
        loadState.set(s.state());
        LoadPlan plan = currentPlan;
        if (plan != null) {
            Duration phaseStart = plan.scaledStart(s.phase());
            Duration phaseLength = plan.scaledDuration(s.phase());
            double into =
                    (s.elapsed().toMillis() - phaseStart.toMillis()) / (double) Math.max(1, phaseLength.toMillis());
            phaseProgress.set(s.state() == LoadState.FINISHED ? 1 : Math.max(0, Math.min(1, into)));
            phaseText.set(String.format(
                    Locale.ROOT,
                    "Phase %d/%d · %s",
                    s.phase() + 1,
                    plan.phases().size(),
                    plan.phases().get(s.phase()).describe()));
            remainingText.set(
                    s.state() == LoadState.FINISHED
                            ? "finished"
                            : formatDuration(phaseStart.plus(phaseLength).minus(s.elapsed())) + " left in phase · "
                                    + formatDuration(s.remaining()) + " left in run");
        }
        rateText.set(String.format(
                Locale.ROOT,
                "target %.0f/s · achieved %.0f/s · in flight %d · p90 %s",
                s.targetRate(),
                s.achievedRate(),
                s.inFlight(),
                Double.isNaN(s.p90CorrectedMs()) ? "–" : String.format(Locale.ROOT, "%.1f ms", s.p90CorrectedMs())));
    }

    private void selectProfile(String name) {
        List<LoadPhase> list = profiles.get(name);
        if (list != null) {
            phases.setAll(list.stream().map(PhaseRow::of).toList());
        }
    }

    static String formatDuration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    // ---- properties ------------------------------------------------------------------------------------------

    public ObservableList<String> profileNames() {
        return profileNames;
    }

    public StringProperty selectedProfileProperty() {
        return selectedProfile;
    }

    public ObservableList<PhaseRow> phases() {
        return phases;
    }

    public DoubleProperty timeScaleProperty() {
        return timeScale;
    }

    public StringProperty recordSourceProperty() {
        return recordSource;
    }

    public IntegerProperty inFlightCapProperty() {
        return inFlightCap;
    }

    public DoubleProperty rateOverrideProperty() {
        return rateOverride;
    }

    /** Why the last command of this panel failed; empty after a successful start. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LoadState> loadStateProperty() {
        return loadState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty phaseProgressProperty() {
        return phaseProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty remainingTextProperty() {
        return remainingText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }
}
