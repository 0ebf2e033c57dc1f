package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.AwsMonitoringTarget;
import io.nutrisage.app.aws.AwsPolling;
import io.nutrisage.app.aws.AwsSeries;
import io.nutrisage.app.aws.AwsSettings;
import io.nutrisage.app.aws.AwsTargetSpec;
import io.nutrisage.app.aws.AwsTargets;
import io.nutrisage.app.aws.StubFixture;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.TargetStatus;
import io.nutrisage.app.session.MonitorUpdate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a run on an AWS target the checklist adds the checks from AWS's own records (AwsRunValidation), read in the
 * background once a minute at most until CloudWatch's late minutes are in. The real SDK against the stub stack.
 */
class AwsRunChecklistTest {
    private static final Instant FIRST_MINUTE = StubFixture.FIRST_MINUTE;
    private static final Instant NOW = StubFixture.NOW;
    private static final String LOG_CHECK = "Predictor log: failed requests < 1 % of requests, no other ERROR line";

    @TempDir
    Path dir;

    private StubFixture aws;
    private ConsoleViewModel vm;
    private AwsMonitoringTarget target;
    private final AtomicReference<Instant> now = new AtomicReference<>(FIRST_MINUTE);

    @BeforeEach
    void start() throws Exception {
        aws = new StubFixture();
        AwsSettings settings = aws.settings();
        AwsTargetSpec spec = AwsTargetSpec.byHand(
                NutriSageStack.CLUSTER,
                NutriSageStack.SERVICE,
                NutriSageStack.LOAD_BALANCER,
                NutriSageStack.TARGET_GROUP,
                URI.create(NutriSageStack.TARGET_URL),
                NutriSageStack.LOG_GROUP);
        LoadDriver noLoad = (plan, target, listener) -> {
            throw new LoadDriver.LoadException("no load in this test", null);
        };
        vm = new ConsoleViewModel(
                () -> {
                    target = AwsTargets.connect(
                            spec, settings, AwsPolling.unthrottled(), Clock.fixed(NOW, ZoneOffset.UTC));
                    return target;
                },
                noLoad,
                dir,
                TaskExecutor.queued(),
                now::get);
        vm.connect(); // the run's timeline starts at FIRST_MINUTE
        assertThat(vm.targetChooser().targetNameProperty().get()).startsWith("AWS nutrisage/nutrisage-predictor");
        // The session's monitor fills the metrics cache in the background (a read meanwhile gets the cache as it is,
        // as it would during a real run): wait for its first answer.
        for (int i = 0; i < 100 && !hasRequests(); i++) {
            Thread.sleep(100);
        }
        assertThat(hasRequests()).isTrue();
    }

    private boolean hasRequests() {
        return !target.metrics()
                .readAll(FIRST_MINUTE)
                .get(AwsSeries.REQUEST_RATE)
                .points()
                .isEmpty();
    }

    @AfterEach
    void stop() {
        vm.close();
        aws.close();
    }

    @Test
    void awsChecksFollowTheTimelinesAndAreReadAgainOnceAMinuteUntilCloudWatchSettled() {
        now.set(NOW);
        vm.applyLoad(finished());

        assertThat(vm.checklist().checks())
                .extracting(RunCheck::name)
                .containsExactly(
                        "Running tasks == desired tasks",
                        "Scaling history present",
                        "Error rate < 1 %",
                        "p90 ModelLatencyMs < 500 ms throughout",
                        "Inputs within the training baseline",
                        "ECS running tasks == desired tasks",
                        "Application Auto Scaling scaled out during the run",
                        "ALB target 5xx < 1 % of requests",
                        LOG_CHECK,
                        "p90 ModelLatencyMs < 500 ms in every minute (CloudWatch)");
        assertThat(logCheck().evidence()).startsWith("1 failed-request and 0 other ERROR lines");
        assertThat(logCheck().passed()).isTrue();

        // A metrics-writing failure shows up in CloudWatch Logs: not read again within the minute…
        otherError("2026-11-23T11:56:00Z", "other-1");
        vm.applyMonitor(quietUpdate());
        assertThat(logCheck().passed()).isTrue();

        // …but a minute later.
        now.set(NOW.plusSeconds(61));
        vm.applyMonitor(quietUpdate());
        assertThat(logCheck().passed()).isFalse();
        assertThat(logCheck().evidence()).startsWith("1 failed-request and 1 other ERROR lines");
        assertThat(vm.checklist().passedProperty().get()).isFalse();

        now.set(NOW.plus(Duration.ofMinutes(6)));
        otherError("2026-11-23T11:57:00Z", "other-2");
        vm.applyMonitor(quietUpdate());
        assertThat(logCheck().evidence()).startsWith("1 failed-request and 2 other ERROR lines");

        // Past the settling time nothing is read any more.
        now.set(NOW.plus(Duration.ofMinutes(9)));
        otherError("2026-11-23T11:58:00Z", "other-3");
        vm.applyMonitor(quietUpdate());
        assertThat(logCheck().evidence()).startsWith("1 failed-request and 2 other ERROR lines");
    }

    private RunCheck logCheck() {
        return vm.checklist().checks().stream()
                .filter(c -> c.name().equals(LOG_CHECK))
                .findFirst()
                .orElseThrow();
    }

    private void otherError(String time, String id) {
        aws.stub()
                .addLogEvent(new AwsStub.LogEvent(
                        NutriSageStack.LOG_GROUP,
                        "ecs/predictor/5e6f",
                        Instant.parse(time).toEpochMilli(),
                        time.replace("Z", ".000Z")
                                + " [emf-flusher] ERROR io.nutrisage.predictor.metrics.ModelMetrics - Writing model metrics"
                                + " failed",
                        id));
    }

    private MonitorUpdate quietUpdate() {
        return new MonitorUpdate(
                now.get(),
                new TargetStatus(ConnectionState.CONNECTED, "ok", Optional.empty()),
                Optional.empty(),
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());
    }

    private static LoadSnapshot finished() {
        return new LoadSnapshot(
                NOW, LoadState.FINISHED, 0, Duration.ofMinutes(10), Duration.ZERO, 0, 0, 0, 100, 100, 0, 0, 10, 9, 0.8);
    }
}
