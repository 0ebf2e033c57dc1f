package io.nutrisage.app.ui;

import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.recording.RunRecording;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.RunSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The console's state, as one view-model per panel under this thin parent: {@link TargetChooserViewModel} (top bar),
 * {@link LoadControlViewModel} (load panel), {@link RunPanelsViewModel} (charts and side panel) and {@link
 * ChecklistViewModel}. The parent owns what they share: the {@link RunSession} of the target in use, the session
 * generation that keeps a replaced session's updates away from the panels, the status line, and the one reset a new
 * target or run makes. Talks to the target only through the session and the monitoring ports; every blocking call
 * goes through the {@link TaskExecutor}. All properties change on the UI thread.
 */
public final class ConsoleViewModel implements AutoCloseable {
    public static final String DEMO_PROFILE = "nutrisage-demo";
    public static final String SANDBOX_CHOICE = "Local sandbox";
    public static final String AWS_CHOICE = "AWS stack…";

    private final LoadDriver driver;
    private final Path recordingDir;
    private final TaskExecutor executor;
    private final InstantSource clock;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final TargetChooserViewModel targetChooser;
    private final LoadControlViewModel loadControl;
    private final RunPanelsViewModel runPanels;
    private final ChecklistViewModel checklist;

    private RunSession session;
    private boolean loadFinishedOnce;
    /** The timeline shown was read from a recording, not recorded from the session's target. */
    private boolean replayed;
    /** Which session may update the panels: updates of a session being replaced or closed are dropped. */
    private long activeGeneration;

    private long generations;
    private boolean closed;

    public ConsoleViewModel(
            Callable<MonitoringTarget> targetFactory,
            LoadDriver driver,
            Path recordingDir,
            TaskExecutor executor,
            InstantSource clock) {
        this(targetFactory, AwsConnector.unavailable(), driver, recordingDir, executor, clock);
    }

    /**
     * @param targetFactory creates the local sandbox (again, each time the user switches back to it)
     * @param awsConnector connects to AWS stacks chosen in the target chooser
     */
    public ConsoleViewModel(
            Callable<MonitoringTarget> targetFactory,
            AwsConnector awsConnector,
            LoadDriver driver,
            Path recordingDir,
            TaskExecutor executor,
            InstantSource clock) {
        Objects.requireNonNull(targetFactory, "targetFactory");
        Objects.requireNonNull(awsConnector, "awsConnector");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.recordingDir = Objects.requireNonNull(recordingDir, "recordingDir");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targetChooser = new TargetChooserViewModel(
                targetFactory, awsConnector, executor, status::set, this::switchTarget, () -> session != null);
        this.loadControl = new LoadControlViewModel(executor, status::set, () -> Optional.ofNullable(session));
        this.runPanels = new RunPanelsViewModel(clock.instant(), filter -> {
            if (session != null) {
                session.poller().setLogFilter(filter);
            }
        });
        this.checklist = new ChecklistViewModel(
                executor, clock, status::set, () -> runPanels.timelineProperty().get(), () -> Optional.ofNullable(
                                session)
                        .map(RunSession::target));
    }

    public TargetChooserViewModel targetChooser() {
        return targetChooser;
    }

    public LoadControlViewModel loadControl() {
        return loadControl;
    }

    public RunPanelsViewModel runPanels() {
        return runPanels;
    }

    public ChecklistViewModel checklist() {
        return checklist;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Shows a message in the status line (e.g. from the exporter). */
    public void reportStatus(String message) {
        status.set(message);
    }

    /** Connects to the local sandbox in the background and starts monitoring it every second. */
    public void connect() {
        targetChooser.connect();
    }

    /** Replaces the charts and panels by a recorded run, for viewing and export. */
    public void openRecording(Path file) {
        executor.execute(
                () -> RunRecording.read(file),
                recording -> {
                    replay(recording);
                    status.set("Opened " + file.getFileName() + " ("
                            + recording.entries().size() + " entries"
                            + (recording.problems().isEmpty() ? "" : ", skipped " + recording.problems()) + ")"
                            + recording.endedEarly().map(why -> " — " + why).orElse(""));
                },
                e -> status.set("Cannot open " + file + ": " + message(e)));
    }

    void replay(RunRecording recording) {
        RunPanelsViewModel.Replayed replayed = runPanels.replay(recording, clock.instant());
        replayed.plan().ifPresent(loadControl::showRecordedPlan);
        replayed.target().ifPresent(targetChooser::showingRecording);
        replayed.endReason().ifPresent(reason -> status.set("Recording ended: " + reason));
        this.replayed = true;
        checklist.replayed();
    }

    // ---- the session --------------------------------------------------------------------------------------

    private void switchTarget(String choice, Callable<MonitoringTarget> factory, String failurePrefix) {
        if (targetChooser.switchingProperty().get()) {
            status.set("Still connecting: wait for the current connection to finish.");
            return;
        }
        if (session != null && loadControl.runInProgress()) {
            targetChooser.refuse("Stop the run before switching the target.");
            return;
        }
        targetChooser.switching(true);
        if (session != null) {
            status.set("Connecting to " + choice + "…");
        }
        long generation = ++generations;
        executor.execute(
                () -> {
                    MonitoringTarget target = factory.call();
                    try {
                        RunSession s =
                                new RunSession(target, driver, recordingDir, new SessionListener(generation), clock);
                        s.startMonitoring(Duration.ofSeconds(1));
                        return s;
                    } catch (RuntimeException e) {
                        target.close();
                        throw e;
                    }
                },
                s -> {
                    targetChooser.switching(false);
                    if (closed) {
                        // The window closed while connecting: nobody will show this target.
                        executor.execute(() -> closeSession(s), done -> {}, e -> {});
                        return;
                    }
                    RunSession previous = session;
                    install(s, generation, choice);
                    if (previous != null) {
                        executor.execute(
                                () -> closeSession(previous),
                                closedSession -> {},
                                e -> status.set("Closing the previous target: " + message(e)));
                    }
                },
                e -> {
                    targetChooser.switching(false);
                    if (session == null) {
                        targetChooser.failedWithoutTarget();
                    }
                    targetChooser.refuse(failurePrefix
                            + message(e)
                            + (session == null
                                    ? ""
                                    : " — still on " + session.target().displayName()));
                    targetChooser.refreshRecentTargets();
                });
    }

    private void install(RunSession s, long generation, String choice) {
        activeGeneration = generation;
        session = s;
        loadControl.reset();
        reset(clock.instant(), true);
        session.poller().setLogFilter(runPanels.logFilterProperty().get());
        targetChooser.installed(s.target(), choice);
        status.set("Connected to " + s.target().displayName() + " — load goes to "
                + s.target().serviceEndpoint());
    }

    /** The one reset: a new timeline from {@code origin}, no checklist; a new target also clears its panels. */
    private void reset(Instant origin, boolean newTarget) {
        loadFinishedOnce = false;
        replayed = false;
        checklist.reset();
        runPanels.reset(origin, newTarget);
    }

    // ---- session events (background threads) -> UI thread ------------------------------------------------

    private final class SessionListener implements RunSession.Listener {
        private final long generation;

        SessionListener(long generation) {
            this.generation = generation;
        }

        private void onUi(Runnable action) {
            executor.runOnUi(() -> {
                if (generation == activeGeneration) {
                    action.run();
                }
            });
        }

        @Override
        public void onMonitor(MonitorUpdate update) {
            onUi(() -> applyMonitor(update));
        }

        @Override
        public void onLoad(LoadSnapshot snapshot) {
            onUi(() -> applyLoad(snapshot));
        }

        @Override
        public void onRunStarted(LoadPlan plan, Instant origin, Path recording) {
            onUi(() -> {
                reset(origin, false);
                runPanels.recording(recording.toString());
            });
        }

        @Override
        public void onLoadFinished(LoadTotals totals) {
            onUi(() -> runPanels.timelineProperty().get().setLoadTotals(totals));
        }
    }

    void applyMonitor(MonitorUpdate update) {
        targetChooser.applyMonitor(update);
        runPanels.applyMonitor(update);
        update.error().ifPresent(e -> status.set("Monitoring: " + e));
        if (loadFinishedOnce) {
            checklist.refresh();
        }
    }

    void applyLoad(LoadSnapshot s) {
        runPanels.applyLoad(s, loadControl.currentPlan());
        loadControl.applyLoad(s);
        if (s.state() == LoadState.FINISHED && !loadFinishedOnce) {
            loadFinishedOnce = true;
            status.set("Load finished; monitoring continues so scale-in shows. Checklist computed.");
            checklist.loadFinished();
        }
    }

    /** The target the timeline's run went to, for a report; empty while a recording is shown or before connecting. */
    public Optional<MonitoringTarget> liveTarget() {
        return replayed || session == null ? Optional.empty() : Optional.of(session.target());
    }

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        closed = true;
        activeGeneration = -1;
        if (session != null) {
            RunSession s = session;
            session = null;
            closeSession(s);
        }
    }

    private static RunSession closeSession(RunSession s) {
        try {
            s.close();
        } finally {
            s.target().close();
        }
        return s;
    }
}
