package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.ServiceEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The ECS service scheduler of the sandbox: keeps {@code desired} tasks, launching replicas that become RUNNING (and
 * registered at the front) after the start-up delay, and draining surplus ones (deregistered at once, stopped after the
 * deregistration delay). Events use ECS's wording. Time comes from the caller, so tests are exact. Thread-safe.
 */
final class SandboxFleet {
    /** The sandbox's one deployment: the service never gets a new task definition while it runs. */
    static final String DEPLOYMENT_ID = "ecs-svc/sandbox";

    enum TaskState {
        PENDING,
        RUNNING,
        DRAINING
    }

    static final class Task {
        final String id;
        final Instant launchedAt;
        final CompletableFuture<Replica> replica;
        TaskState state = TaskState.PENDING;
        Instant drainUntil;
        long lastCpuNanos;

        Task(String id, Instant launchedAt, CompletableFuture<Replica> replica) {
            this.id = id;
            this.launchedAt = launchedAt;
            this.replica = replica;
        }

        Replica replica() {
            return replica.getNow(null);
        }
    }

    private final ReplicaFactory factory;
    private final TargetRegistry registry;
    private final Duration startDelay;
    private final Duration drainDelay;
    private final String serviceName;
    private final String targetGroup;
    private final SandboxJournal journal;
    private final Executor launcher;
    private final List<Task> tasks = new ArrayList<>();
    private final Instant createdAt;
    private int desired;
    private boolean steady = true;
    /** ECS keeps a deployment IN_PROGRESS until the service first reaches a steady state, then COMPLETED. */
    private boolean rolloutCompleted;
    /** When the deployment's counts last changed (ECS's updatedAt); a change of desired is stamped at the next reconcile. */
    private Instant updatedAt;

    private boolean countsChanged;

    /**
     * How long a task takes to become RUNNING and registered (Fargate provisioning, image pull, container start and
     * the health check's start period, in sandbox time), and how long a deregistered one drains before it stops.
     */
    record Timing(Duration startDelay, Duration drainDelay) {
        Timing {
            Objects.requireNonNull(startDelay, "startDelay");
            Objects.requireNonNull(drainDelay, "drainDelay");
        }
    }

    SandboxFleet(
            ReplicaFactory factory,
            TargetRegistry registry,
            Timing timing,
            String serviceName,
            Instant createdAt,
            SandboxJournal journal,
            Executor launcher) {
        this.factory = Objects.requireNonNull(factory);
        this.registry = Objects.requireNonNull(registry);
        this.startDelay = timing.startDelay();
        this.drainDelay = timing.drainDelay();
        this.serviceName = Objects.requireNonNull(serviceName);
        this.targetGroup = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/" + serviceName + "/sandbox";
        this.createdAt = Objects.requireNonNull(createdAt);
        this.updatedAt = createdAt;
        this.journal = Objects.requireNonNull(journal);
        this.launcher = Objects.requireNonNull(launcher);
    }

    synchronized void setDesired(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("desired count must not be negative, got " + count);
        }
        if (count != desired) {
            steady = false;
            countsChanged = true;
        }
        desired = count;
    }

    synchronized int desired() {
        return desired;
    }

    /** Advances every task's lifecycle to {@code now} and launches or drains tasks to meet the desired count. */
    synchronized void reconcile(Instant now) {
        // Failed launches disappear; ECS would report the placement failure and try again.
        for (var it = tasks.iterator(); it.hasNext(); ) {
            Task t = it.next();
            if (t.replica.isCompletedExceptionally()) {
                it.remove();
                Throwable cause = t.replica.handle((r, e) -> e).join();
                emit(
                        now,
                        "(service " + serviceName + ") was unable to start task " + t.id + ": "
                                + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage())
                                + ".");
            }
        }
        for (Task t : tasks) {
            if (t.state == TaskState.PENDING && t.replica.isDone() && !now.isBefore(t.launchedAt.plus(startDelay))) {
                t.state = TaskState.RUNNING;
                t.lastCpuNanos = t.replica().cpuTimeNanos();
                registry.register(t.id, t.replica().endpoint());
                emit(now, "(service " + serviceName + ") registered 1 targets in (target-group " + targetGroup + ")");
                journal.log(
                        "ecs-agent",
                        "task " + t.id + " RUNNING at " + t.replica().endpoint());
            }
        }
        for (var it = tasks.iterator(); it.hasNext(); ) {
            Task t = it.next();
            if (t.state == TaskState.DRAINING && !now.isBefore(t.drainUntil)) {
                it.remove();
                Replica r = t.replica();
                launcher.execute(r::close);
                emit(now, "(service " + serviceName + ") has stopped 1 running tasks: (task " + t.id + ").");
                journal.log("ecs-agent", "task " + t.id + " STOPPED");
            }
        }
        long active = tasks.stream().filter(t -> t.state != TaskState.DRAINING).count();
        for (long i = active; i < desired; i++) {
            String id = journal.taskId();
            CompletableFuture<Replica> replica = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return factory.start(id);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    launcher);
            tasks.add(new Task(id, now, replica));
            emit(now, "(service " + serviceName + ") has started 1 tasks: (task " + id + ").");
            journal.log("ecs-agent", "task " + id + " PROVISIONING");
        }
        for (long surplus = active - desired; surplus > 0; surplus--) {
            Task victim = newestActive();
            if (victim.state == TaskState.PENDING) {
                tasks.remove(victim);
                victim.replica.thenAcceptAsync(Replica::close, launcher);
                emit(now, "(service " + serviceName + ") has stopped 1 pending tasks: (task " + victim.id + ").");
                continue;
            }
            victim.state = TaskState.DRAINING;
            victim.drainUntil = now.plus(drainDelay);
            registry.deregister(victim.id);
            emit(now, "(service " + serviceName + ") has begun draining connections on 1 tasks.");
            emit(now, "(service " + serviceName + ") deregistered 1 targets in (target-group " + targetGroup + ")");
        }
        if (!steady && countIn(TaskState.RUNNING) == desired && tasks.size() == desired) {
            steady = true;
            emit(now, "(service " + serviceName + ") has reached a steady state.");
            rolloutCompleted = true;
        }
        if (countsChanged) {
            countsChanged = false;
            updatedAt = now;
        }
    }

    private Task newestActive() {
        Task newest = null;
        for (Task t : tasks) {
            if (t.state != TaskState.DRAINING && (newest == null || !t.launchedAt.isBefore(newest.launchedAt))) {
                newest = t;
            }
        }
        return newest;
    }

    private void emit(Instant now, String message) {
        // Every event marks a change of the tasks (started, registered, draining, stopped).
        countsChanged = true;
        journal.event(new ServiceEvent(journal.taskId(), now, message));
    }

    private int countIn(TaskState state) {
        return (int) tasks.stream().filter(t -> t.state == state).count();
    }

    /** Tasks whose replica serves or finishes requests: RUNNING and DRAINING (ECS counts both as running). */
    synchronized List<Task> serving() {
        return tasks.stream().filter(t -> t.state != TaskState.PENDING).toList();
    }

    synchronized FleetStatus status(Instant now) {
        int running = countIn(TaskState.RUNNING) + countIn(TaskState.DRAINING);
        int pending = countIn(TaskState.PENDING);
        String rollout = rolloutCompleted ? "COMPLETED" : "IN_PROGRESS";
        return new FleetStatus(
                now,
                running,
                desired,
                pending,
                List.of(new FleetStatus.Deployment(
                        DEPLOYMENT_ID,
                        "PRIMARY",
                        serviceName + ":1",
                        rollout,
                        "ECS deployment " + DEPLOYMENT_ID + (rolloutCompleted ? " completed." : " in progress."),
                        desired,
                        running,
                        pending,
                        createdAt,
                        updatedAt)));
    }

    /** Stops every replica at once (sandbox shutdown). */
    synchronized void shutdown() {
        for (Task t : tasks) {
            registry.deregister(t.id);
            t.replica.thenAccept(Replica::close);
        }
        tasks.clear();
        desired = 0;
    }
}
