package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource.CapacityRange;
import io.nutrisage.infra.InfraDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The scalable target and its target-tracking policies, plus the sandbox "minute": how long one CloudWatch period
 * lasts in real time. Cooldowns stay in AWS time and are compressed by the same factor.
 */
public record AutoscalingSettings(CapacityRange capacity, List<ScalingPolicy> policies, Duration period) {
    /** One CloudWatch period in AWS time. */
    public static final Duration AWS_PERIOD = Duration.ofMinutes(1);

    /** High alarm: this many consecutive datapoints above the target. */
    public static final int HIGH_ALARM_DATAPOINTS = 3;

    /** Low alarm: this many consecutive datapoints below {@link #LOW_ALARM_FACTOR} x target. */
    public static final int LOW_ALARM_DATAPOINTS = 15;

    public static final double LOW_ALARM_FACTOR = 0.9;

    public AutoscalingSettings {
        Objects.requireNonNull(capacity, "capacity");
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("at least one scaling policy is needed");
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
    }

    /**
     * The stack's defaults ({@link InfraDefaults}, which infra-templates keeps equal to autoscaling.yaml: min 1, max 5,
     * ALBRequestCountPerTarget 30 requests per target per period, CPU 40 %, scale-out cooldown 60 s, scale-in cooldown
     * 300 s, policies named after the default environment) with a sandbox minute of {@code period}.
     */
    public static AutoscalingSettings defaults(Duration period) {
        InfraDefaults infra = InfraDefaults.load();
        InfraDefaults.Autoscaling a = infra.autoscaling();
        Duration out = Duration.ofSeconds(a.scaleOutCooldownSeconds());
        Duration in = Duration.ofSeconds(a.scaleInCooldownSeconds());
        return new AutoscalingSettings(
                new CapacityRange(a.minCapacity(), a.maxCapacity()),
                List.of(
                        new ScalingPolicy(
                                infra.names().requestsPerTargetPolicy(),
                                MetricId.REQUEST_COUNT_PER_TARGET,
                                a.albRequestCountPerTargetTarget(),
                                out,
                                in),
                        new ScalingPolicy(
                                infra.names().cpuPolicy(),
                                MetricId.CPU_UTILIZATION,
                                a.cpuUtilizationTargetPercent(),
                                out,
                                in)),
                period);
    }

    /** Converts a duration in AWS time into sandbox (real) time. */
    public Duration toSandboxTime(Duration awsTime) {
        return Duration.ofNanos(Math.round(awsTime.toNanos() * (period.toNanos() / (double) AWS_PERIOD.toNanos())));
    }

    public AutoscalingSettings withPeriod(Duration newPeriod) {
        return new AutoscalingSettings(capacity, policies, newPeriod);
    }
}
