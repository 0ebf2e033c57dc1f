package io.nutrisage.app.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The service's task counts and deployments as of {@code asOf}, like ECS DescribeServices. */
public record FleetStatus(Instant asOf, int running, int desired, int pending, List<Deployment> deployments) {
    public FleetStatus {
        Objects.requireNonNull(asOf, "asOf");
        if (running < 0 || desired < 0 || pending < 0) {
            throw new IllegalArgumentException("task counts must not be negative");
        }
        deployments = List.copyOf(deployments);
    }

    /**
     * A deployment of the service, like an ECS deployment entry: {@code status} is PRIMARY (the newest) or ACTIVE (an
     * older one still running tasks), {@code rolloutState} IN_PROGRESS, COMPLETED or FAILED with ECS's reason
     * ({@code ECS deployment ecs-svc/… completed.}); both are empty when the backend does not report them.
     */
    public record Deployment(
            String id,
            String status,
            String taskDefinition,
            String rolloutState,
            String rolloutStateReason,
            int desired,
            int running,
            int pending,
            Instant createdAt,
            Instant updatedAt) {
        public Deployment {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(taskDefinition, "taskDefinition");
            Objects.requireNonNull(rolloutState, "rolloutState");
            Objects.requireNonNull(rolloutStateReason, "rolloutStateReason");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }
}
