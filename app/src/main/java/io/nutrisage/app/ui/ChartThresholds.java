package io.nutrisage.app.ui;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.session.Checklist;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The horizontal lines a run is judged by, each from where the value is defined and labelled with that source: the
 * checklist's p90 limit ({@link Checklist#P90_LIMIT_MS}), the target's scaling policies (their target values) and
 * its alarms on a charted series (their thresholds; not the alarms a target-tracking policy manages, whose high one
 * sits on the policy's target). A value the target has not reported is not drawn. Lines of one trace at one value
 * share a label. Pure: no JavaFX.
 */
final class ChartThresholds {
    private ChartThresholds() {}

    /** A dashed line at {@code value} (in the trace's unit, before any scaling of its chart) with its label. */
    record Threshold(Trace trace, double value, String label) {
        Threshold {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(label, "label");
        }
    }

    static List<Threshold> of(RunTimeline timeline) {
        Map<Trace, Map<Double, List<String>>> labels = new LinkedHashMap<>();
        add(
                labels,
                Trace.P90_SERVER,
                Checklist.P90_LIMIT_MS,
                "p90 limit " + quantity(Trace.P90_SERVER, Checklist.P90_LIMIT_MS) + " · checklist");
        for (ScalingPolicy policy : timeline.policies()) {
            RunTimeline.traceOf(policy.metric())
                    .ifPresent(trace -> add(
                            labels,
                            trace,
                            policy.targetValue(),
                            "target " + quantity(trace, policy.targetValue()) + " · " + policy.name()));
        }
        for (Alarm alarm : timeline.alarms()) {
            if (alarm.ofTargetTracking() || alarm.threshold().isEmpty()) {
                continue;
            }
            Alarm.Threshold threshold = alarm.threshold().get();
            RunTimeline.traceOf(threshold.metric())
                    .ifPresent(trace -> add(
                            labels,
                            trace,
                            threshold.value(),
                            "alarm " + quantity(trace, threshold.value()) + " · " + alarm.name()));
        }
        List<Threshold> out = new ArrayList<>();
        labels.forEach((trace, byValue) ->
                byValue.forEach((value, texts) -> out.add(new Threshold(trace, value, String.join("; ", texts)))));
        return List.copyOf(out);
    }

    private static void add(Map<Trace, Map<Double, List<String>>> labels, Trace trace, double value, String label) {
        List<String> texts = labels.computeIfAbsent(trace, t -> new LinkedHashMap<>())
                .computeIfAbsent(value, v -> new ArrayList<>());
        if (!texts.contains(label)) {
            texts.add(label);
        }
    }

    /** {@code value} with the unit of {@code trace}: "80 % CPU", "500 ms", "30 req/target/min". */
    static String quantity(Trace trace, double value) {
        String v = new BigDecimal(value)
                .round(MathContext.DECIMAL32)
                .stripTrailingZeros()
                .toPlainString();
        return switch (trace) {
            case CPU -> v + " % CPU";
            case MEMORY -> v + " % memory";
            case P90_SERVER, P90_CLIENT, P90_FRONT -> v + " ms";
            case REQUESTS_PER_TARGET -> v + " req/target/min";
            case TARGET_5XX, CLIENT_ERRORS -> v + " errors/s";
            case RUNNING_TASKS, DESIRED_TASKS -> v + " tasks";
            case TARGET_RATE, ACHIEVED_RATE, SERVED_RATE -> v + " req/s";
            case CONFIDENCE -> v;
            case INPUT_SUGARS, INPUT_SODIUM -> v + " g/100 g";
        };
    }
}
