package io.nutrisage.app.ui;

import io.nutrisage.app.aws.ApiCallMeter;
import io.nutrisage.app.aws.AwsMonitoringTarget;
import io.nutrisage.app.aws.AwsRunValidation;
import io.nutrisage.app.load.LoadControl;
import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.load.LoadPhase;
import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.load.ProfileFiles;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.recording.RunEntry;
import io.nutrisage.app.recording.RunRecording;
import io.nutrisage.app.session.Checklist;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.RunSession;
import io.nutrisage.app.session.RunTimeline;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
 * The console's state and commands, free of controls: read-only properties and observable lists for the view, plain
 * methods for its handlers. Talks to the target only through {@link RunSession} and the monitoring ports; every
 * blocking call goes through the {@link TaskExecutor}. All properties change on the UI thread.
 */
public final class ConsoleViewModel implements AutoCloseable {
    public static final String DEMO_PROFILE = "nutrisage-demo";
    public static final String SANDBOX_CHOICE = "Local sandbox";
    public static final String AWS_CHOICE = "AWS stack…";
    private static final int LIST_LIMIT = 500;

    private final Callable<MonitoringTarget> targetFactory;
    private final AwsConnector awsConnector;
    private final Map<String, AwsConnectRequest> recentByLabel = new ConcurrentHashMap<>();
    private final ObservableList<String> targetChoices = FXCollections.observableArrayList(SANDBOX_CHOICE, AWS_CHOICE);
    private final ReadOnlyStringWrapper activeChoice = new ReadOnlyStringWrapper(this, "activeChoice", SANDBOX_CHOICE);
    private final ReadOnlyStringWrapper awsIdentity = new ReadOnlyStringWrapper(this, "awsIdentity", "");
    private final ReadOnlyStringWrapper apiCost = new ReadOnlyStringWrapper(this, "apiCost", "");
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(this, "switching");
    private final ReadOnlyLongWrapper choiceRevision = new ReadOnlyLongWrapper(this, "choiceRevision");
    private final LoadDriver driver;
    private final Path recordingDir;
    private final TaskExecutor executor;
    private final InstantSource clock;
    private final Map<String, List<LoadPhase>> profiles = new ConcurrentHashMap<>();

    private final ReadOnlyStringWrapper targetName = new ReadOnlyStringWrapper(this, "targetName", "Local sandbox");
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper connectionDetail = new ReadOnlyStringWrapper(this, "connectionDetail", "");
    private final ReadOnlyStringWrapper freshness = new ReadOnlyStringWrapper(this, "freshness", "no data yet");
    private final ObservableList<String> profileNames = FXCollections.observableArrayList(DEMO_PROFILE);
    private final StringProperty selectedProfile = new SimpleStringProperty(this, "selectedProfile", DEMO_PROFILE);
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
    private final ReadOnlyObjectWrapper<RunTimeline> timeline = new ReadOnlyObjectWrapper<>(this, "timeline");
    private final ReadOnlyLongWrapper timelineVersion = new ReadOnlyLongWrapper(this, "timelineVersion");
    private final ObservableList<ScalingActivity> activities = FXCollections.observableArrayList();
    private final ObservableList<AlarmTransition> transitions = FXCollections.observableArrayList();
    private final ObservableList<Alarm> alarms = FXCollections.observableArrayList();
    private final ObservableList<ServiceEvent> events = FXCollections.observableArrayList();
    private final ObservableList<FleetStatus.Deployment> deployments = FXCollections.observableArrayList();
    private final ObservableList<LogLine> logs = FXCollections.observableArrayList();
    private final StringProperty logFilter = new SimpleStringProperty(this, "logFilter", "");
    private final ObservableList<Checklist.Check> checklist = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper checklistPassed = new ReadOnlyBooleanWrapper(this, "checklistPassed");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper recordingPath = new ReadOnlyStringWrapper(this, "recordingPath", "");
    private final ReadOnlyLongWrapper runningTasks = new ReadOnlyLongWrapper(this, "runningTasks");
    private final ReadOnlyLongWrapper desiredTasks = new ReadOnlyLongWrapper(this, "desiredTasks");

    private RunSession session;
    private LoadControl control;
    private LoadPlan currentPlan;
    private Instant lastDataTime;
    private boolean loadFinishedOnce;
    /** AWS targets: the seed's checks from AWS's own records for the last run (see {@link #validateOnAws}). */
    private List<Checklist.Check> awsChecks = List.of();
    /** When the live run's load finished (null: no live run to validate on AWS, e.g. a replayed recording). */
    private Instant runEnd;

    private Instant awsChecksStarted;
    private boolean awsChecksRunning;
    /** The timeline shown was read from a recording, not recorded from the session's target. */
    private boolean replayed;
    /** Which session may update the view: updates of a session being replaced or closed are dropped. */
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
        this.targetFactory = Objects.requireNonNull(targetFactory, "targetFactory");
        this.awsConnector = Objects.requireNonNull(awsConnector, "awsConnector");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.recordingDir = Objects.requireNonNull(recordingDir, "recordingDir");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        profiles.put(DEMO_PROFILE, LoadPlan.nutrisageDemoPhases());
        selectProfile(DEMO_PROFILE);
        timeline.set(new RunTimeline(clock.instant()));
        selectedProfile.addListener((obs, old, name) -> {
            if (name != null) {
                selectProfile(name);
            }
        });
        logFilter.addListener((obs, old, filter) -> {
            if (session != null) {
                session.poller().setLogFilter(filter);
            }
        });
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /** Connects to the local sandbox in the background and starts monitoring it every second. */
    public void connect() {
        connection.set(ConnectionState.CONNECTING);
        status.set("Starting " + SANDBOX_CHOICE + "…");
        switchTarget(SANDBOX_CHOICE, targetFactory, "Cannot start the target: ");
        refreshRecentTargets();
    }

    /**
     * Switches to a choice of {@link #targetChoices()}: the sandbox or a recent AWS target. {@link #AWS_CHOICE} is
     * the view's business (it asks for a {@link AwsConnectRequest}, then calls {@link #connectAws}).
     */
    public void chooseTarget(String choice) {
        if (choice == null || AWS_CHOICE.equals(choice) || (choice.equals(activeChoice.get()) && session != null)) {
            return;
        }
        AwsConnectRequest recent = recentByLabel.get(choice);
        if (recent != null) {
            connectAws(recent);
        } else if (SANDBOX_CHOICE.equals(choice)) {
            switchTarget(SANDBOX_CHOICE, targetFactory, "Cannot start the target: ");
        }
    }

    /**
     * Connects to an AWS stack in the background. On success the console switches to it (closing the previous
     * target); on failure it says why (with the fix) and stays on the previous target.
     */
    public void connectAws(AwsConnectRequest request) {
        if (request.target() instanceof AwsConnectRequest.Stack stack
                && stack.name().isEmpty()) {
            status.set("Cannot connect: enter the stack or environment name (e.g. nutrisage)");
            choiceRevision.set(choiceRevision.get() + 1);
            return;
        }
        switchTarget(
                request.label(), () -> awsConnector.connect(request), "Cannot connect to " + request.label() + ": ");
    }

    private void switchTarget(String choice, Callable<MonitoringTarget> factory, String failurePrefix) {
        if (switching.get()) {
            status.set("Still connecting: wait for the current connection to finish.");
            return;
        }
        LoadState load = loadState.get();
        if (session != null && (load == LoadState.RUNNING || load == LoadState.PAUSED || load == LoadState.HOLDING)) {
            status.set("Stop the run before switching the target.");
            choiceRevision.set(choiceRevision.get() + 1);
            return;
        }
        switching.set(true);
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
                    switching.set(false);
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
                                closed -> {},
                                e -> status.set("Closing the previous target: " + message(e)));
                    }
                    refreshRecentTargets();
                },
                e -> {
                    switching.set(false);
                    if (session == null) {
                        connection.set(ConnectionState.DISCONNECTED);
                    }
                    status.set(failurePrefix
                            + message(e)
                            + (session == null
                                    ? ""
                                    : " — still on " + session.target().displayName()));
                    // Tells the view to show the target still in use again.
                    choiceRevision.set(choiceRevision.get() + 1);
                    refreshRecentTargets();
                });
    }

    private void install(RunSession s, long generation, String choice) {
        activeGeneration = generation;
        session = s;
        control = null;
        currentPlan = null;
        lastDataTime = null;
        loadFinishedOnce = false;
        resetAwsChecks();
        replayed = false;
        loadState.set(LoadState.READY);
        timeline.set(new RunTimeline(clock.instant()));
        activities.clear();
        transitions.clear();
        alarms.clear();
        events.clear();
        deployments.clear();
        logs.clear();
        checklist.clear();
        freshness.set("no data yet");
        session.poller().setLogFilter(logFilter.get());
        targetName.set(s.target().displayName());
        awsIdentity.set(identityText(s.target()));
        apiCost.set(costText(s.target()));
        activeChoice.set(choice);
        status.set("Connected to " + s.target().displayName() + " — load goes to "
                + s.target().serviceEndpoint());
        timelineVersion.set(timelineVersion.get() + 1);
    }

    private void refreshRecentTargets() {
        executor.execute(awsConnector::recent, this::showRecentTargets, e -> {});
    }

    private void showRecentTargets(List<AwsConnectRequest> recent) {
        recentByLabel.clear();
        List<String> choices = new ArrayList<>(List.of(SANDBOX_CHOICE, AWS_CHOICE));
        for (AwsConnectRequest r : recent) {
            if (recentByLabel.putIfAbsent(r.label(), r) == null) {
                choices.add(r.label());
            }
        }
        if (!choices.contains(activeChoice.get())) {
            choices.add(activeChoice.get());
        }
        if (!choices.equals(targetChoices)) {
            targetChoices.setAll(choices);
        }
    }

    static String identityText(MonitoringTarget target) {
        if (!(target instanceof AwsMonitoringTarget aws)) {
            return "";
        }
        String region = aws.displayName().replaceFirst("^.*\\((.*)\\)$", "$1");
        return aws.identity()
                .map(i -> "account " + i.account() + " · " + i.arn() + " · " + region)
                .orElse(region);
    }

    static String costText(MonitoringTarget target) {
        if (!(target instanceof AwsMonitoringTarget aws)) {
            return "";
        }
        ApiCallMeter.Usage usage = aws.usage();
        return String.format(
                Locale.ROOT,
                "API cost ≈ $%.4f/h planned · %d calls, %d metrics so far ($%.4f)",
                aws.plannedCostUsdPerHour(),
                usage.calls(),
                usage.metricsRequested(),
                usage.costUsd());
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
            status.set("Cannot start: " + e.getMessage());
            return;
        }
        if (session == null) {
            status.set("Not connected yet: wait for the target to come up.");
            return;
        }
        RunSession s = session;
        executor.execute(
                () -> s.startRun(plan),
                c -> {
                    control = c;
                    currentPlan = plan;
                    loadState.set(LoadState.RUNNING);
                    status.set("Running " + plan.profileName() + " at time scale " + plan.timeScale() + " ("
                            + formatDuration(plan.scaledTotal()) + ")");
                },
                e -> status.set("Cannot start the run: " + message(e)));
    }

    public void pauseOrResume() {
        if (control == null) {
            return;
        }
        if (control.state() == LoadState.PAUSED || control.state() == LoadState.HOLDING) {
            control.resume();
            status.set("Resumed");
        } else {
            control.pause();
            status.set("Paused");
        }
        loadState.set(control.state());
    }

    public void stop() {
        if (control != null) {
            control.stop();
            loadState.set(control.state());
            status.set("Stopped; monitoring continues");
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
            status.set(String.format(Locale.ROOT, "Holding %.0f requests/s until Resume", rateOverride.get()));
        } catch (IllegalArgumentException e) {
            status.set("Rate override rejected: " + e.getMessage());
        }
    }

    public void applyInFlightCap() {
        if (control != null) {
            try {
                control.setInFlightCap(inFlightCap.get());
            } catch (IllegalArgumentException e) {
                status.set("In-flight cap rejected: " + e.getMessage());
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
                    status.set("Loaded profile " + profile.name() + " from " + file);
                },
                // The message names the file and line already.
                e -> status.set("Cannot load the profile: " + message(e)));
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
        Instant origin = recording.entries().isEmpty()
                ? clock.instant()
                : recording.entries().getFirst().time();
        RunTimeline t = new RunTimeline(origin);
        activities.clear();
        transitions.clear();
        events.clear();
        for (RunEntry entry : recording.entries()) {
            switch (entry) {
                case RunEntry.RunStarted started -> {
                    currentPlan = started.plan();
                    targetName.set(started.target() + " (recording)");
                }
                case RunEntry.PhaseStarted p -> t.addPhaseStart(p.index(), p.time(), p.description());
                case RunEntry.LoadSample l -> t.addLoad(l.snapshot());
                case RunEntry.MetricSample m ->
                    t.addMetric(m.metric(), new io.nutrisage.app.monitoring.Datapoint(m.time(), m.value()));
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
                case RunEntry.RunEnded ended -> status.set("Recording ended: " + ended.reason());
            }
        }
        recording.endedEarly().ifPresent(t::markIncomplete);
        replayed = true;
        recordingPath.set(recording.file().toString());
        timeline.set(t);
        resetAwsChecks();
        refreshChecklist();
        timelineVersion.set(timelineVersion.get() + 1);
    }

    /** Shows a message in the status bar (e.g. from the exporter). */
    public void reportStatus(String message) {
        status.set(message);
    }

    public void refreshChecklist() {
        showChecklist();
        validateOnAws();
    }

    private void showChecklist() {
        List<Checklist.Check> checks = new ArrayList<>(Checklist.evaluate(timeline.get()));
        checks.addAll(awsChecks);
        checklist.setAll(checks);
        checklistPassed.set(checks.stream().allMatch(Checklist.Check::passed));
    }

    /** How often the AWS checks are read again after a run, and for how long: until CloudWatch's late minutes are in. */
    static final Duration AWS_CHECK_INTERVAL = Duration.ofMinutes(1);

    static final Duration AWS_CHECK_SETTLING = Duration.ofMinutes(6);

    /**
     * On an AWS target, adds the seed's checks from AWS's own records ({@link AwsRunValidation}: ECS, scaling
     * history, ALB and log error rates, CloudWatch p90) after the timeline's. They are read in the background, once a
     * minute at most, until CloudWatch has had the trailing minutes to settle after the end of the load.
     */
    private void validateOnAws() {
        if (runEnd == null
                || awsChecksRunning
                || session == null
                || !(session.target() instanceof AwsMonitoringTarget aws)) {
            return;
        }
        Instant now = clock.instant();
        if (awsChecksStarted != null
                && (now.isBefore(awsChecksStarted.plus(AWS_CHECK_INTERVAL))
                        || !awsChecksStarted.isBefore(runEnd.plus(AWS_CHECK_SETTLING)))) {
            // Read within the last minute, or read once CloudWatch had settled: nothing more to learn.
            return;
        }
        awsChecksRunning = true;
        awsChecksStarted = now;
        RunTimeline run = timeline.get();
        Instant from = run.origin();
        Instant to = runEnd;
        executor.execute(
                () -> AwsRunValidation.evaluate(aws, from, to),
                checks -> {
                    awsChecksRunning = false;
                    if (timeline.get() == run && session != null && session.target() == aws) {
                        awsChecks = checks;
                        showChecklist();
                    }
                },
                e -> {
                    awsChecksRunning = false;
                    status.set("AWS checks: " + message(e));
                });
    }

    private void resetAwsChecks() {
        awsChecks = List.of();
        runEnd = null;
        awsChecksStarted = null;
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
                timeline.set(new RunTimeline(origin));
                activities.clear();
                transitions.clear();
                events.clear();
                checklist.clear();
                loadFinishedOnce = false;
                replayed = false;
                resetAwsChecks();
                recordingPath.set(recording.toString());
                timelineVersion.set(timelineVersion.get() + 1);
            });
        }

        @Override
        public void onLoadFinished(LoadTotals totals) {
            onUi(() -> timeline.get().setLoadTotals(totals));
        }
    }

    void applyMonitor(MonitorUpdate update) {
        RunTimeline t = timeline.get();
        t.apply(update);
        connection.set(update.status().state());
        connectionDetail.set(update.status().detail());
        update.newActivities().forEach(a -> bounded(activities, a));
        update.newTransitions().forEach(a -> bounded(transitions, a));
        update.newEvents().forEach(a -> bounded(events, a));
        replaceIfChanged(alarms, update.alarms());
        replaceIfChanged(logs, update.logTail());
        update.fleet().ifPresent(f -> {
            runningTasks.set(f.running());
            desiredTasks.set(f.desired());
            replaceIfChanged(deployments, f.deployments());
        });
        Optional<Instant> newest =
                update.freshness().values().stream().flatMap(Optional::stream).max(Instant::compareTo);
        newest.ifPresent(n -> lastDataTime = n);
        freshness.set(
                lastDataTime == null
                        ? "no data yet"
                        : String.format(
                                Locale.ROOT,
                                "data %.1f s old",
                                Math.max(
                                        0,
                                        Duration.between(lastDataTime, update.polledAt())
                                                        .toMillis()
                                                / 1000.0)));
        update.error().ifPresent(e -> status.set("Monitoring: " + e));
        if (session != null) {
            apiCost.set(costText(session.target()));
        }
        if (loadFinishedOnce) {
            refreshChecklist();
        }
        timelineVersion.set(timelineVersion.get() + 1);
    }

    void applyLoad(LoadSnapshot s) {
        RunTimeline t = timeline.get();
        LoadPlan plan = currentPlan;
        if (plan != null && s.state() != LoadState.FINISHED) {
            t.addPhaseStart(s.phase(), s.time(), plan.phases().get(s.phase()).describe());
        }
        t.addLoad(s);
        loadState.set(s.state());
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
        if (s.state() == LoadState.FINISHED && !loadFinishedOnce) {
            loadFinishedOnce = true;
            runEnd = clock.instant();
            status.set("Load finished; monitoring continues so scale-in shows. Checklist computed.");
            refreshChecklist();
        }
        timelineVersion.set(timelineVersion.get() + 1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void selectProfile(String name) {
        List<LoadPhase> list = profiles.get(name);
        if (list != null) {
            phases.setAll(list.stream().map(PhaseRow::of).toList());
        }
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

    static String formatDuration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String message(Throwable e) {
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

    // ---- properties ------------------------------------------------------------------------------------------

    public ReadOnlyStringProperty targetNameProperty() {
        return targetName.getReadOnlyProperty();
    }

    /** Sandbox, "AWS stack…" and the recent AWS targets. */
    public ObservableList<String> targetChoices() {
        return FXCollections.unmodifiableObservableList(targetChoices);
    }

    /** The choice in use. */
    public ReadOnlyStringProperty activeChoiceProperty() {
        return activeChoice.getReadOnlyProperty();
    }

    /** Changes after a failed or refused switch, so the chooser can show the choice still in use again. */
    public ReadOnlyLongProperty choiceRevisionProperty() {
        return choiceRevision.getReadOnlyProperty();
    }

    /** Account, caller ARN and region of an AWS target; empty for the sandbox. */
    public ReadOnlyStringProperty awsIdentityProperty() {
        return awsIdentity.getReadOnlyProperty();
    }

    /** The AWS API cost estimate (planned per hour, calls so far); empty for the sandbox. */
    public ReadOnlyStringProperty apiCostProperty() {
        return apiCost.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty switchingProperty() {
        return switching.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionDetailProperty() {
        return connectionDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty freshnessProperty() {
        return freshness.getReadOnlyProperty();
    }

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

    public ReadOnlyObjectProperty<RunTimeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty timelineVersionProperty() {
        return timelineVersion.getReadOnlyProperty();
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

    public ObservableList<LogLine> logs() {
        return FXCollections.unmodifiableObservableList(logs);
    }

    public StringProperty logFilterProperty() {
        return logFilter;
    }

    public ObservableList<Checklist.Check> checklist() {
        return FXCollections.unmodifiableObservableList(checklist);
    }

    public ReadOnlyBooleanProperty checklistPassedProperty() {
        return checklistPassed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
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

    public Optional<LoadPlan> currentPlan() {
        return Optional.ofNullable(currentPlan);
    }

    /** The target the timeline's run went to, for a report; empty while a recording is shown or before connecting. */
    public Optional<MonitoringTarget> liveTarget() {
        return replayed || session == null ? Optional.empty() : Optional.of(session.target());
    }
}
