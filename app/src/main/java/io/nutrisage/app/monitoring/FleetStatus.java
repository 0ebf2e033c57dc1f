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

    /** A deployment of the service, like an ECS deployment entry. */
    public record Deployment(
            String id, String status, String taskDefinition, int desired, int running, int pending, Instant createdAt) {
        public Deployment {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(taskDefinition, "taskDefinition");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
