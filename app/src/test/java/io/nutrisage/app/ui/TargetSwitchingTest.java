package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmSource;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetSource;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.LogSource;
import io.nutrisage.app.monitoring.MetricsSource;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.monitoring.TargetStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching between the sandbox and AWS targets in the view-model, without JavaFX: background work runs at once on the
 * test thread, monitor updates from the pollers are queued and never applied, so only the switching logic is seen.
 */
class TargetSwitchingTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");

    @TempDir
    Path dir;

    private final List<FakeTarget> sandboxes = new ArrayList<>();
    private final List<FakeTarget> stacks = new ArrayList<>();
    private final List<AwsConnectRequest> recent = new ArrayList<>();
    private ConsoleViewModel vm;
    private int sandboxFailuresLeft;

    private final AwsConnector aws = new AwsConnector() {
        @Override
        public MonitoringTarget connect(AwsConnectRequest request) throws Exception {
            if (request.stackName().equals("missing")) {
                throw new IllegalStateException("Stack missing does not exist in eu-west-1: check the name");
            }
            FakeTarget t = new FakeTarget("AWS " + request.stackName() + " (" + request.region() + ")");
            stacks.add(t);
            recent.addFirst(request);
            return t;
        }

        @Override
        public List<AwsConnectRequest> recent() {
            return List.copyOf(recent);
        }
    };

    private ConsoleViewModel viewModel() {
        LoadDriver noLoad = (plan, target, listener) -> {
            throw new LoadDriver.LoadException("no load in this test", null);
        };
        Callable<MonitoringTarget> sandbox = () -> {
            if (sandboxFailuresLeft > 0) {
                sandboxFailuresLeft--;
                throw new IllegalStateException("port in use");
            }
            FakeTarget t = new FakeTarget("Local sandbox");
            sandboxes.add(t);
            return t;
        };
        vm = new ConsoleViewModel(sandbox, aws, noLoad, dir, TaskExecutor.queued(), () -> T0);
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void chooserOffersSandboxAwsAndRecentTargets() {
        recent.add(new AwsConnectRequest("ops", "eu-west-1", "nutrisage"));
        var vm = viewModel();
        vm.connect();
        assertThat(vm.targetChooser().targetChoices())
                .containsExactly("Local sandbox", "AWS stack…", "AWS nutrisage (eu-west-1, profile ops)");
        assertThat(vm.targetChooser().activeChoiceProperty().get()).isEqualTo("Local sandbox");
    }

    @Test
    void connectingToAStackClosesTheSandboxAndSwitchingBackStartsANewOne() {
        var vm = viewModel();
        vm.connect();
        vm.targetChooser().connectAws(new AwsConnectRequest("", "eu-west-1", "nutrisage"));

        assertThat(sandboxes).hasSize(1);
        assertThat(sandboxes.getFirst().closed).isTrue();
        assertThat(vm.targetChooser().targetNameProperty().get()).isEqualTo("AWS nutrisage (eu-west-1)");
        assertThat(vm.targetChooser().activeChoiceProperty().get()).isEqualTo("AWS nutrisage (eu-west-1)");
        assertThat(vm.targetChooser().targetChoices()).contains("AWS nutrisage (eu-west-1)");

        vm.targetChooser().chooseTarget("Local sandbox");

        assertThat(stacks.getFirst().closed).isTrue();
        assertThat(sandboxes).hasSize(2);
        assertThat(sandboxes.get(1).closed).isFalse();
        assertThat(vm.targetChooser().targetNameProperty().get()).isEqualTo("Local sandbox");
        assertThat(vm.targetChooser().accountProperty().get()).isEmpty();
    }

    @Test
    void failedConnectSaysWhyAndKeepsThePreviousTarget() {
        var vm = viewModel();
        vm.connect();
        List<String> refused = new ArrayList<>();
        vm.targetChooser().choiceRefused().subscribe(refused::add);

        vm.targetChooser().connectAws(new AwsConnectRequest("", "eu-west-1", "missing"));

        assertThat(vm.statusProperty().get())
                .isEqualTo("Cannot connect to AWS missing (eu-west-1): Stack missing does not exist in eu-west-1:"
                        + " check the name — still on Local sandbox");
        assertThat(sandboxes.getFirst().closed).isFalse();
        assertThat(vm.targetChooser().targetNameProperty().get()).isEqualTo("Local sandbox");
        assertThat(vm.targetChooser().activeChoiceProperty().get()).isEqualTo("Local sandbox");
        assertThat(refused)
                .as("the chooser is told to show the target still in use")
                .containsExactly("Local sandbox");
        assertThat(vm.targetChooser().switchingProperty().get()).isFalse();
    }

    @Test
    void sandboxThatFailedToStartIsRetriedWhenChosenAgain() {
        sandboxFailuresLeft = 1;
        var vm = viewModel();
        vm.connect();
        assertThat(vm.statusProperty().get()).isEqualTo("Cannot start the target: port in use");

        vm.targetChooser().chooseTarget("Local sandbox");

        assertThat(sandboxes).hasSize(1);
        assertThat(vm.statusProperty().get()).startsWith("Connected to Local sandbox");
    }

    @Test
    void blankStackNameIsRejectedWithoutConnecting() {
        var vm = viewModel();
        vm.connect();
        vm.targetChooser().connectAws(new AwsConnectRequest("ops", "", "  "));
        assertThat(vm.statusProperty().get()).startsWith("Cannot connect: enter the stack or environment name");
        assertThat(stacks).isEmpty();
        assertThat(sandboxes.getFirst().closed).isFalse();
    }

    private static final class FakeTarget implements MonitoringTarget, MetricsSource, ScalingSource, LogSource {
        private final String name;
        volatile boolean closed;

        FakeTarget(String name) {
            this.name = name;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public TargetStatus status() {
            return new TargetStatus(ConnectionState.CONNECTED, name, Optional.of(T0));
        }

        @Override
        public URI serviceEndpoint() {
            return URI.create("http://127.0.0.1:9/");
        }

        @Override
        public MetricsSource metrics() {
            return this;
        }

        @Override
        public FleetSource fleet() {
            return new FleetSource() {
                @Override
                public FleetStatus status() {
                    return new FleetStatus(T0, 1, 1, 0, List.of());
                }

                @Override
                public List<ServiceEvent> recentEvents() {
                    return List.of();
                }
            };
        }

        @Override
        public ScalingSource scaling() {
            return this;
        }

        @Override
        public AlarmSource alarms() {
            return new AlarmSource() {
                @Override
                public List<Alarm> alarms() {
                    return List.of();
                }

                @Override
                public List<AlarmTransition> recentTransitions() {
                    return List.of();
                }
            };
        }

        @Override
        public LogSource logs() {
            return this;
        }

        @Override
        public List<io.nutrisage.app.monitoring.MetricSeries> read(
                java.util.Set<io.nutrisage.app.monitoring.MetricId> ids, Instant after) {
            return List.of();
        }

        @Override
        public List<ScalingActivity> recentActivities() {
            return List.of();
        }

        @Override
        public List<ScalingPolicy> policies() {
            return List.of();
        }

        @Override
        public CapacityRange capacityRange() {
            return new CapacityRange(1, 5);
        }

        @Override
        public List<LogLine> tail(String filter, int limit) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
