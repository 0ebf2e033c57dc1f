package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An alarm's current state, like DescribeAlarms, and the threshold it compares one of the console's series with, when
 * it watches one ({@code threshold} is empty for an alarm on a series the console does not read, or on metric math).
 */
public record Alarm(
        String name,
        String description,
        AlarmState state,
        String stateReason,
        Instant stateUpdated,
        Optional<Threshold> threshold) {
    /** How Application Auto Scaling names the alarms it creates and manages for a target-tracking policy. */
    public static final String TARGET_TRACKING_PREFIX = "TargetTracking-";

    public Alarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateReason, "stateReason");
        Objects.requireNonNull(stateUpdated, "stateUpdated");
        Objects.requireNonNull(threshold, "threshold");
    }

    /**
     * Whether a target-tracking policy created this alarm (its threshold follows the policy's target value, and the
     * policy, not the alarm, is what the stack defines).
     */
    public boolean ofTargetTracking() {
        return name.startsWith(TARGET_TRACKING_PREFIX);
    }

    /** The value an alarm compares {@code metric} with, in the console's unit of that series ({@link MetricId#unit}). */
    public record Threshold(MetricId metric, double value) {
        public Threshold {
            Objects.requireNonNull(metric, "metric");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("threshold of " + metric + " must be finite, got " + value);
            }
        }
    }
}
