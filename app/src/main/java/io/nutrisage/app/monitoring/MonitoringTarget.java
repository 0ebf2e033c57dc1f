package io.nutrisage.app.monitoring;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One monitored deployment of the service: the local sandbox or an AWS stack. The console's views and view-models
 * see a target only through this interface and the sources it returns.
 */
public interface MonitoringTarget extends AutoCloseable {
    /** E.g. {@code Local sandbox} or {@code AWS nutrisage-prod (eu-west-1)}. */
    String displayName();

    TargetStatus status();

    /** The URL load is sent to (the ALB, or the sandbox's round-robin front). */
    URI serviceEndpoint();

    MetricsSource metrics();

    FleetSource fleet();

    ScalingSource scaling();

    AlarmSource alarms();

    LogSource logs();

    /** The cloud account behind the target; empty for the local sandbox. */
    default Optional<CloudAccount> cloudAccount() {
        return Optional.empty();
    }

    /** What a run report says about this target: its names and settings, in display order. None by default. */
    default List<Detail> details() {
        return List.of();
    }

    /** One labelled fact about a target, e.g. {@code Region: eu-west-1}. */
    record Detail(String label, String value) {
        public Detail {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Releases the target's resources (the sandbox stops its replicas); idempotent. */
    @Override
    void close();
}
