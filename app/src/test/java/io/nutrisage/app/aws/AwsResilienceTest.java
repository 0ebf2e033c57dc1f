package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.AwsStub.Fault;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsResilienceTest {
    private StubFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            THROTTLING,       throttled by AWS (Throttling
            SERVER_ERROR,     AWS answered InternalServiceError
            SLOW,             no answer in time
            CONNECTION_RESET, network problem
            GARBAGE,          AWS sent a response the console cannot read (Invalid CBOR value token
            """)
    void eachFaultOnMetricsShowsStaleDataAndDegradedStatusThenRecoversByItself(Fault fault, String expected) {
        fx.stub.slowDelay(Duration.ofSeconds(8));
        try (AwsMonitoringTarget target = fx.connect(fx.impatientSettings(), AwsPolling.unthrottled())) {
            Instant after = StubFixture.FIRST_MINUTE;
            // Impatient settings on a shared machine: the first (cold) call may itself time out; it is retried.
            List<MetricSeries> first = readUntil(target, after, p -> p.size() == 10);
            assertThat(first.get(0).points()).hasSize(10);
            fx.stub.addMetricPoint(
                    NutriSageStack.SERIES.get("CPU_UTILIZATION"),
                    new AwsStub.Point(Instant.parse("2026-11-23T12:00:00Z"), 88));
            fx.clock.advance(Duration.ofMinutes(1));
            fx.stub.failNext(fault, 1, "GetMetricData");

            List<MetricSeries> stale = target.metrics().read(EnumSet.of(MetricId.CPU_UTILIZATION), after);

            assertThat(stale.get(0).points()).hasSize(10); // the cached data, no exception
            assertThat(stale.get(0).newest()).contains(Instant.parse("2026-11-23T12:00:00Z"));
            assertThat(target.status().state()).isEqualTo(ConnectionState.DEGRADED);
            assertThat(target.status().detail())
                    .startsWith("CloudWatch GetMetricData")
                    .contains(expected)
                    .contains("data from");
            assertThat(target.statusLog())
                    .extracting(AwsMonitoringTarget.StatusEntry::state)
                    .containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DEGRADED);

            // Recovers by itself within a few polls (a poll may still time out on a loaded machine).
            List<MetricSeries> recovered = readUntil(target, after, p -> p.size() == 11);

            assertThat(recovered.get(0).points()).hasSize(11);
            assertThat(recovered.get(0).points().get(10).value()).isEqualTo(88);
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            THROTTLING,       DescribeServices
            SERVER_ERROR,     DescribeScalingActivities
            CONNECTION_RESET, FilterLogEvents
            THROTTLING,       DescribeAlarms
            SERVER_ERROR,     DescribeAlarmHistory
            GARBAGE,          FilterLogEvents
            """)
    void faultsOnOtherFeedsKeepTheirLastAnswerAndRecover(Fault fault, String operation) {
        try (AwsMonitoringTarget target = fx.connect()) {
            Runnable readAll = () -> {
                target.fleet().status();
                target.scaling().recentActivities();
                target.alarms().alarms();
                target.logs().tail("", 50);
            };
            readAll.run();
            fx.stub.failNext(fault, 1, operation);

            assertThatCode(readAll::run).doesNotThrowAnyException();

            assertThat(target.status().state()).isEqualTo(ConnectionState.DEGRADED);
            assertThat(target.fleet().status().running()).isEqualTo(3);
            assertThat(target.scaling().recentActivities()).hasSize(4);
            assertThat(target.alarms().alarms()).hasSize(6);
            assertThat(target.logs().tail("", 50)).hasSize(7);
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void adaptiveRetriesAbsorbASingleThrottleWithoutDegrading() {
        AwsSettings retrying = fx.settings().withRetries(3, Duration.ofMillis(5));
        try (AwsMonitoringTarget target = fx.connect(retrying, AwsPolling.unthrottled())) {
            fx.stub.failNext(Fault.THROTTLING, 1, "DescribeServices");

            assertThat(target.fleet().status().running()).isEqualTo(3);

            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(fx.stub.count("DescribeServices")).isEqualTo(2);
            assertThat(target.usage().calls("ECS DescribeServices")).isEqualTo(1);
            assertThat(target.usage().attempts()).isGreaterThan(target.usage().calls());
        }
    }

    @Test
    void whileAFeedWaitsForASlowAnswerOtherCallersGetItsCacheAtOnce() throws Exception {
        fx.stub.pageSizes(3, 2, 10_000); // one FilterLogEvents call per read
        try (AwsMonitoringTarget target = fx.connect()) {
            assertThat(target.logs().tail("", 50)).hasSize(7);
            fx.stub.callDelay(Duration.ofSeconds(2));
            Thread slow = Thread.ofPlatform().start(() -> target.logs().tail("", 50));
            while (fx.stub.count("FilterLogEvents") < 2) {
                Thread.sleep(5);
            }

            long started = System.nanoTime();
            List<io.nutrisage.app.monitoring.LogLine> cached = target.logs().tail("", 50);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(cached).hasSize(7);
            assertThat(took).isLessThan(Duration.ofMillis(500));
            slow.join(10_000);
            assertThat(fx.stub.count("FilterLogEvents")).isEqualTo(2);
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void aThrottledFeedBacksOffDoublingItsIntervalAndReturnsToItOnceAnswered() {
        AwsPolling polling = AwsPolling.defaults();
        Duration interval = polling.fleetInterval();
        try (AwsMonitoringTarget target = fx.connect(fx.settings(), polling)) {
            target.fleet().status();
            fx.stub.failNext(Fault.THROTTLING, 2, "DescribeServices");
            List<Long> calls = new java.util.ArrayList<>();
            // 5 s steps: throttled, not due (10 s), throttled, not due ×3 (20 s), answered, answered.
            for (int step = 0; step < 8; step++) {
                fx.clock.advance(interval);
                target.fleet().status();
                calls.add(fx.stub.count("DescribeServices"));
                if (step == 0) {
                    assertThat(target.status().state()).isEqualTo(ConnectionState.DEGRADED);
                    assertThat(target.status().detail()).contains("throttled by AWS", "backing off");
                }
            }

            assertThat(calls).containsExactly(2L, 2L, 3L, 3L, 3L, 3L, 4L, 5L);
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(target.fleet().status().running()).isEqualTo(3);
        }
    }

    @Test
    void aThrottledConnectRetriesByItselfWithBackoffAndConnects(@TempDir Path dir) {
        RecentTargets recent = new RecentTargets(dir.resolve("recent.json"));
        fx.stub.failNext(Fault.THROTTLING, 2, AwsStub.Service.STS);
        fx.stub.failNext(Fault.THROTTLING, 1, AwsStub.Service.CLOUDFORMATION);
        long started = System.nanoTime();

        try (AwsMonitoringTarget target = AwsTargets.connectToStack(NutriSageStack.ENV, fx.settings(), recent)) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(target.identity()).isPresent();
            assertThat(target.spec().serviceName()).isEqualTo(NutriSageStack.SERVICE);
            assertThat(fx.stub.count("GetCallerIdentity")).isEqualTo(3);
            // Backoff from the settings' base delay (5 ms): 50 ms and 100 ms for the identity, 50 ms for the stack.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(recent.list()).extracting(RecentTargets.Entry::stackName).containsExactly(NutriSageStack.ENV);
        }
    }

    @Test
    void aConnectStillThrottledAfterItsTriesSaysSoInsteadOfPromisingABackoff() {
        fx.stub.failNext(Fault.THROTTLING, 100, AwsStub.Service.STS);

        assertThatThrownBy(() -> AwsTargets.connect(fx.spec(), fx.settings()))
                .isInstanceOfSatisfying(AwsAccessException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(Kind.THROTTLED);
                    assertThat(e.getMessage())
                            .startsWith("STS GetCallerIdentity: throttled by AWS (Throttling: Rate exceeded); gave up"
                                    + " after 4 tries over 0.")
                            .endsWith(" s. Connect again in a moment.")
                            .doesNotContain("backing off", "retrying");
                });
        assertThat(fx.stub.count("GetCallerIdentity")).isEqualTo(AwsTargets.CONNECT_TRIES);
    }

    @Test
    void expiredTokenDisconnectsWithTheLoginCommandAndRecoversOnceCredentialsWork() {
        try (AwsMonitoringTarget target = fx.connect()) {
            fx.stub.failNext(Fault.EXPIRED_TOKEN, 1, "DescribeServices");

            target.fleet().status();

            assertThat(target.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(target.status().detail())
                    .contains("has expired (ExpiredTokenException)")
                    .contains("aws sso login --profile nutrisage-test")
                    .doesNotContain("Exception:", "\tat ");

            target.fleet().status();
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void expiredTokenOnCloudWatchIsReadFromTheCborErrorType() {
        try (AwsMonitoringTarget target = fx.connect()) {
            fx.stub.failNext(Fault.EXPIRED_TOKEN, 1, "GetMetricData");

            target.metrics().read(EnumSet.of(MetricId.CPU_UTILIZATION), StubFixture.FIRST_MINUTE);

            assertThat(target.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(target.status().detail()).contains("has expired (ExpiredToken)");
        }
    }

    @Test
    void networkLossDegradesEveryFeedWithoutExceptionsAndClosingStaysClean() {
        AwsMonitoringTarget target = fx.connect();
        target.fleet().status();
        fx.stub.close(); // the network is gone

        assertThatCode(() -> {
                    target.fleet().status();
                    target.metrics().read(EnumSet.allOf(MetricId.class), StubFixture.FIRST_MINUTE);
                    target.alarms().recentTransitions();
                    target.logs().tail("", 10);
                })
                .doesNotThrowAnyException();
        assertThat(target.status().state()).isEqualTo(ConnectionState.DEGRADED);
        assertThat(target.status().detail()).contains("network problem");
        assertThat(target.fleet().status().running()).isEqualTo(3);

        target.close();
        assertThat(target.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void closingTheTargetAbortsACallInFlightWithoutAnException() throws Exception {
        fx.stub.slowDelay(Duration.ofSeconds(30));
        AwsMonitoringTarget target = fx.connect();
        target.fleet().status();
        fx.stub.failNext(Fault.SLOW, 1, "DescribeServices");
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var returned = new java.util.concurrent.atomic.AtomicReference<io.nutrisage.app.monitoring.FleetStatus>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                returned.set(target.fleet().status());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        while (fx.stub.count("DescribeServices") < 2) {
            Thread.sleep(5);
        }

        target.close();
        caller.join(15_000);

        assertThat(caller.isAlive()).as("caller still blocked").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(returned.get().running()).isEqualTo(3);
        assertThat(target.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(target.status().detail()).isEqualTo("closed");
    }

    private static List<MetricSeries> readUntil(
            AwsMonitoringTarget target, Instant after, java.util.function.Predicate<List<?>> done) {
        List<MetricSeries> read = List.of();
        for (int i = 0; i < 5; i++) {
            read = target.metrics().read(EnumSet.of(MetricId.CPU_UTILIZATION), after);
            if (done.test(read.get(0).points()) && target.status().state() == ConnectionState.CONNECTED) {
                return read;
            }
        }
        return read;
    }
}
