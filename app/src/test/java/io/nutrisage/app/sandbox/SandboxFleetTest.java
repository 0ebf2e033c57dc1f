package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.ServiceEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SandboxFleetTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");

    private final SandboxJournal journal =
            new SandboxJournal(() -> T0, () -> "t" + SandboxFleetTest.this.ids.incrementAndGet());
    /** How many of the journal's events the test has looked at already ({@link #forgetEvents}). */
    private int eventsForgotten;

    private final Map<String, URI> registered = new LinkedHashMap<>();
    private final List<FakeReplica> started = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private final TargetRegistry registry = new TargetRegistry() {
        @Override
        public void register(String taskId, URI endpoint) {
            registered.put(taskId, endpoint);
        }

        @Override
        public void deregister(String taskId) {
            registered.remove(taskId);
        }
    };

    private SandboxFleet fleet() {
        return new SandboxFleet(
                taskId -> {
                    var r = new FakeReplica(started.size());
                    started.add(r);
                    return r;
                },
                registry,
                new SandboxFleet.Timing(Duration.ofSeconds(6), Duration.ofSeconds(3)),
                "nutrisage",
                T0,
                journal,
                Runnable::run);
    }

    /** The fleet's service events since the last {@link #forgetEvents}, oldest first. */
    private List<ServiceEvent> events() {
        List<ServiceEvent> all = new ArrayList<>(journal.events());
        java.util.Collections.reverse(all);
        return all.subList(eventsForgotten, all.size());
    }

    private void forgetEvents() {
        eventsForgotten += events().size();
    }

    @Test
    void newTasksArePendingUntilTheStartDelayThenRunningAndRegistered() {
        var fleet = fleet();
        fleet.setDesired(2);
        fleet.reconcile(T0);
        assertThat(fleet.status(T0)).satisfies(s -> {
            assertThat(s.pending()).isEqualTo(2);
            assertThat(s.running()).isZero();
        });
        assertThat(events())
                .extracting(ServiceEvent::message)
                .allMatch(m -> m.matches("\\(service nutrisage\\) has started 1 tasks: \\(task t\\d+\\)\\."));

        fleet.reconcile(T0.plusSeconds(5));
        assertThat(registered).isEmpty();
        fleet.reconcile(T0.plusSeconds(6));
        assertThat(fleet.status(T0.plusSeconds(6)).running()).isEqualTo(2);
        assertThat(registered).hasSize(2);
        assertThat(events().getLast().message()).isEqualTo("(service nutrisage) has reached a steady state.");
    }

    @Test
    void theOneDeploymentIsPrimaryInProgressUntilTheFirstSteadyStateAndTracksCountsAndUpdates() {
        var fleet = fleet();
        fleet.setDesired(2);
        fleet.reconcile(T0.plusSeconds(1));
        assertThat(fleet.status(T0.plusSeconds(1)).deployments())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.id()).isEqualTo("ecs-svc/sandbox");
                    assertThat(d.status()).isEqualTo("PRIMARY");
                    assertThat(d.taskDefinition()).isEqualTo("nutrisage:1");
                    assertThat(d.rolloutState()).isEqualTo("IN_PROGRESS");
                    assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment ecs-svc/sandbox in progress.");
                    assertThat(List.of(d.desired(), d.running(), d.pending())).containsExactly(2, 0, 2);
                    assertThat(d.createdAt()).isEqualTo(T0);
                    assertThat(d.updatedAt()).isEqualTo(T0.plusSeconds(1));
                });

        fleet.reconcile(T0.plusSeconds(7));
        fleet.reconcile(T0.plusSeconds(9)); // nothing changes
        assertThat(fleet.status(T0.plusSeconds(9)).deployments())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.rolloutState()).isEqualTo("COMPLETED");
                    assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment ecs-svc/sandbox completed.");
                    assertThat(List.of(d.desired(), d.running(), d.pending())).containsExactly(2, 2, 0);
                    assertThat(d.updatedAt()).isEqualTo(T0.plusSeconds(7));
                });

        // Scaling afterwards changes counts and updatedAt, not the completed rollout.
        fleet.setDesired(3);
        fleet.reconcile(T0.plusSeconds(20));
        assertThat(fleet.status(T0.plusSeconds(20)).deployments())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.rolloutState()).isEqualTo("COMPLETED");
                    assertThat(List.of(d.desired(), d.running(), d.pending())).containsExactly(3, 2, 1);
                    assertThat(d.updatedAt()).isEqualTo(T0.plusSeconds(20));
                });
    }

    @Test
    void surplusTasksAreDeregisteredAtOnceAndStoppedAfterDraining() {
        var fleet = fleet();
        fleet.setDesired(3);
        fleet.reconcile(T0);
        fleet.reconcile(T0.plusSeconds(6));
        forgetEvents();

        fleet.setDesired(1);
        fleet.reconcile(T0.plusSeconds(10));
        assertThat(registered).hasSize(1);
        // Draining tasks still count as running, like ECS, until they stop.
        assertThat(fleet.status(T0.plusSeconds(10)).running()).isEqualTo(3);
        assertThat(started).noneMatch(r -> r.closed);

        fleet.reconcile(T0.plusSeconds(13));
        assertThat(fleet.status(T0.plusSeconds(13)).running()).isEqualTo(1);
        assertThat(started).filteredOn(r -> r.closed).hasSize(2);
        assertThat(events())
                .extracting(ServiceEvent::message)
                .contains("(service nutrisage) has begun draining connections on 1 tasks.")
                .anyMatch(m -> m.startsWith("(service nutrisage) has stopped 1 running tasks: (task t"))
                .endsWith("(service nutrisage) has reached a steady state.");
    }

    @Test
    void scalingInBeforeATaskStartedCancelsThePendingTask() {
        var fleet = fleet();
        fleet.setDesired(1);
        fleet.reconcile(T0);
        fleet.reconcile(T0.plusSeconds(6));
        fleet.setDesired(2);
        fleet.reconcile(T0.plusSeconds(7));
        fleet.setDesired(1);
        fleet.reconcile(T0.plusSeconds(8));
        assertThat(fleet.status(T0.plusSeconds(8))).satisfies(s -> {
            assertThat(s.running()).isEqualTo(1);
            assertThat(s.pending()).isZero();
        });
        assertThat(started.get(1).closed).isTrue();
    }

    private static final class FakeReplica implements Replica {
        final int index;
        volatile boolean closed;

        FakeReplica(int index) {
            this.index = index;
        }

        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:" + (10_000 + index));
        }

        @Override
        public long cpuTimeNanos() {
            return 0;
        }

        @Override
        public ModelInterval takeInterval() {
            return ModelInterval.empty();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
