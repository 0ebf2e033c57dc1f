package io.nutrisage.loadgen;

import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.schedule.CatchUp;
import io.nutrisage.loadgen.schedule.FireTimeSequence;
import io.nutrisage.loadgen.schedule.Phase;
import io.nutrisage.loadgen.schedule.ProfileClock;
import io.nutrisage.loadgen.schedule.RateProfile;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load run and its live controls. Create with {@link LoadGenerator#create(RunDefinition)}, then {@link #start()}.
 *
 * <h2>Threads</h2>
 *
 * <ul>
 *   <li>{@code loadgen-scheduler-N} (one platform thread) owns the schedule: it waits for each planned start, takes a
 *       record and hands the request to OkHttp. Control calls only queue a command for it and wake it up, so every
 *       control method is thread-safe, returns at once and takes effect within a few milliseconds, in call order.
 *   <li>{@code loadgen-reporter-N} (one thread) builds a {@link Snapshot} every second and calls the listeners.
 *   <li>{@code loadgen-http-*} (OkHttp dispatcher threads) record latencies and outcomes as responses arrive.
 *   <li>{@code loadgen-records} reads records ahead into a bounded queue.
 * </ul>
 *
 * All threads are daemons. Memory is constant over any run length: interval histograms are recycled
 * (HdrHistogram {@code Recorder}) and nothing is kept per request or per second.
 *
 * <h2>Profile clock</h2>
 *
 * Pauses and holds freeze the profile ({@link ProfileClock}): after {@link #resume()} it goes on where it stopped, so
 * every phase still gets its full duration. {@link #skipPhase()} jumps to the start of the next phase (or ends the run
 * in the last).
 *
 * <h2>Catch-up</h2>
 *
 * Once a start goes out more than {@code lateAfter} behind plan (the target stalled and held every in-flight slot),
 * the overdue starts are sent at {@link RunDefinition#catchUpFactor()} times the target rate until the next start is
 * on schedule again ({@link CatchUp}, wrk2's pacing), not all at once onto a target that is just recovering. Their
 * latency still counts from the planned time. Any control command ends a catch-up.
 */
public final class LoadRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRun.class);
    private static final AtomicInteger RUN_NUMBERS = new AtomicInteger();
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long DAYS_3650_NANOS = Duration.ofDays(3650).toNanos();

    private sealed interface Command {}

    private record Pause() implements Command {}

    private record Resume() implements Command {}

    private record Hold(double rate) implements Command {}

    private record Skip() implements Command {}

    private record Stop() implements Command {}

    /** What the scheduler does; the profile clock runs only while following. */
    private sealed interface Mode {
        RunState state();
    }

    private static final Mode FOLLOWING = new Following();
    private static final Mode PAUSED = new Paused();

    private record Following() implements Mode {
        @Override
        public RunState state() {
            return RunState.RUNNING;
        }
    }

    private record Paused() implements Mode {
        @Override
        public RunState state() {
            return RunState.PAUSED;
        }
    }

    /** Sending {@code rate} starts/s; its planned starts count from {@code sinceWallNs}, when the hold began. */
    private record Holding(double rate, long sinceWallNs, PlannedStarts starts) implements Mode {
        @Override
        public RunState state() {
            return RunState.HOLDING;
        }
    }

    /** A plan and its next start, which stays next until it is sent or dropped. Scheduler thread only. */
    private static final class PlannedStarts {
        private final FireTimeSequence plan;
        private long next;

        PlannedStarts(FireTimeSequence plan) {
            this.plan = plan;
            this.next = plan.nextFireTimeNs();
        }

        /** Nanoseconds from the plan's origin, or {@link FireTimeSequence#END}. */
        long next() {
            return next;
        }

        void advance() {
            next = plan.nextFireTimeNs();
        }
    }

    private final RunDefinition definition;
    private final int number = RUN_NUMBERS.incrementAndGet();
    private final Stats stats = new Stats();
    private final List<SnapshotListener> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RunState> state = new AtomicReference<>(RunState.READY);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int cap;
    private volatile RunSummary summary;
    private volatile Thread scheduler;
    private HttpSender sender;
    private RecordFeed feed;
    private ScheduledExecutorService reporter;
    private ScheduledFuture<?> ticks;

    // Published by the scheduler for the reporter.
    private volatile long profileNowNs;
    private volatile double targetRate;

    // Confined to the reporter thread.
    private final Report report = new Report();

    LoadRun(RunDefinition definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.cap = definition.inFlightCap();
    }

    public RunDefinition definition() {
        return definition;
    }

    public RunState state() {
        return state.get();
    }

    /** Current cap on requests in flight. */
    public int inFlightCap() {
        return cap;
    }

    /** Adds a listener; see {@link SnapshotListener} for the calling thread. Add before {@link #start()} to miss nothing. */
    public void addListener(SnapshotListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SnapshotListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts sending on the schedule.
     *
     * @throws IllegalStateException if the run was already started
     */
    public void start() {
        if (!state.compareAndSet(RunState.READY, RunState.RUNNING)) {
            throw new IllegalStateException("run already started (state " + state.get() + ")");
        }
        sender = new HttpSender(definition, stats);
        feed = new RecordFeed(definition.records(), definition.loop(), stats);
        feed.start();
        report.open();
        reporter = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().daemon().name("loadgen-reporter-" + number).unstarted(r));
        ticks = reporter.scheduleAtFixedRate(() -> report.tick(false), 1, 1, TimeUnit.SECONDS);
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name("loadgen-scheduler-" + number)
                .priority(Thread.MAX_PRIORITY)
                .unstarted(this::schedule);
        scheduler = thread;
        thread.start();
    }

    /** Stops sending until {@link #resume()}; the profile clock stops too. */
    public void pause() {
        command(new Pause());
    }

    /** Ends a pause or a hold: the profile goes on where it was frozen. */
    public void resume() {
        command(new Resume());
    }

    /** Sends at {@code requestsPerSecond} from now on, until {@link #resume()}; the profile clock is frozen meanwhile. */
    public void holdRate(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, was " + requestsPerSecond);
        }
        command(new Hold(requestsPerSecond));
    }

    /** Jumps to the start of the next phase; in the last phase, ends the run as completed. */
    public void skipPhase() {
        command(new Skip());
    }

    /** Ends the run: no new starts; waits up to the drain timeout for requests in flight, then writes the outputs. */
    public void stop() {
        if (state.compareAndSet(RunState.READY, RunState.RUNNING)) {
            commands.add(new Stop()); // never started: end at once, with empty outputs
            startQuietly();
            return;
        }
        command(new Stop());
    }

    private void startQuietly() {
        state.set(RunState.READY);
        start();
    }

    /** Changes the cap on requests in flight; takes effect for the next start. */
    public void setInFlightCap(int newCap) {
        this.cap = RunDefinition.checkCap(newCap);
        HttpSender s = sender;
        if (s != null) {
            s.setCap(newCap);
        }
    }

    /** Waits for the run to finish; empty if it has not within {@code timeout}. */
    public Optional<RunSummary> awaitCompletion(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(summary) : Optional.empty();
    }

    /** Waits for the run to finish. */
    public RunSummary awaitCompletion() throws InterruptedException {
        finished.await();
        return summary;
    }

    /** The summary once {@link RunState#FINISHED}. */
    public Optional<RunSummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** Stops the run (if running) and waits until its outputs are written. */
    @Override
    public void close() throws InterruptedException {
        if (state.get() != RunState.FINISHED) {
            stop();
            awaitCompletion();
        }
    }

    private void command(Command command) {
        RunState current = state.get();
        if (current == RunState.READY) {
            throw new IllegalStateException("run not started");
        }
        commands.add(command);
        Thread thread = scheduler;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    // ---- scheduler thread ----

    private void schedule() {
        EndReason reason;
        try {
            reason = sendOnSchedule();
        } catch (RuntimeException e) {
            LOG.error("Load run {} failed: {}", number, e.toString(), e);
            report.failure = "internal error: " + e;
            reason = EndReason.FAILED;
        }
        finish(reason);
    }

    private EndReason sendOnSchedule() {
        RateProfile profile = definition.profile();
        long profileEnd = profile.duration().toNanos();
        long seed = definition.seed();
        long lateAfter = definition.lateAfter().toNanos();
        long maxLateness = definition.maxLateness().toNanos();
        CatchUp catchUp = new CatchUp(definition.catchUpFactor(), lateAfter);
        PlannedStarts profileStarts = new PlannedStarts(profile.fireTimes(definition.arrivals(), seed));
        ProfileClock clock = ProfileClock.startedAt(System.nanoTime());
        Mode mode = FOLLOWING;
        int holds = 0;
        long sentTotal = 0;
        LoadRecord pending = null;

        while (true) {
            long now = System.nanoTime();
            Command command;
            while ((command = commands.poll()) != null) {
                catchUp.reset(); // every command starts a new plan or freezes this one
                switch (command) {
                    case Stop stop -> {
                        return EndReason.STOPPED;
                    }
                    case Pause pause -> {
                        clock = clock.freeze(now);
                        mode = PAUSED;
                    }
                    case Resume resume -> {
                        clock = clock.thaw(now);
                        mode = FOLLOWING;
                    }
                    case Hold hold -> {
                        clock = clock.freeze(now);
                        // A seed per hold: two holds at one rate do not replay the same Poisson starts.
                        FireTimeSequence plan = holdPlan(hold.rate(), seed + (++holds));
                        mode = new Holding(hold.rate(), now, new PlannedStarts(plan));
                    }
                    case Skip skip -> {
                        int next = profile.phaseAt(clock.at(now)) + 1;
                        if (next >= profile.phases().size()) {
                            profileNowNs = profileEnd;
                            return EndReason.PROFILE_COMPLETED;
                        }
                        clock = clock.jump(now, profile.phaseStartNs(next));
                        profileStarts = new PlannedStarts(profile.fireTimes(definition.arrivals(), seed, next));
                    }
                }
            }
            long profileNow = clock.at(now);
            profileNowNs = Math.min(profileNow, profileEnd);
            double rateNow =
                    switch (mode) {
                        case Following following -> profile.rateAt(profileNow);
                        case Paused paused -> 0;
                        case Holding holding -> holding.rate();
                    };
            targetRate = rateNow;
            state.set(mode.state());
            PlannedStarts starts;
            long due;
            switch (mode) {
                case Paused paused -> {
                    LockSupport.parkNanos(MAX_PARK_NANOS);
                    continue;
                }
                case Holding holding -> {
                    starts = holding.starts();
                    due = holding.sinceWallNs() + starts.next();
                }
                case Following following -> {
                    starts = profileStarts;
                    if (starts.next() == FireTimeSequence.END) {
                        if (profileNow >= profileEnd) {
                            return EndReason.PROFILE_COMPLETED;
                        }
                        LockSupport.parkNanos(Math.min(profileEnd - profileNow, MAX_PARK_NANOS));
                        continue;
                    }
                    due = clock.wallAt(starts.next());
                }
            }
            // Behind plan, overdue starts are paced at the catch-up factor times the higher of the rate now and the
            // rate of the overdue start: after a step down (350/s to 5/s) the backlog still goes out at a multiple of
            // 350/s, and a ramp towards 0 cannot strand it. Pacing delays a start but never drops it: only the cap
            // does.
            double paceRate = 0;
            if (due <= now && (catchUp.catchingUp() || now - due > lateAfter)) {
                paceRate = mode instanceof Holding ? rateNow : Math.max(rateNow, profile.rateAt(starts.next()));
            }
            long sendAt = catchUp.sendAt(due, now, paceRate);
            if (sendAt > now) {
                LockSupport.parkNanos(Math.min(sendAt - now, MAX_PARK_NANOS));
                continue;
            }
            if (stats.inFlight.get() >= cap) {
                if (now - due > maxLateness) {
                    stats.planned.increment();
                    stats.dropped.increment();
                } else {
                    stats.slotWaiter = Thread.currentThread();
                    if (stats.inFlight.get() >= cap) {
                        LockSupport.parkNanos(Math.min(maxLateness - (now - due) + 1, MAX_PARK_NANOS));
                    }
                    stats.slotWaiter = null;
                    continue;
                }
            } else {
                if (pending == null) {
                    pending = feed.poll();
                }
                if (pending == null) {
                    if (feed.exhausted()) {
                        if (sentTotal == 0 && feed.failure() != null) {
                            report.failure = feed.failure();
                            return EndReason.FAILED;
                        }
                        return EndReason.RECORDS_EXHAUSTED;
                    }
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                stats.planned.increment();
                stats.inFlight.incrementAndGet();
                stats.sent.increment();
                if (now - due > lateAfter) {
                    stats.late.increment();
                }
                sender.send(pending, due, now);
                catchUp.sent(due, now, paceRate);
                pending = null;
                sentTotal++;
            }
            starts.advance();
        }
    }

    private FireTimeSequence holdPlan(double rate, long seed) {
        return RateProfile.of("hold", Phase.hold(Duration.ofNanos(DAYS_3650_NANOS), rate))
                .fireTimes(definition.arrivals(), seed);
    }

    private void finish(EndReason reason) {
        state.set(RunState.STOPPING);
        targetRate = 0;
        long deadline = System.nanoTime() + definition.drainTimeout().toNanos();
        while (stats.inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (stats.inFlight.get() > 0) {
            LOG.warn("Cancelling {} requests still in flight after the drain timeout", stats.inFlight.get());
            sender.cancelAll();
            long cancelDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (stats.inFlight.get() > 0 && System.nanoTime() < cancelDeadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        feed.close();
        ticks.cancel(false);
        try {
            reporter.submit(() -> report.finish(reason)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error(
                    "Load run {}: writing the final outputs failed: {}",
                    number,
                    e.getCause().toString(),
                    e.getCause());
        } finally {
            definition.responseSink().ifPresent(sink -> sink.close());
            sender.shutdown();
            reporter.shutdown();
            state.set(RunState.FINISHED);
            finished.countDown();
        }
    }

    // ---- reporter thread ----

    /** Interval and total accounting; only the reporter thread touches it (after {@link #open()}). */
    private final class Report {
        private final Instant start = Instant.now();
        private Instant startedAt;
        private long startNanos;
        private long lastTick;
        private long second;
        private Histogram correctedInterval;
        private Histogram rawInterval;
        private final Histogram correctedTotal = new Histogram(Stats.HIGHEST_MICROS, 3);
        private final Histogram rawTotal = new Histogram(Stats.HIGHEST_MICROS, 3);
        private IntervalCounts total = IntervalCounts.NONE;
        private HistogramLogWriter histogramLog;
        private PrintStream histogramLogStream;
        volatile String failure;

        void open() {
            startedAt = Instant.now();
            startNanos = System.nanoTime();
            lastTick = startNanos;
            definition.histogramLog().ifPresent(path -> {
                try {
                    histogramLogStream = new PrintStream(path.toFile(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new LoadgenException("cannot write the histogram log " + path + ": " + e.getMessage(), e);
                }
                histogramLog = new HistogramLogWriter(histogramLogStream);
                histogramLog.outputComment(
                        "NutriSage loadgen: latency in microseconds, tags corrected (from the planned "
                                + "start) and raw (from the actual send); max column in milliseconds");
                histogramLog.setBaseTime(startedAt.toEpochMilli());
                histogramLog.outputStartTime(startedAt.toEpochMilli());
                histogramLog.outputBaseTime(startedAt.toEpochMilli());
                histogramLog.outputLegend();
            });
        }

        void tick(boolean last) {
            try {
                long now = System.nanoTime();
                double interval = (now - lastTick) / 1e9;
                if (last && interval < 0.001 && second > 0) {
                    return; // the previous tick already covered everything
                }
                long intervalStartMs = TimeUnit.NANOSECONDS.toMillis(lastTick - startNanos);
                lastTick = now;
                correctedInterval = stats.corrected.getIntervalHistogram(correctedInterval);
                rawInterval = stats.raw.getIntervalHistogram(rawInterval);
                correctedTotal.add(correctedInterval);
                rawTotal.add(rawInterval);
                if (histogramLog != null) {
                    long endMs = TimeUnit.NANOSECONDS.toMillis(now - startNanos);
                    writeInterval(correctedInterval, "corrected", intervalStartMs, endMs);
                    writeInterval(rawInterval, "raw", intervalStartMs, endMs);
                }
                IntervalCounts counts = stats.countsThenReset();
                total = total.plus(counts);
                RateProfile profile = definition.profile();
                long profileNow = profileNowNs;
                int phase =
                        Math.min(profile.phaseAt(profileNow), profile.phases().size() - 1);
                Snapshot snapshot = Snapshot.of(
                        ++second,
                        Instant.now(),
                        interval,
                        state.get(),
                        phase,
                        Duration.ofNanos(profileNow),
                        Duration.ofNanos(Math.max(0, profile.duration().toNanos() - profileNow)),
                        targetRate,
                        counts,
                        stats.inFlight.get(),
                        cap,
                        LatencySummary.ofMicros(correctedInterval),
                        LatencySummary.ofMicros(rawInterval));
                for (SnapshotListener listener : listeners) {
                    try {
                        listener.onSnapshot(snapshot);
                    } catch (RuntimeException e) {
                        LOG.warn("Snapshot listener {} failed: {}", listener, e.toString(), e);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Load run {}: snapshot failed: {}", number, e.toString(), e);
            }
        }

        private void writeInterval(Histogram h, String tag, long startMs, long endMs) {
            h.setTag(tag);
            h.setStartTimeStamp(startedAt.toEpochMilli() + startMs);
            h.setEndTimeStamp(startedAt.toEpochMilli() + endMs);
            histogramLog.outputIntervalHistogram(startMs / 1000.0, endMs / 1000.0, h, 1000.0);
        }

        void finish(EndReason reason) {
            tick(true);
            if (histogramLogStream != null) {
                histogramLogStream.flush();
                histogramLogStream.close();
            }
            Instant end = Instant.now();
            long sinkDropped =
                    definition.responseSink().map(sink -> sink.dropped()).orElse(0L);
            RunSummary result = RunSummary.of(
                    definition.url().toString(),
                    definition.profile().name(),
                    startedAt,
                    end,
                    reason,
                    second,
                    total,
                    LatencySummary.ofMicros(correctedTotal),
                    LatencySummary.ofMicros(rawTotal),
                    feed.skipExamples(),
                    sinkDropped,
                    reason == EndReason.FAILED ? failure : null);
            summary = result;
            for (SnapshotListener listener : listeners) {
                try {
                    listener.onFinish(result);
                } catch (RuntimeException e) {
                    LOG.warn("Listener {} failed on finish: {}", listener, e.toString(), e);
                }
            }
        }
    }
}
