package io.nutrisage.app.monitoring;

import java.time.Duration;
import java.util.Objects;

/** A target-tracking scaling policy as DescribeScalingPolicies shows it; cooldowns in AWS time. */
public record ScalingPolicy(
        String name, MetricId metric, double targetValue, Duration scaleOutCooldown, Duration scaleInCooldown) {
    public ScalingPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metric, "metric");
        if (!(targetValue > 0)) {
            throw new IllegalArgumentException("policy " + name + ": target value must be > 0, got " + targetValue);
        }
        if (scaleOutCooldown.isNegative() || scaleInCooldown.isNegative()) {
            throw new IllegalArgumentException("policy " + name + ": cooldowns must not be negative");
        }
    }
}
