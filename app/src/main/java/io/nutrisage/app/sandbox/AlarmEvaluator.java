package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Evaluates one alarm datapoint by datapoint, with CloudWatch's state reasons. Missing datapoints are skipped (the
 * templates' {@code TreatMissingData: missing}). Pure and single-threaded: the sandbox's tick thread owns it.
 */
final class AlarmEvaluator {
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AlarmDefinition definition;
    private final Supplier<String> ids;
    private final Deque<Datapoint> window = new ArrayDeque<>();
    private AlarmState state = AlarmState.INSUFFICIENT_DATA;
    private String reason = "Unchecked: Initial alarm creation";
    private Instant updated;

    AlarmEvaluator(AlarmDefinition definition, Instant createdAt, Supplier<String> ids) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.updated = Objects.requireNonNull(createdAt, "createdAt");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** Adds the datapoint of the period ending at {@code time}; returns the transition it caused, if any. */
    Optional<AlarmTransition> evaluate(Instant time, OptionalDouble value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        window.addLast(new Datapoint(time, value.getAsDouble()));
        while (window.size() > definition.evaluationPeriods()) {
            window.removeFirst();
        }
        List<Datapoint> breaching = window.stream()
                .filter(d -> definition.comparison().breaches(d.value(), definition.threshold()))
                .toList();
        AlarmState next = breaching.size() >= definition.datapointsToAlarm() ? AlarmState.ALARM : AlarmState.OK;
        if (next == state) {
            return Optional.empty();
        }
        AlarmState previous = state;
        state = next;
        updated = time;
        reason = next == AlarmState.ALARM
                ? reason(breaching, "were", "was")
                : reason(List.of(window.getLast()), "were not", "was not");
        return Optional.of(new AlarmTransition(ids.get(), definition.name(), time, previous, next, reason));
    }

    private String reason(List<Datapoint> points, String plural, String singular) {
        String listed = points.stream()
                .map(d -> format(d.value()) + " (" + REASON_TIME.format(d.time()) + ")")
                .collect(Collectors.joining(", ", "[", "]"));
        return "Threshold Crossed: " + points.size() + (points.size() == 1 ? " datapoint " : " datapoints ") + listed
                + " " + (points.size() == 1 ? singular : plural) + " "
                + definition.comparison().wording()
                + " the threshold (" + format(definition.threshold()) + ").";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format("%.1f", v) : String.format("%.4g", v);
    }

    AlarmState state() {
        return state;
    }

    AlarmDefinition definition() {
        return definition;
    }

    Alarm snapshot() {
        return new Alarm(
                definition.name(),
                definition.description(),
                state,
                reason,
                updated,
                Optional.of(new Alarm.Threshold(definition.metric(), definition.threshold())));
    }
}
