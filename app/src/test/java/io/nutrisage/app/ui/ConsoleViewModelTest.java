package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.TargetStatus;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model without any JavaFX toolkit: plain properties, a direct task executor, values in, state out. */
class ConsoleViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");

    @TempDir
    Path dir;

    private ConsoleViewModel viewModel() {
        return TestConsoles.withoutTarget(dir, TaskExecutor.direct(), () -> T0);
    }

    @Test
    void demoProfileIsSelectedWithItsSixPhases() {
        var vm = viewModel();
        assertThat(vm.loadControl().selectedProfileProperty().get()).isEqualTo("nutrisage-demo");
        assertThat(vm.loadControl().phases()).hasSize(6);
        assertThat(vm.loadControl().phases().get(3).toRateProperty().get()).isEqualTo(350);
    }

    @Test
    void invalidPhaseIsNamedInTheStatusAndNothingStarts() {
        var vm = viewModel();
        vm.loadControl().phases().get(1).secondsProperty().set(0);
        vm.loadControl().start();
        assertThat(vm.statusProperty().get()).startsWith("Cannot start: phase 2: phase duration must be positive");
        assertThat(vm.loadControl().problemProperty().get())
                .as("told in the load panel, where Start was pressed")
                .isEqualTo(vm.statusProperty().get());
        assertThat(vm.loadControl().loadStateProperty().get()).isEqualTo(LoadState.READY);
    }

    @Test
    void targetThatCannotStartLeavesAClearMessageAndDisconnectedState() {
        var vm = viewModel();
        vm.connect();
        assertThat(vm.targetChooser().connectionProperty().get()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(vm.statusProperty().get()).isEqualTo("Cannot start the target: no target in this test");
        assertThat(vm.targetChooser().problemProperty().get())
                .as("told beside the target chooser")
                .isEqualTo("Cannot start the target: no target in this test");
    }

    @Test
    void monitorUpdatesFeedTracesPanelsTaskCountsAndFreshness() {
        var vm = viewModel();
        var activity = new ScalingActivity(
                "a1", T0.plusSeconds(4), "Setting desired count to 3.", "cause", "Successful", 1, 3);
        var transition =
                new AlarmTransition("t1", "high", T0.plusSeconds(3), AlarmState.OK, AlarmState.ALARM, "reason");
        vm.applyMonitor(update(
                T0.plusSeconds(5),
                Map.of(MetricId.CPU_UTILIZATION, List.of(new Datapoint(T0.plusSeconds(4), 55.0))),
                List.of(activity),
                List.of(transition)));

        assertThat(vm.runPanels().timelineProperty().get().trace(Trace.CPU).lastY())
                .isEqualTo(55.0);
        assertThat(vm.runPanels().activities()).containsExactly(activity);
        assertThat(vm.runPanels().transitions()).containsExactly(transition);
        assertThat(vm.runPanels().runningTasksProperty().get()).isEqualTo(2);
        assertThat(vm.runPanels().desiredTasksProperty().get()).isEqualTo(3);
        assertThat(vm.targetChooser().freshnessProperty().get()).isEqualTo("data 1.0 s old");
        assertThat(vm.targetChooser().connectionProperty().get()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(vm.runPanels().timelineProperty().get().markers())
                .anySatisfy(m -> assertThat(m.label()).isEqualTo("1→3"));
        // The checklist waits for the end of the load.
        assertThat(vm.checklist().checks()).isEmpty();
    }

    @Test
    void finishedLoadComputesTheChecklistWithEvidence() {
        var vm = viewModel();
        vm.applyMonitor(update(
                T0.plusSeconds(2),
                Map.of(MetricId.MODEL_LATENCY_P90, List.of(new Datapoint(T0.plusSeconds(1), 620.0))),
                List.of(),
                List.of()));
        vm.applyLoad(snapshot(LoadState.FINISHED, 100, 100, 3));

        assertThat(vm.checklist().checks())
                .extracting(c -> c.name() + "=" + c.passed())
                .containsExactly(
                        "Running tasks == desired tasks=false",
                        "Scaling history present=false",
                        "Error rate < 1 %=false",
                        "p90 ModelLatencyMs < 500 ms throughout=false",
                        "Inputs within the training baseline=false");
        assertThat(vm.checklist().checks().get(2).evidence()).isEqualTo("3 errors of 100 completed requests (3.000 %)");
        assertThat(vm.checklist().checks().get(3).evidence()).startsWith("worst p90 620.00 ms at t=1 s");
        assertThat(vm.checklist().passedProperty().get()).isFalse();
        assertThat(vm.loadControl().remainingTextProperty().get()).isEmpty();
    }

    @Test
    void deploymentsFollowTheFleetAndStayWhenAPollFails() {
        var vm = viewModel();
        var primary = new FleetStatus.Deployment(
                "ecs-svc/2",
                "PRIMARY",
                "nutrisage-predictor:8",
                "IN_PROGRESS",
                "ECS deployment ecs-svc/2 in progress.",
                3,
                1,
                2,
                T0.minusSeconds(60),
                T0.minusSeconds(5));
        var active = new FleetStatus.Deployment(
                "ecs-svc/1",
                "ACTIVE",
                "nutrisage-predictor:7",
                "COMPLETED",
                "ECS deployment ecs-svc/1 completed.",
                0,
                2,
                0,
                T0.minusSeconds(7200),
                T0.minusSeconds(60));
        vm.applyMonitor(
                fleetUpdate(T0.plusSeconds(1), Optional.of(new FleetStatus(T0, 3, 3, 2, List.of(primary, active)))));
        assertThat(vm.runPanels().deployments()).containsExactly(primary, active);

        // A failed poll has no fleet: the last deployments stay, like the task counts.
        vm.applyMonitor(fleetUpdate(T0.plusSeconds(2), Optional.empty()));
        assertThat(vm.runPanels().deployments()).containsExactly(primary, active);

        // The old deployment drained: ECS drops it from the list.
        var completed = new FleetStatus.Deployment(
                "ecs-svc/2",
                "PRIMARY",
                "nutrisage-predictor:8",
                "COMPLETED",
                "ECS deployment ecs-svc/2 completed.",
                3,
                3,
                0,
                T0.minusSeconds(60),
                T0.plusSeconds(2));
        vm.applyMonitor(fleetUpdate(T0.plusSeconds(3), Optional.of(new FleetStatus(T0, 3, 3, 0, List.of(completed)))));
        assertThat(vm.runPanels().deployments()).singleElement().satisfies(d -> {
            assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            assertThat(d.running()).isEqualTo(3);
        });
    }

    @Test
    void yamlProfileFileIsAddedAndSelectedAndABadOneIsExplainedWithItsLine() throws Exception {
        var vm = viewModel();
        Path good = Files.writeString(dir.resolve("burst.yaml"), """
                name: burst
                phases:
                  - {duration: 30s, rate: 5}
                  - {duration: 1m, from: 5, to: 120}
                """);
        vm.loadControl().addProfileFile(good);

        assertThat(vm.loadControl().profileNames()).contains("nutrisage-demo", "burst");
        assertThat(vm.loadControl().selectedProfileProperty().get()).isEqualTo("burst");
        assertThat(vm.loadControl().phases())
                .extracting(r -> r.secondsProperty().get() + "s "
                        + r.fromRateProperty().get() + "->" + r.toRateProperty().get())
                .containsExactly("30.0s 5.0->5.0", "60.0s 5.0->120.0");

        Path bad = Files.writeString(
                dir.resolve("bad.yml"), "phases:\n  - {duration: 30s, rate: 5}\n  - {duration: 1m}\n");
        vm.loadControl().addProfileFile(bad);

        assertThat(vm.statusProperty().get())
                .isEqualTo("Cannot load the profile: profile " + bad
                        + ", line 3, phase 2: needs 'rate' (hold) or 'from' and 'to' (ramp)");
        assertThat(vm.loadControl().selectedProfileProperty().get()).isEqualTo("burst");
    }

    @Test
    void recordedRunReopensIntoTheSameTimeline(@TempDir Path recordings) throws Exception {
        var vm = viewModel();
        Path file = recordings.resolve("run.jsonl");
        try (var recorder = io.nutrisage.app.recording.RunRecorder.append(file)) {
            recorder.record(new io.nutrisage.app.recording.RunEntry.RunStarted(
                    T0, "Local sandbox", io.nutrisage.app.load.LoadPlan.nutrisageDemo(0.1)));
            recorder.record(new io.nutrisage.app.recording.RunEntry.PhaseStarted(T0.plusSeconds(1), 0, "180s at 5/s"));
            recorder.record(
                    new io.nutrisage.app.recording.RunEntry.MetricSample(T0.plusSeconds(2), MetricId.RUNNING_TASKS, 2));
            recorder.record(new io.nutrisage.app.recording.RunEntry.MetricSample(
                    T0.plusSeconds(2), MetricId.INPUT_SUGARS_MEAN, 13.25));
            recorder.record(new io.nutrisage.app.recording.RunEntry.MetricSample(
                    T0.plusSeconds(2), MetricId.INPUT_SODIUM_MEAN, 0.315));
            recorder.record(new io.nutrisage.app.recording.RunEntry.Activity(
                    T0.plusSeconds(3),
                    new ScalingActivity(
                            "a", T0.plusSeconds(3), "Setting desired count to 2.", "c", "Successful", 1, 2)));
        }
        vm.openRecording(file);

        assertThat(vm.targetChooser().targetNameProperty().get()).isEqualTo("Local sandbox (recording)");
        assertThat(vm.runPanels()
                        .timelineProperty()
                        .get()
                        .trace(Trace.RUNNING_TASKS)
                        .lastY())
                .isEqualTo(2);
        assertThat(vm.runPanels()
                        .timelineProperty()
                        .get()
                        .trace(Trace.INPUT_SUGARS)
                        .lastY())
                .as("the input means replay into the drift chart's traces")
                .isEqualTo(13.25);
        assertThat(vm.runPanels()
                        .timelineProperty()
                        .get()
                        .trace(Trace.INPUT_SODIUM)
                        .lastY())
                .isEqualTo(0.315);
        assertThat(vm.runPanels().timelineProperty().get().markers()).hasSize(2);
        assertThat(vm.runPanels().activities()).hasSize(1);
        assertThat(vm.checklist().checks()).hasSize(5);
        assertThat(vm.runPanels().timelineProperty().get().incomplete())
                .as("the recording has no run-ended entry")
                .hasValueSatisfying(why -> assertThat(why).startsWith("recording ends at line 6 without"));
        assertThat(vm.statusProperty().get()).endsWith("and so are the load's totals");
        assertThat(vm.liveTarget()).as("a recording is no live target's run").isEmpty();
    }

    private static MonitorUpdate update(
            Instant at,
            Map<MetricId, List<Datapoint>> points,
            List<ScalingActivity> activities,
            List<AlarmTransition> transitions) {
        Map<MetricId, Optional<Instant>> freshness = Map.of(MetricId.CPU_UTILIZATION, Optional.of(at.minusSeconds(1)));
        return new MonitorUpdate(
                at,
                new TargetStatus(ConnectionState.CONNECTED, "test", Optional.of(at)),
                Optional.of(new FleetStatus(at, 2, 3, 1, List.of())),
                points,
                freshness,
                activities,
                transitions,
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());
    }

    private static MonitorUpdate fleetUpdate(Instant at, Optional<FleetStatus> fleet) {
        return new MonitorUpdate(
                at,
                new TargetStatus(ConnectionState.CONNECTED, "test", Optional.of(at)),
                fleet,
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                fleet.isPresent() ? Optional.empty() : Optional.of("DescribeServices failed"),
                List.of());
    }

    private static LoadSnapshot snapshot(LoadState state, long sent, long completed, long errors) {
        return new LoadSnapshot(
                T0.plusSeconds(3),
                state,
                5,
                Duration.ofSeconds(66),
                Duration.ZERO,
                0,
                0,
                0,
                sent,
                completed,
                errors,
                0,
                10,
                9,
                0.8);
    }
}
