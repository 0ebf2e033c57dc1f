package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource.CapacityRange;
import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.model.DriftBand;
import io.nutrisage.predictor.model.DriftBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsMonitoringTargetTest {
    private StubFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void itsDetailsForAReportNameTheStackRegionAccountAndCaller() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Map<String, String> details =
                    target.details().stream().collect(Collectors.toMap(d -> d.label(), d -> d.value()));

            assertThat(details)
                    .containsEntry("Stack", NutriSageStack.ENV)
                    .containsEntry("Region", AwsStub.REGION)
                    .containsEntry("Account", AwsStub.ACCOUNT)
                    .containsEntry("Caller", "arn:aws:sts::" + AwsStub.ACCOUNT + ":assumed-role/NutriSageConsole/alice")
                    .containsEntry("Cluster / service", NutriSageStack.CLUSTER + " / " + NutriSageStack.SERVICE)
                    .containsEntry("Service URL", NutriSageStack.TARGET_URL)
                    .containsEntry("Load balancer", NutriSageStack.LOAD_BALANCER);
        }
    }

    @Test
    void everySeriesOfTheStubArrivesInConsoleUnitsFromOnePaginatedGetMetricDataCall() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Map<AwsSeries, AwsMetrics.SeriesData> all = target.metrics().readAll(StubFixture.FIRST_MINUTE);

            assertThat(all.keySet()).containsExactlyInAnyOrder(AwsSeries.values());
            for (AwsSeries s : AwsSeries.values()) {
                List<Datapoint> points = all.get(s).points();
                assertThat(points).as(s.name()).hasSize(10);
                for (int i = 0; i < 10; i++) {
                    Datapoint p = points.get(i);
                    // Stamped at the end of its minute, converted into the console's unit.
                    assertThat(p.time()).isEqualTo(StubFixture.FIRST_MINUTE.plus(Duration.ofMinutes(i + 1)));
                    assertThat(p.value())
                            .as(s + " minute " + i)
                            .isCloseTo(NutriSageStack.rawValue(s.name(), i) * s.scale(), within(1e-9));
                }
                assertThat(all.get(s).newest()).contains(Instant.parse("2026-11-23T12:00:00Z"));
            }
            // 10 points per series, 3 per page: one refresh = one call followed over 4 NextToken pages.
            assertThat(fx.stub.count("GetMetricData")).isEqualTo(4);
            assertThat(fx.stub.requests())
                    .filteredOn(r -> r.operation().equals("GetMetricData"))
                    .allSatisfy(r -> {
                        assertThat(r.protocol()).isEqualTo("CBOR");
                        assertThat(r.headers()).containsEntry("smithy-protocol", "rpc-v2-cbor");
                        assertThat(r.headers().get("Content-Type")).isEqualTo("application/cbor");
                    });
            assertThat(target.usage().metricsRequested()).isEqualTo(4L * AwsSeries.values().length);
        }
    }

    @Test
    void portReadReturnsEachRequestedSeriesAfterTheGivenTimeWithItsFreshness() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Instant after = Instant.parse("2026-11-23T11:57:00Z");
            List<MetricSeries> read = target.metrics().read(EnumSet.allOf(MetricId.class), after);

            assertThat(read).extracting(MetricSeries::id).containsExactly(MetricId.values());
            MetricSeries requests = read.stream()
                    .filter(m -> m.id() == MetricId.REQUEST_RATE)
                    .findFirst()
                    .orElseThrow();
            assertThat(requests.points())
                    .extracting(Datapoint::time)
                    .containsExactly(
                            Instant.parse("2026-11-23T11:58:00Z"),
                            Instant.parse("2026-11-23T11:59:00Z"),
                            Instant.parse("2026-11-23T12:00:00Z"));
            // RequestCount Sum per minute -> requests per second.
            assertThat(requests.points().get(2).value()).isCloseTo((600 + 120 * 9) / 60.0, within(1e-9));
            assertThat(requests.age(StubFixture.NOW)).contains(Duration.ofSeconds(30));
        }
    }

    @Test
    void theInputMeansArriveAsTheMinutesAverageInGramsPer100gInsideTheDriftBand() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Map<MetricId, MetricSeries> read = target
                    .metrics()
                    .read(EnumSet.of(MetricId.INPUT_SUGARS_MEAN, MetricId.INPUT_SODIUM_MEAN), StubFixture.FIRST_MINUTE)
                    .stream()
                    .collect(Collectors.toMap(MetricSeries::id, Function.identity()));

            DriftBaseline baseline = DriftBaseline.loadBundled();
            assertThat(read.get(MetricId.INPUT_SUGARS_MEAN).points())
                    .hasSize(10)
                    .allSatisfy(p ->
                            assertThat(baseline.sugars().contains(p.value())).isTrue())
                    .last()
                    .isEqualTo(new Datapoint(Instant.parse("2026-11-23T12:00:00Z"), 11.5 + 0.25 * 9));
            assertThat(read.get(MetricId.INPUT_SODIUM_MEAN).points())
                    .hasSize(10)
                    .allSatisfy(p ->
                            assertThat(baseline.sodium().contains(p.value())).isTrue());
            assertThat(read.get(MetricId.INPUT_SODIUM_MEAN).points().getFirst().value())
                    .isCloseTo(0.28, within(1e-12));
            assertThat(fx.stub.count("GetMetricData"))
                    .as("in the one call of the refresh")
                    .isEqualTo(4);
        }
    }

    @Test
    void theInferenceSeriesCarryTheNamesPredictorServiceWrites() {
        assertThat(List.of(
                        AwsSeries.MODEL_LATENCY_P90.metricName(),
                        AwsSeries.CONFIDENCE_AVG.metricName(),
                        AwsSeries.INPUT_SUGARS_MEAN.metricName(),
                        AwsSeries.INPUT_SODIUM_MEAN.metricName()))
                .containsExactly(
                        ModelMetrics.MODEL_LATENCY_MS,
                        ModelMetrics.CONFIDENCE,
                        ModelMetrics.INPUT_SUGARS_MEAN,
                        ModelMetrics.INPUT_SODIUM_MEAN);
        assertThat(DriftBaseline.loadBundled().bands())
                .extracting(DriftBand::metricName)
                .containsExactly(AwsSeries.INPUT_SUGARS_MEAN.metricName(), AwsSeries.INPUT_SODIUM_MEAN.metricName());
        assertThat(List.of(AwsSeries.INPUT_SUGARS_MEAN.stat(), AwsSeries.INPUT_SODIUM_MEAN.stat()))
                .containsOnly("Average");
    }

    @Test
    void laterRefreshesReReadTheTrailingMinutesSoLateDatapointsAppear() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Instant after = Instant.parse("2026-11-23T11:55:00Z");
            target.metrics().readAll(after);
            var cpu = NutriSageStack.SERIES.get("CPU_UTILIZATION");
            var sugars = NutriSageStack.SERIES.get("INPUT_SUGARS_MEAN");
            // One new minute, plus a revised point for a minute already read once (11:57 had another sugars mean).
            fx.stub.putMetric(sugars, List.of(new AwsStub.Point(Instant.parse("2026-11-23T11:57:00Z"), 18.5)));
            fx.stub.addMetricPoint(cpu, new AwsStub.Point(Instant.parse("2026-11-23T12:00:00Z"), 77));
            fx.clock.advance(Duration.ofMinutes(1));

            Map<AwsSeries, AwsMetrics.SeriesData> all = target.metrics().readAll(after);

            assertThat(all.get(AwsSeries.CPU_UTILIZATION).points())
                    .last()
                    .isEqualTo(new Datapoint(Instant.parse("2026-11-23T12:01:00Z"), 77));
            assertThat(all.get(AwsSeries.INPUT_SUGARS_MEAN).points())
                    .contains(new Datapoint(Instant.parse("2026-11-23T11:58:00Z"), 18.5));
            assertThat(all.get(AwsSeries.CPU_UTILIZATION).newest()).contains(Instant.parse("2026-11-23T12:01:00Z"));
        }
    }

    @Test
    void minutesThatAreNotOverYetWaitForTheNextRefresh() {
        var cpu = NutriSageStack.SERIES.get("CPU_UTILIZATION");
        fx.stub.addMetricPoint(cpu, new AwsStub.Point(Instant.parse("2026-11-23T12:00:00Z"), 12));
        try (AwsMonitoringTarget target = fx.connect()) {
            var points = target.metrics().readAll(StubFixture.FIRST_MINUTE).get(AwsSeries.CPU_UTILIZATION);

            assertThat(points.points())
                    .extracting(Datapoint::time)
                    .doesNotContain(Instant.parse("2026-11-23T12:01:00Z"));
            assertThat(points.newest()).contains(Instant.parse("2026-11-23T12:00:00Z"));
        }
    }

    @Test
    void fleetShowsCountsDeploymentsAndEventsNewestFirst() {
        try (AwsMonitoringTarget target = fx.connect()) {
            FleetStatus status = target.fleet().status();

            assertThat(status.running()).isEqualTo(3);
            assertThat(status.desired()).isEqualTo(4);
            assertThat(status.pending()).isEqualTo(1);
            assertThat(status.asOf()).isEqualTo(StubFixture.NOW);
            assertThat(status.deployments()).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo("PRIMARY");
                assertThat(d.taskDefinition()).endsWith("task-definition/nutrisage-predictor:7");
                assertThat(d.running()).isEqualTo(3);
                assertThat(List.of(d.desired(), d.pending())).containsExactly(4, 1);
                assertThat(d.id()).isEqualTo("ecs-svc/9223370564343611322");
                assertThat(d.rolloutState()).isEqualTo("COMPLETED");
                assertThat(d.rolloutStateReason()).isEqualTo("ECS deployment ecs-svc/9223370564343611322 completed.");
                assertThat(d.updatedAt())
                        .isEqualTo(d.createdAt().plus(Duration.ofHours(2).plusMinutes(8)));
            });
            assertThat(target.fleet().recentEvents())
                    .extracting(e -> e.message().substring(0, 40))
                    .containsExactly(
                            "(service nutrisage-predictor) has starte",
                            "(service nutrisage-predictor) registered",
                            "(service nutrisage-predictor) has reache");
            assertThat(fx.stub.requests())
                    .filteredOn(r -> r.operation().equals("DescribeServices"))
                    .allSatisfy(r -> assertThat(r.headers())
                            .containsEntry("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeServices"));
        }
    }

    @Test
    void scalingActivitiesAcrossPagesIncludeNotScaledOnesWithReconstructedCapacities() {
        try (AwsMonitoringTarget target = fx.connect()) {
            List<ScalingActivity> activities = target.scaling().recentActivities();

            assertThat(activities)
                    .extracting(ScalingActivity::id)
                    .containsExactly(
                            "e6c5f7d1-1111-4a2b-9c3d-000000000004",
                            "e6c5f7d1-1111-4a2b-9c3d-000000000003",
                            "e6c5f7d1-1111-4a2b-9c3d-000000000002",
                            "e6c5f7d1-1111-4a2b-9c3d-000000000001");
            assertThat(activities)
                    .extracting(a -> a.statusCode() + " " + a.fromCapacity() + "->" + a.toCapacity())
                    .containsExactly("Failed 5->5", "InProgress 4->5", "Successful 3->4", "Successful 2->3");
            assertThat(activities.get(0).description()).contains("not scaled: AlreadyAtMaxCapacity");
            assertThat(activities.get(2).cause()).contains("triggered policy nutrisage-cpu");
            assertThat(fx.stub.count("DescribeScalingActivities")).isEqualTo(2); // 2 per page
        }
    }

    @Test
    void policiesAndCapacityComeFromTheServicesScalableTarget() {
        try (AwsMonitoringTarget target = fx.connect()) {
            List<ScalingPolicy> policies = target.scaling().policies();

            assertThat(policies)
                    .containsExactly(
                            new ScalingPolicy(
                                    "nutrisage-cpu",
                                    MetricId.CPU_UTILIZATION,
                                    40,
                                    Duration.ofSeconds(300),
                                    Duration.ofSeconds(300)),
                            new ScalingPolicy(
                                    "nutrisage-alb-requests-per-target",
                                    MetricId.REQUEST_COUNT_PER_TARGET,
                                    30,
                                    Duration.ofSeconds(60),
                                    AwsScaling.DEFAULT_COOLDOWN));
            assertThat(target.scaling().capacityRange()).isEqualTo(new CapacityRange(1, 5));
        }
    }

    @Test
    void alarmsOfTheStackAndItsTargetTrackingAlarmsWithTransitionsNewestFirst() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Map<String, AlarmState> states =
                    target.alarms().alarms().stream().collect(Collectors.toMap(a -> a.name(), a -> a.state()));

            assertThat(states)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            NutriSageStack.STACK_ALARMS.get(0),
                            AlarmState.ALARM,
                            NutriSageStack.STACK_ALARMS.get(1),
                            AlarmState.OK,
                            NutriSageStack.STACK_ALARMS.get(2),
                            AlarmState.OK,
                            NutriSageStack.STACK_ALARMS.get(3),
                            AlarmState.INSUFFICIENT_DATA,
                            NutriSageStack.TT_HIGH,
                            AlarmState.ALARM,
                            NutriSageStack.TT_LOW,
                            AlarmState.OK));
            List<AlarmTransition> transitions = target.alarms().recentTransitions();
            assertThat(transitions)
                    .extracting(t -> t.alarmName() + ": " + t.summary())
                    .containsExactly(
                            NutriSageStack.STACK_ALARMS.get(0) + ": Alarm updated from OK to ALARM",
                            NutriSageStack.TT_HIGH + ": Alarm updated from OK to ALARM",
                            NutriSageStack.TT_LOW + ": Alarm updated from ALARM to OK");
            assertThat(transitions.get(0).reason()).startsWith("Threshold Crossed");
            assertThat(fx.stub.count("DescribeAlarms")).isGreaterThan(2); // names and prefix, 2 alarms per page
        }
    }

    @Test
    void alarmThresholdsAreInTheUnitsOfTheConsolesSeries() {
        try (AwsMonitoringTarget target = fx.connect()) {
            Map<String, Optional<Alarm.Threshold>> thresholds =
                    target.alarms().alarms().stream().collect(Collectors.toMap(Alarm::name, Alarm::threshold));

            assertThat(thresholds)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            NutriSageStack.STACK_ALARMS.get(0),
                            Optional.of(new Alarm.Threshold(MetricId.CPU_UTILIZATION, 50)),
                            NutriSageStack.STACK_ALARMS.get(1),
                            Optional.of(new Alarm.Threshold(MetricId.MODEL_LATENCY_P90, 500)),
                            // 30 errors in the minute: the console's 5xx series is per second.
                            NutriSageStack.STACK_ALARMS.get(2),
                            Optional.of(new Alarm.Threshold(MetricId.TARGET_5XX, 0.5)),
                            // UnHealthyHostCount is not one of the console's series.
                            NutriSageStack.STACK_ALARMS.get(3),
                            Optional.empty(),
                            NutriSageStack.TT_HIGH,
                            Optional.of(new Alarm.Threshold(MetricId.CPU_UTILIZATION, 40)),
                            NutriSageStack.TT_LOW,
                            Optional.of(new Alarm.Threshold(MetricId.CPU_UTILIZATION, 36))));
            assertThat(target.alarms().alarms())
                    .filteredOn(Alarm::ofTargetTracking)
                    .extracting(Alarm::name)
                    .containsExactlyInAnyOrder(NutriSageStack.TT_HIGH, NutriSageStack.TT_LOW);
        }
    }

    @Test
    void aSumAlarmOfAnotherPeriodHasNoThresholdInPerSecondUnits() {
        software.amazon.awssdk.services.cloudwatch.model.MetricAlarm fiveMinutes =
                software.amazon.awssdk.services.cloudwatch.model.MetricAlarm.builder()
                        .alarmName("5xx-5min")
                        .namespace("AWS/ApplicationELB")
                        .metricName("HTTPCode_Target_5XX_Count")
                        .statistic("Sum")
                        .period(300)
                        .threshold(30.0)
                        .build();
        AwsTargetSpec spec = fx.spec();

        assertThat(AwsAlarms.threshold(fiveMinutes, spec)).isEmpty();
        assertThat(AwsAlarms.threshold(fiveMinutes.toBuilder().period(60).build(), spec))
                .contains(new Alarm.Threshold(MetricId.TARGET_5XX, 0.5));
        assertThat(AwsAlarms.threshold(fiveMinutes.toBuilder().metricName(null).build(), spec))
                .as("metric math")
                .isEmpty();
    }

    @Test
    void logTailFollowsPagesFiltersCaseInsensitivelyAndPicksUpNewLinesOnce() {
        try (AwsMonitoringTarget target = fx.connect()) {
            List<LogLine> all = target.logs().tail("", 100);

            assertThat(all).hasSize(7);
            assertThat(all.get(0).message())
                    .isEqualTo("2026-11-23T11:50:05.000Z [main] INFO io.nutrisage.predictor.Main - NutriSage predictor"
                            + " listening on port 8000 (model nutriscore-xgb-3, ready: true)");
            // The ERROR line and the exception's first line.
            assertThat(all).filteredOn(LogLine::isError).hasSize(2);
            assertThat(target.logs().tail("request post /PREDICT failed", 100))
                    .singleElement()
                    .satisfies(l -> assertThat(l.stream()).startsWith("ecs/predictor/"));
            assertThat(target.logs().tail("", 2))
                    .extracting(LogLine::message)
                    .last()
                    .asString()
                    .endsWith("Predictor server on port 8000 stopped after draining for 212 ms");

            fx.stub.addLogEvent(new AwsStub.LogEvent(
                    NutriSageStack.LOG_GROUP,
                    "ecs/predictor/other",
                    StubFixture.NOW.toEpochMilli(),
                    "WARN  slow request",
                    "99999"));
            List<LogLine> again = target.logs().tail("", 100);
            assertThat(again).hasSize(8);
            assertThat(again).extracting(LogLine::id).doesNotHaveDuplicates();
            assertThat(again.get(7).message()).isEqualTo("WARN  slow request");
        }
    }

    @Test
    void portCallsWithinThePollingIntervalAreAnsweredFromTheCache() {
        AwsPolling polling = AwsPolling.defaults();
        try (AwsMonitoringTarget target = fx.connect(fx.settings(), polling)) {
            target.fleet().status();
            target.fleet().status();
            target.fleet().recentEvents();
            assertThat(fx.stub.count("DescribeServices")).isEqualTo(1);

            fx.clock.advance(polling.fleetInterval());
            target.fleet().status();
            assertThat(fx.stub.count("DescribeServices")).isEqualTo(2);
        }
    }

    @Test
    void statusIsConnectedWithTheCallerIdentityOnceFeedsAnswer() {
        try (AwsMonitoringTarget target = fx.connect()) {
            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTING);
            target.fleet().status();

            assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(target.status().detail()).contains("assumed-role/NutriSageConsole/alice");
            assertThat(target.status().lastContact()).contains(StubFixture.NOW);
            assertThat(target.displayName()).isEqualTo("AWS nutrisage (eu-west-1)");
            assertThat(target.serviceEndpoint()).hasToString(NutriSageStack.TARGET_URL);
        }
    }

    @Test
    void closeStopsEveryFeedAndLeavesTheLastDataReadable() {
        AwsMonitoringTarget target = fx.connect();
        target.fleet().status();
        long before = fx.stub.requests().size();

        target.close();
        target.close();

        assertThat(target.fleet().status().running()).isEqualTo(3);
        assertThat(target.metrics().read(EnumSet.of(MetricId.CPU_UTILIZATION), StubFixture.FIRST_MINUTE))
                .singleElement()
                .satisfies(s -> assertThat(s.points()).isEmpty());
        assertThat(target.logs().tail("", 10)).isEmpty();
        assertThat(fx.stub.requests()).hasSize((int) before);
        assertThat(target.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void aStackWithoutLoadBalancerNamesQueriesOnlyTheSeriesItCanAnswer() {
        AwsTargetSpec spec = AwsTargetSpec.byHand(
                NutriSageStack.CLUSTER,
                NutriSageStack.SERVICE,
                "",
                "",
                java.net.URI.create("http://localhost:8000"),
                "");
        try (AwsMonitoringTarget target = AwsTargets.connect(spec, fx.settings(), AwsPolling.unthrottled(), fx.clock)) {
            Map<AwsSeries, AwsMetrics.SeriesData> all = target.metrics().readAll(StubFixture.FIRST_MINUTE);

            assertThat(target.metrics().queriedSeries())
                    .doesNotContain(AwsSeries.REQUEST_RATE, AwsSeries.HEALTHY_HOSTS)
                    .contains(AwsSeries.CPU_UTILIZATION, AwsSeries.MODEL_LATENCY_P90);
            assertThat(all.get(AwsSeries.CPU_UTILIZATION).points()).hasSize(10);
            assertThat(all.get(AwsSeries.REQUEST_RATE).points()).isEmpty();
            assertThat(all.get(AwsSeries.REQUEST_RATE).newest()).isEqualTo(Optional.empty());
            assertThat(target.logs().tail("", 10)).isEmpty();
        }
    }

    static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, t -> t));
    }
}
