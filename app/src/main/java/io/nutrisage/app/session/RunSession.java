package io.nutrisage.app.session;

import io.nutrisage.app.load.LoadControl;
import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.recording.RunEntry;
import io.nutrisage.app.recording.RunRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties one target, the load driver and the run recording together: polls the target on a background thread, starts
 * runs, records every load snapshot and monitoring item while a run is open, and hands everything to a listener. Free
 * of JavaFX: the console and the headless scenario command both drive it.
 *
 * <p>Listener calls come from the poller thread and the load generator's reporter thread; they must not block.
 */
public final class RunSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Receives what the session sees. Called on background threads; implementations hand off and return. */
    public interface Listener {
        void onMonitor(MonitorUpdate update);

        void onLoad(LoadSnapshot snapshot);

        /** A run started: {@code origin} is the zero of its time axis. */
        default void onRunStarted(LoadPlan plan, Instant origin, Path recording) {}

        /** The current run's load finished (after its last snapshot) with these totals. */
        default void onLoadFinished(LoadTotals totals) {}
    }

    private final MonitoringTarget target;
    private final LoadDriver driver;
    private final Path recordingDir;
    private final Listener listener;
    private final InstantSource clock;
    private final MonitorPoller poller;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("monitor-poller").daemon().factory());
    private volatile RunRecorder recorder;
    private volatile LoadControl control;
    private volatile int lastPhase = -1;
    /** Counts runs started, so totals of a run replaced by a newer one go nowhere. */
    private volatile long runs;

    public RunSession(
            MonitoringTarget target, LoadDriver driver, Path recordingDir, Listener listener, InstantSource clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.recordingDir = Objects.requireNonNull(recordingDir, "recordingDir");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.poller = new MonitorPoller(target, clock);
    }

    public MonitoringTarget target() {
        return target;
    }

    public MonitorPoller poller() {
        return poller;
    }

    /** Polls the target every {@code interval} from now on. */
    public void startMonitoring(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        try {
            MonitorUpdate update = poller.poll();
            record(update);
            listener.onMonitor(update);
        } catch (RuntimeException e) {
            LOG.warn("Monitoring poll failed; retrying at the next interval", e);
        }
    }

    private void record(MonitorUpdate update) {
        RunRecorder r = recorder;
        if (r == null) {
            return;
        }
        update.points()
                .forEach((id, points) ->
                        points.forEach(p -> r.record(new RunEntry.MetricSample(p.time(), id, p.value()))));
        update.newActivities().forEach(a -> r.record(new RunEntry.Activity(a.startTime(), a)));
        update.newTransitions().forEach(t -> r.record(new RunEntry.Transition(t.time(), t)));
        update.newEvents().forEach(e -> r.record(new RunEntry.Event(e.time(), e)));
    }

    /**
     * Starts {@code plan} against the target, ending any previous run, and opens a new recording in the recording
     * directory.
     */
    public synchronized LoadControl startRun(LoadPlan plan) throws LoadDriver.LoadException {
        endRun("new run started");
        Instant origin = clock.instant();
        Path file = recordingDir.resolve("run-" + FILE_TIME.format(origin) + ".jsonl");
        try {
            recorder = RunRecorder.append(file);
        } catch (IOException e) {
            throw new LoadDriver.LoadException("cannot create the run recording " + file + ": " + e.getMessage(), e);
        }
        recorder.record(new RunEntry.RunStarted(origin, target.displayName(), plan));
        lastPhase = -1;
        long run = ++runs;
        RunRecorder runRecorder = recorder;
        listener.onRunStarted(plan, origin, file);
        control = driver.start(plan, target.serviceEndpoint(), new LoadDriver.Listener() {
            @Override
            public void onSnapshot(LoadSnapshot snapshot) {
                onLoad(plan, snapshot);
            }

            @Override
            public void onFinish(LoadTotals totals) {
                onLoadFinished(run, runRecorder, totals);
            }
        });
        return control;
    }

    private void onLoadFinished(long run, RunRecorder runRecorder, LoadTotals totals) {
        try {
            // A no-op when the run's recording was closed first (the session closed, or a new run started).
            runRecorder.record(new RunEntry.LoadFinished(clock.instant(), totals));
        } catch (UncheckedIOException e) {
            LOG.warn("Cannot append to the run recording", e);
        }
        if (run == runs) {
            listener.onLoadFinished(totals);
        }
    }

    private void onLoad(LoadPlan plan, LoadSnapshot snapshot) {
        RunRecorder r = recorder;
        if (r != null) {
            if (snapshot.phase() != lastPhase && snapshot.state() != LoadState.FINISHED) {
                lastPhase = snapshot.phase();
                r.record(new RunEntry.PhaseStarted(
                        snapshot.time(),
                        snapshot.phase(),
                        plan.phases().get(snapshot.phase()).describe()));
            }
            try {
                r.record(new RunEntry.LoadSample(snapshot.time(), snapshot));
            } catch (UncheckedIOException e) {
                LOG.warn("Cannot append to the run recording", e);
            }
        }
        listener.onLoad(snapshot);
    }

    public Optional<LoadControl> control() {
        return Optional.ofNullable(control);
    }

    public Optional<Path> recording() {
        RunRecorder r = recorder;
        return r == null ? Optional.empty() : Optional.of(r.file());
    }

    /** Stops the load (if running) and closes the recording with a final entry. */
    public synchronized void endRun(String reason) {
        LoadControl c = control;
        if (c != null && c.state() != LoadState.FINISHED) {
            c.stop();
        }
        RunRecorder r = recorder;
        if (r != null) {
            r.record(new RunEntry.RunEnded(clock.instant(), reason));
            try {
                r.close();
            } catch (IOException e) {
                LOG.warn("Cannot close the run recording {}", r.file(), e);
            }
        }
    }

    @Override
    public void close() {
        endRun("session closed");
        scheduler.shutdownNow();
    }
}
