package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.monitoring.FleetSource;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.ServiceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/** Task counts, deployments and events of the ECS service (DescribeServices), refreshed every few seconds. */
final class AwsFleet implements FleetSource {
    /** Before the first answer: no tasks known, as of the epoch. */
    static final FleetStatus UNKNOWN = new FleetStatus(Instant.EPOCH, 0, 0, 0, List.of());

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final Clock clock;
    private final Refresher refresher;
    private volatile FleetStatus status = UNKNOWN;
    private volatile List<ServiceEvent> events = List.of();

    AwsFleet(AwsConnection connection, AwsTargetSpec spec, AwsPolling polling, Clock clock, FeedHealth health) {
        this.connection = connection;
        this.spec = spec;
        this.clock = clock;
        this.refresher = new Refresher(
                "ECS DescribeServices",
                polling.fleetInterval(),
                clock,
                health,
                connection.settings().profileLabel());
    }

    @Override
    public FleetStatus status() {
        refresher.refresh(this::fetch);
        return status;
    }

    @Override
    public List<ServiceEvent> recentEvents() {
        refresher.refresh(this::fetch);
        return events;
    }

    void close() {
        refresher.close();
    }

    private void fetch() {
        DescribeServicesResponse response = connection.call(
                "ECS DescribeServices", () -> connection.ecs().describeServices(r -> r.cluster(spec.clusterName())
                        .services(spec.serviceName())));
        Service service = response.services().stream()
                .filter(s -> spec.serviceName().equals(s.serviceName())
                        || Objects.equals(s.serviceArn(), spec.serviceName()))
                .findFirst()
                .orElseThrow(() -> new AwsAccessException(
                        new AwsProblem(
                                Kind.NOT_FOUND,
                                "ECS service " + spec.serviceName() + " not found in cluster " + spec.clusterName()
                                        + response.failures().stream()
                                                .map(f -> " (" + f.reason() + ")")
                                                .findFirst()
                                                .orElse("")),
                        null));
        List<FleetStatus.Deployment> deployments = service.deployments().stream()
                .map(d -> new FleetStatus.Deployment(
                        d.id(),
                        d.status(),
                        d.taskDefinition(),
                        d.rolloutStateAsString() == null ? "" : d.rolloutStateAsString(),
                        d.rolloutStateReason() == null ? "" : d.rolloutStateReason(),
                        count(d.desiredCount()),
                        count(d.runningCount()),
                        count(d.pendingCount()),
                        d.createdAt() == null ? Instant.EPOCH : d.createdAt(),
                        d.updatedAt() == null ? Instant.EPOCH : d.updatedAt()))
                .toList();
        status = new FleetStatus(
                clock.instant(),
                count(service.runningCount()),
                count(service.desiredCount()),
                count(service.pendingCount()),
                deployments);
        events = service.events().stream()
                .filter(e -> e.createdAt() != null && e.message() != null)
                .map(e -> new ServiceEvent(
                        e.id() == null ? e.createdAt().toString() : e.id(), e.createdAt(), e.message()))
                .sorted(Comparator.comparing(ServiceEvent::time).reversed())
                .toList();
    }

    private static int count(Integer value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
