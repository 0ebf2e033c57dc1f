package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmSource;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetSource;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.LogSource;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricsSource;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.monitoring.TargetStatus;
import io.nutrisage.predictor.model.GradePredictor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default target: predictor replicas on loopback behind a round-robin front, an ECS-like scheduler, a
 * target-tracking autoscaler and CloudWatch-like alarms, all in this process. Samples every {@code sampleInterval}
 * (the chart resolution) and evaluates the autoscaler and alarms once per sandbox minute.
 *
 * <p>Thread-safety: one tick thread mutates the fleet, scaler and alarms; the monitoring sources read thread-safe
 * snapshots and may be called from any thread.
 */
public final class LocalSandbox implements MonitoringTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final SandboxSettings settings;
    private final InstantSource clock;
    private final RoundRobinFront front;
    private final SandboxFleet fleet;
    private final TargetTrackingScaler scaler;
    private final List<AlarmEvaluator> alarms = new ArrayList<>();
    private final MetricStore store = new MetricStore();
    private final SandboxJournal journal;
    private final ExecutorService launcher;
    private final ScheduledExecutorService ticker;
    private final Instant startedAt;
    private final Period period = new Period();
    private Instant lastSample;
    private Instant periodEnd;
    private volatile Instant lastTick;
    private volatile List<Alarm> alarmSnapshot = List.of();
    private volatile boolean closed;

    private LocalSandbox(SandboxSettings settings, ReplicaFactory replicas, InstantSource clock, boolean autoTick)
            throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
        this.journal = new SandboxJournal(clock);
        this.front = new RoundRobinFront();
        this.launcher = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("sandbox-launch-", 0).daemon().factory());
        var autoscaling = settings.autoscaling();
        this.fleet = new SandboxFleet(
                replicas,
                front,
                new SandboxFleet.Timing(
                        autoscaling.toSandboxTime(settings.awsTaskStartDelay()),
                        autoscaling.toSandboxTime(settings.awsDeregistrationDelay())),
                settings.serviceName(),
                startedAt,
                journal,
                launcher);
        this.scaler = new TargetTrackingScaler(autoscaling, settings.resourceId(), startedAt, journal::nextId);
        for (AlarmDefinition definition : settings.alarms()) {
            alarms.add(new AlarmEvaluator(definition, startedAt, journal::nextId));
        }
        refreshAlarmSnapshot();
        this.lastSample = startedAt;
        this.periodEnd = startedAt.plus(autoscaling.period());
        this.lastTick = startedAt;
        fleet.setDesired(settings.initialDesired());
        fleet.reconcile(startedAt);
        log(
                "sandbox",
                "Local sandbox started: front " + front.endpoint() + ", sandbox minute "
                        + autoscaling.period().toMillis() / 1000.0 + " s, capacity "
                        + autoscaling.capacity().min() + ".."
                        + autoscaling.capacity().max());
        if (autoTick) {
            ticker = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("sandbox-tick").daemon().factory());
            long intervalNanos = settings.sampleInterval().toNanos();
            ticker.scheduleAtFixedRate(this::safeTick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
        } else {
            ticker = null;
        }
    }

    /** Starts a sandbox that ticks by itself on the system clock. */
    public static LocalSandbox start(SandboxSettings settings, ReplicaFactory replicas) throws IOException {
        return new LocalSandbox(settings, replicas, InstantSource.system(), true);
    }

    /** Starts a sandbox that only moves when {@link #tick()} is called, reading time from {@code clock}. */
    static LocalSandbox manual(SandboxSettings settings, ReplicaFactory replicas, InstantSource clock)
            throws IOException {
        return new LocalSandbox(settings, replicas, clock, false);
    }

    /**
     * Replicas running predictor-service's embeddable server with {@code model} (shared: it is immutable), two model
     * threads each.
     */
    public static ReplicaFactory serviceReplicas(GradePredictor model) {
        return ServiceReplica.factory(model, 2);
    }

    public SandboxSettings settings() {
        return settings;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Sandbox tick failed; the next tick retries", e);
            log("sandbox", "ERROR sandbox tick failed: " + e);
        }
    }

    /** Samples the fleet once; at the end of a sandbox minute also evaluates the autoscaler and alarms. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        fleet.reconcile(now);
        sample(now);
        if (!now.isBefore(periodEnd)) {
            evaluatePeriod(now);
            periodEnd = periodEnd.plus(settings.autoscaling().period());
            if (periodEnd.isBefore(now)) {
                // The tick thread fell behind (e.g. a paused debugger): realign instead of evaluating a burst.
                periodEnd = now.plus(settings.autoscaling().period());
            }
        }
        lastTick = now;
    }

    /** Reads the serving replicas and the front, then stores the sample and adds it to the sandbox minute. */
    private void sample(Instant now) {
        double seconds = Math.max(1e-3, Duration.between(lastSample, now).toNanos() / 1e9);
        lastSample = now;
        List<SandboxSample.TaskReading> serving = new ArrayList<>();
        for (SandboxFleet.Task t : fleet.serving()) {
            Replica replica = t.replica();
            long cpu = replica.cpuTimeNanos();
            serving.add(new SandboxSample.TaskReading(cpu - t.lastCpuNanos, replica.takeInterval()));
            t.lastCpuNanos = cpu;
        }
        SandboxSample sample = SandboxSample.of(
                new SandboxSample.Readings(
                        now,
                        seconds,
                        serving,
                        front.takeInterval(),
                        front.registeredTargets(),
                        fleet.status(now),
                        MEMORY.getHeapMemoryUsage().getUsed()),
                settings.cpuUnitsPerTask(),
                settings.memoryMiBPerTask());
        sample.values().forEach((metric, value) -> store.append(metric, now, value));
        period.add(sample);
    }

    private void evaluatePeriod(Instant now) {
        Map<MetricId, Double> datapoints = new EnumMap<>(MetricId.class);
        period.cpu.average().ifPresent(v -> datapoints.put(MetricId.CPU_UTILIZATION, v));
        period.requestsPerTarget.sum().ifPresent(v -> datapoints.put(MetricId.REQUEST_COUNT_PER_TARGET, v));
        if (period.latency.getTotalCount() > 0) {
            datapoints.put(MetricId.MODEL_LATENCY_P90, period.latency.getValueAtPercentile(90) / 1000.0);
        }
        period.reset();

        int before = fleet.desired();
        var outcome = scaler.onPeriod(now, datapoints, before);
        outcome.transitions().forEach(journal::transition);
        for (AlarmEvaluator alarm : alarms) {
            Double v = datapoints.get(alarm.definition().metric());
            alarm.evaluate(now, v == null ? OptionalDouble.empty() : OptionalDouble.of(v))
                    .ifPresent(journal::transition);
        }
        refreshAlarmSnapshot();
        outcome.activity().ifPresent(activity -> {
            journal.activity(activity);
            fleet.setDesired(activity.toCapacity());
            fleet.reconcile(now);
        });
        log(
                "metrics",
                String.format(Locale.ROOT, "period datapoints %s, desired %d", format(datapoints), fleet.desired()));
    }

    private static String format(Map<MetricId, Double> datapoints) {
        StringBuilder s = new StringBuilder("{");
        datapoints.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "")
                .append(k.metricName())
                .append('=')
                .append(String.format(Locale.ROOT, "%.1f", v)));
        return s.append('}').toString();
    }

    private void refreshAlarmSnapshot() {
        List<Alarm> all = new ArrayList<>();
        alarms.forEach(a -> all.add(a.snapshot()));
        all.addAll(scaler.alarms());
        alarmSnapshot = List.copyOf(all);
    }

    private void log(String stream, String message) {
        journal.log(stream, message);
    }

    @Override
    public String displayName() {
        return "Local sandbox";
    }

    @Override
    public TargetStatus status() {
        if (closed) {
            return new TargetStatus(ConnectionState.DISCONNECTED, "sandbox stopped", Optional.of(lastTick));
        }
        return new TargetStatus(
                ConnectionState.CONNECTED,
                "in-process replicas on loopback, sandbox minute "
                        + settings.autoscaling().period().toMillis() / 1000.0 + " s",
                Optional.of(lastTick));
    }

    @Override
    public URI serviceEndpoint() {
        return front.endpoint();
    }

    @Override
    public List<Detail> details() {
        AutoscalingSettings autoscaling = settings.autoscaling();
        double minute = autoscaling.period().toMillis() / 1000.0;
        List<Detail> details = new ArrayList<>();
        details.add(new Detail(
                "Replicas",
                "predictor-service with its bundled model, in this process, behind a round-robin front at "
                        + front.endpoint()));
        details.add(new Detail("Cluster / service", settings.clusterName() + " / " + settings.serviceName()));
        details.add(new Detail(
                "Sandbox minute",
                number(minute) + " s of real time per CloudWatch minute (the AWS durations below run "
                        + number(60 / minute) + "× faster)"));
        details.add(new Detail(
                "Capacity",
                autoscaling.capacity().min() + " to " + autoscaling.capacity().max() + " tasks, "
                        + settings.initialDesired() + " at start"));
        details.add(new Detail(
                "Tasks",
                settings.cpuUnitsPerTask() + " CPU units, " + settings.memoryMiBPerTask() + " MiB; start-up "
                        + settings.awsTaskStartDelay().toSeconds() + " s, deregistration delay "
                        + settings.awsDeregistrationDelay().toSeconds() + " s"));
        details.add(new Detail(
                "Scaling policies",
                autoscaling.policies().stream()
                        .map(p -> p.name() + ": " + p.metric().metricName() + " at " + number(p.targetValue())
                                + " (cooldowns " + p.scaleOutCooldown().toSeconds() + " s out, "
                                + p.scaleInCooldown().toSeconds() + " s in)")
                        .collect(Collectors.joining("; "))));
        details.add(new Detail(
                "Alarms",
                settings.alarms().stream()
                        .map(a -> a.name() + ": " + a.metric().metricName() + " "
                                + a.comparison().wording() + " "
                                + number(a.threshold()) + " for " + a.datapointsToAlarm() + " of "
                                + a.evaluationPeriods() + " periods")
                        .collect(Collectors.joining("; "))));
        return List.copyOf(details);
    }

    /** {@code 0.5}, {@code 30}, {@code 120}: a setting as written, without trailing zeros. */
    private static String number(double value) {
        return BigDecimal.valueOf(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public MetricsSource metrics() {
        return store::read;
    }

    @Override
    public FleetSource fleet() {
        return new FleetSource() {
            @Override
            public FleetStatus status() {
                return fleet.status(clock.instant());
            }

            @Override
            public List<ServiceEvent> recentEvents() {
                return journal.events();
            }
        };
    }

    @Override
    public ScalingSource scaling() {
        return new ScalingSource() {
            @Override
            public List<ScalingActivity> recentActivities() {
                return journal.activities();
            }

            @Override
            public List<ScalingPolicy> policies() {
                return settings.autoscaling().policies();
            }

            @Override
            public CapacityRange capacityRange() {
                return settings.autoscaling().capacity();
            }
        };
    }

    @Override
    public AlarmSource alarms() {
        return new AlarmSource() {
            @Override
            public List<Alarm> alarms() {
                return alarmSnapshot;
            }

            @Override
            public List<AlarmTransition> recentTransitions() {
                return journal.transitions();
            }
        };
    }

    @Override
    public LogSource logs() {
        return (filter, limit) -> {
            String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
            List<LogLine> matching = journal.logsOldestFirst().stream()
                    .filter(l -> needle.isEmpty()
                            || (l.stream() + " " + l.message())
                                    .toLowerCase(Locale.ROOT)
                                    .contains(needle))
                    .toList();
            return matching.subList(Math.max(0, matching.size() - limit), matching.size());
        };
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        fleet.shutdown();
        front.close();
        launcher.shutdown();
        try {
            launcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accumulates the samples of the current sandbox minute. */
    private static final class Period {
        final Mean cpu = new Mean();
        final Mean requestsPerTarget = new Mean();
        final Histogram latency = ModelInterval.newHistogram();

        void add(SandboxSample sample) {
            sample.cpuPercent().ifPresent(cpu::add);
            // ALBRequestCountPerTarget is a Sum over the period: RequestCount / registered targets.
            sample.requestsPerTarget().ifPresent(requestsPerTarget::add);
            if (sample.latencyMicros().getTotalCount() > 0) {
                latency.add(sample.latencyMicros());
            }
        }

        void reset() {
            cpu.reset();
            requestsPerTarget.reset();
            latency.reset();
        }
    }

    private static final class Mean {
        double sum;
        int count;

        void add(double v) {
            sum += v;
            count++;
        }

        OptionalDouble average() {
            return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
        }

        OptionalDouble sum() {
            return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum);
        }

        void reset() {
            sum = 0;
            count = 0;
        }
    }
}
