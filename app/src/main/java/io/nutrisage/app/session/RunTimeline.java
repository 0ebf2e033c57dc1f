package io.nutrisage.app.session;

import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ServiceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run showed, on one time axis (seconds since the run's origin): bounded traces (2 h at 1 s), markers for
 * phase boundaries and scaling activities, the bounded lists behind the side panels, and the target's current alarms
 * and scaling policies (what the charts draw the thresholds from). Feeds the charts, the
 * post-run checklist and the export alike. A metric point that arrives late lands in time order in its trace, and a
 * revised value replaces the one shown (see {@link RingSeries}). Not thread-safe: confined to one thread (the FX thread
 * in the console).
 */
public final class RunTimeline {
    /** Two hours at one point per second. */
    public static final int CAPACITY = 7_200;

    private static final int LIST_CAPACITY = 1_000;

    public enum MarkerKind {
        PHASE,
        SCALE_OUT,
        SCALE_IN
    }

    public record Marker(double seconds, MarkerKind kind, String label) {}

    private final Instant origin;
    private final Map<Trace, RingSeries> traces = new EnumMap<>(Trace.class);
    private final List<Marker> markers = new ArrayList<>();
    private final List<ScalingActivity> activities = new ArrayList<>();
    private final List<AlarmTransition> transitions = new ArrayList<>();
    private final List<ServiceEvent> events = new ArrayList<>();
    private final List<LoadSnapshot> loadSnapshots = new ArrayList<>();
    private Optional<FleetStatus> lastFleet = Optional.empty();
    private Optional<LoadTotals> loadTotals = Optional.empty();
    private Optional<String> incomplete = Optional.empty();
    private List<Alarm> alarms = List.of();
    private List<ScalingPolicy> policies = List.of();
    private long sent;
    private long completed;
    private long clientErrors;
    private long lateOrDropped;
    private int lastPhase = -1;

    public RunTimeline(Instant origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
        for (Trace t : Trace.values()) {
            traces.put(t, new RingSeries(CAPACITY));
        }
    }

    public Instant origin() {
        return origin;
    }

    public double secondsOf(Instant time) {
        return Duration.between(origin, time).toMillis() / 1000.0;
    }

    public void addLoad(LoadSnapshot s) {
        double x = secondsOf(s.time());
        add(Trace.TARGET_RATE, x, s.targetRate());
        add(Trace.ACHIEVED_RATE, x, s.achievedRate());
        add(Trace.CLIENT_ERRORS, x, s.errors());
        add(Trace.P90_CLIENT, x, s.p90CorrectedMs());
        sent += s.sent();
        completed += s.completed();
        clientErrors += s.errors();
        lateOrDropped += s.lateOrDropped();
        if (loadSnapshots.size() < CAPACITY) {
            loadSnapshots.add(s);
        }
    }

    /** Marks the start of phase {@code index} at {@code time} (once per phase index change). */
    public boolean addPhaseStart(int index, Instant time, String description) {
        if (index == lastPhase) {
            return false;
        }
        lastPhase = index;
        markers.add(new Marker(secondsOf(time), MarkerKind.PHASE, "P" + (index + 1) + " " + description));
        return true;
    }

    public void addMetric(MetricId id, Datapoint d) {
        traceOf(id).ifPresent(trace -> add(trace, secondsOf(d.time()), d.value()));
    }

    /** The trace a monitored series is drawn as, if it is charted. */
    public static Optional<Trace> traceOf(MetricId id) {
        return Optional.ofNullable(
                switch (id) {
                    case CPU_UTILIZATION -> Trace.CPU;
                    case MEMORY_UTILIZATION -> Trace.MEMORY;
                    case RUNNING_TASKS -> Trace.RUNNING_TASKS;
                    case DESIRED_TASKS -> Trace.DESIRED_TASKS;
                    case MODEL_LATENCY_P90 -> Trace.P90_SERVER;
                    case CONFIDENCE_AVG -> Trace.CONFIDENCE;
                    case INPUT_SUGARS_MEAN -> Trace.INPUT_SUGARS;
                    case INPUT_SODIUM_MEAN -> Trace.INPUT_SODIUM;
                    case TARGET_5XX -> Trace.TARGET_5XX;
                    case REQUEST_COUNT_PER_TARGET -> Trace.REQUESTS_PER_TARGET;
                    case REQUEST_RATE -> Trace.SERVED_RATE;
                    case TARGET_RESPONSE_TIME_P90 -> Trace.P90_FRONT;
                    default -> null;
                });
    }

    public void addActivity(ScalingActivity a) {
        bounded(activities, a);
        markers.add(new Marker(
                secondsOf(a.startTime()),
                a.isScaleOut() ? MarkerKind.SCALE_OUT : MarkerKind.SCALE_IN,
                a.fromCapacity() + "→" + a.toCapacity()));
    }

    public void addTransition(AlarmTransition t) {
        bounded(transitions, t);
    }

    public void addEvent(ServiceEvent e) {
        bounded(events, e);
    }

    public void setFleet(FleetStatus fleet) {
        lastFleet = Optional.of(fleet);
    }

    /** The load generator's totals, once the run's load has finished. */
    public void setLoadTotals(LoadTotals totals) {
        loadTotals = Optional.of(Objects.requireNonNull(totals, "totals"));
    }

    /**
     * Marks a timeline read back from a recording that ended early (see {@code RunRecording#endedEarly}): {@code why}
     * says where it ends and what is missing.
     */
    public void markIncomplete(String why) {
        incomplete = Optional.of(Objects.requireNonNull(why, "why"));
    }

    private static <T> void bounded(List<T> list, T item) {
        list.add(item);
        if (list.size() > LIST_CAPACITY) {
            list.removeFirst();
        }
    }

    private void add(Trace trace, double x, double y) {
        if (Double.isFinite(y)) {
            traces.get(trace).add(x, y);
        }
    }

    public RingSeries trace(Trace trace) {
        return traces.get(trace);
    }

    public List<Marker> markers() {
        return Collections.unmodifiableList(markers);
    }

    public List<ScalingActivity> activities() {
        return Collections.unmodifiableList(activities);
    }

    public List<AlarmTransition> transitions() {
        return Collections.unmodifiableList(transitions);
    }

    public List<ServiceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public Optional<FleetStatus> lastFleet() {
        return lastFleet;
    }

    /** Totals of the whole load run (percentiles over every request); empty until the load has finished. */
    public Optional<LoadTotals> loadTotals() {
        return loadTotals;
    }

    /** Why the recording this timeline was read from is incomplete; empty for a live run or a complete recording. */
    public Optional<String> incomplete() {
        return incomplete;
    }

    /** The target's alarms as last reported (empty before the first successful poll, and in a replayed run). */
    public List<Alarm> alarms() {
        return alarms;
    }

    /** The target's scaling policies as last reported (empty before the first poll that had them). */
    public List<ScalingPolicy> policies() {
        return policies;
    }

    public long sent() {
        return sent;
    }

    public long completed() {
        return completed;
    }

    public long clientErrors() {
        return clientErrors;
    }

    public long lateOrDropped() {
        return lateOrDropped;
    }

    /**
     * Applies a monitoring update: datapoints, activities, transitions, events and the fleet; the alarms and policies
     * of a successful poll (a failed one keeps what the last one said).
     */
    public void apply(MonitorUpdate update) {
        update.points().forEach((id, points) -> points.forEach(p -> addMetric(id, p)));
        update.newActivities().forEach(this::addActivity);
        update.newTransitions().forEach(this::addTransition);
        update.newEvents().forEach(this::addEvent);
        update.fleet().ifPresent(this::setFleet);
        if (update.error().isEmpty()) {
            alarms = update.alarms();
            policies = update.policies();
        }
    }
}
