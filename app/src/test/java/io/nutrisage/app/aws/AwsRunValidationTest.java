package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.RunCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsRunValidationTest {
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
    void checksTheRunFromEcsScalingAlbAndInferenceData() {
        try (AwsMonitoringTarget target = fx.connect()) {
            List<RunCheck> checks = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW);

            assertThat(checks)
                    .extracting(RunCheck::name, RunCheck::passed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ECS running tasks == desired tasks", false),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Application Auto Scaling scaled out during the run", true),
                            org.assertj.core.groups.Tuple.tuple("ALB target 5xx < 1 % of requests", true),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Predictor log: failed requests < 1 % of requests, no other ERROR line", true),
                            org.assertj.core.groups.Tuple.tuple(
                                    "p90 ModelLatencyMs < 500 ms in every minute (CloudWatch)", true));
            // The stub: 12 target 5xx in minute 7; requests 600 + 120 i per minute -> 11,400 in ten minutes.
            assertThat(checks.get(2).evidence()).isEqualTo("12 target 5xx of 11400 requests (0.105 %) over 10 minutes");
            // Only the ERROR line counts: CloudWatch filtered out INFO, EMF and stack trace lines.
            assertThat(checks.get(3).evidence())
                    .isEqualTo("1 failed-request and 0 other ERROR lines in /ecs/nutrisage-predictor (0.009 % of 11400"
                            + " ALB requests); first failed request: 2026-11-23T11:51:05.000Z [helidon-server-17] ERROR"
                            + " io.nutrisage.predictor.http.PredictorService - Request POST /predict failed");
            assertThat(checks.get(4).evidence())
                    .startsWith("worst p90 183.0 ms in the minute ending 2026-11-23T12:00:00Z");
            assertThat(checks.get(0).evidence()).contains("running 3, desired 4, pending 1");
        }
    }

    @Test
    void aSlowMinuteFailsTheLatencyCheck() {
        fx.stub.addMetricPoint(
                NutriSageStack.SERIES.get("MODEL_LATENCY_P90"),
                new AwsStub.Point(Instant.parse("2026-11-23T11:55:00Z"), 512));
        try (AwsMonitoringTarget target = fx.connect()) {
            List<RunCheck> checks = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW);

            assertThat(checks.get(4).passed()).isFalse();
            assertThat(checks.get(4).evidence())
                    .startsWith("worst p90 512.0 ms in the minute ending 2026-11-23T11:56:00Z");
        }
    }

    private void addFailedRequests(int n, Instant first) {
        for (int i = 0; i < n; i++) {
            Instant at = first.plusMillis(100L * i);
            fx.stub.addLogEvent(new AwsStub.LogEvent(
                    NutriSageStack.LOG_GROUP,
                    "ecs/predictor/5e6f",
                    at.toEpochMilli(),
                    NutriSageStack.requestFailed(at),
                    "failed-" + i));
        }
    }

    @Test
    void failedRequestsAboveOnePercentOfAlbRequestsFailTheLogCheckReadOverPages() {
        // 150 + the stack's one = 151 of 11,400 requests = 1.32 %; 100 events per page: two pages.
        addFailedRequests(150, Instant.parse("2026-11-23T11:55:00Z"));
        fx.stub.pageSizes(3, 2, 100);
        try (AwsMonitoringTarget target = fx.connect()) {
            RunCheck check = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW)
                    .get(3);

            assertThat(check.passed()).isFalse();
            assertThat(check.evidence())
                    .startsWith("151 failed-request and 0 other ERROR lines in /ecs/nutrisage-predictor (1.325 % of"
                            + " 11400 ALB requests)");
            assertThat(fx.stub.count("FilterLogEvents")).isEqualTo(2);
        }
    }

    @Test
    void aLogTooLongToReadWithinTheBoundedPagesCannotPass() {
        addFailedRequests(30, Instant.parse("2026-11-23T11:55:00Z"));
        fx.stub.pageSizes(3, 2, 3);
        try (AwsMonitoringTarget target = fx.connect()) {
            RunCheck check = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW)
                    .get(3);

            assertThat(check.passed()).isFalse();
            assertThat(check.evidence())
                    .startsWith("at least 30 failed-request and 0 other ERROR lines")
                    .contains("; stopped after 10 pages");
            assertThat(fx.stub.count("FilterLogEvents")).isEqualTo(AwsLogs.MAX_ERROR_PAGES);
        }
    }

    @Test
    void anyOtherErrorLineInTheRunFailsTheLogCheckButLinesAfterTheRunDoNot() {
        Instant end = Instant.parse("2026-11-23T11:58:00Z");
        fx.stub.addLogEvent(new AwsStub.LogEvent(
                NutriSageStack.LOG_GROUP,
                "ecs/predictor/5e6f",
                Instant.parse("2026-11-23T11:56:00Z").toEpochMilli(),
                "2026-11-23T11:56:00.000Z [emf-flusher] ERROR io.nutrisage.predictor.metrics.ModelMetrics - Writing"
                        + " model metrics failed",
                "other-1"));
        addFailedRequests(500, end.plusSeconds(1));
        try (AwsMonitoringTarget target = fx.connect()) {
            RunCheck check = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, end)
                    .get(3);

            assertThat(check.passed()).isFalse();
            assertThat(check.evidence())
                    .startsWith("1 failed-request and 1 other ERROR lines")
                    .contains("; first other: 2026-11-23T11:56:00.000Z [emf-flusher] ERROR"
                            + " io.nutrisage.predictor.metrics.ModelMetrics - Writing model metrics failed");
        }
    }

    @Test
    void withoutALogGroupOrWhenLogsFailTheCheckSaysWhy() {
        AwsTargetSpec s = fx.spec();
        AwsTargetSpec noLogs = new AwsTargetSpec(
                s.name(),
                s.clusterName(),
                s.serviceName(),
                s.loadBalancerFullName(),
                s.targetGroupFullName(),
                s.targetUrl(),
                "",
                s.metricNamespace(),
                s.inferenceDimensionName(),
                s.inferenceDimensionValue(),
                s.alarmNames(),
                s.dashboardName(),
                "");
        try (AwsMonitoringTarget target =
                AwsTargets.connect(noLogs, fx.settings(), AwsPolling.unthrottled(), fx.clock)) {
            RunCheck check = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW)
                    .get(3);
            assertThat(check.passed()).isFalse();
            assertThat(check.evidence()).startsWith("no log group given");
        }
        fx.stub.failNext(AwsStub.Fault.EXPIRED_TOKEN, 5, "FilterLogEvents");
        try (AwsMonitoringTarget target = fx.connect()) {
            RunCheck check = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW)
                    .get(3);
            assertThat(check.passed()).isFalse();
            assertThat(check.evidence())
                    .startsWith("cannot read /ecs/nutrisage-predictor: ")
                    .contains("aws sso login --profile nutrisage-test");
        }
    }

    @Test
    void theStubsFilterPatternFollowsCloudWatchTermRules() {
        String line = NutriSageStack.requestFailed(StubFixture.NOW);
        assertThat(AwsStub.matchesFilterPattern("ERROR", line)).isTrue();
        assertThat(AwsStub.matchesFilterPattern("ERROR \"Request POST\"", line)).isTrue();
        assertThat(AwsStub.matchesFilterPattern("ERROR -PredictorService", line))
                .isFalse();
        assertThat(AwsStub.matchesFilterPattern("?WARN ?ERROR", line)).isTrue();
        assertThat(AwsStub.matchesFilterPattern("?WARN ?FATAL", line)).isFalse();
        assertThat(AwsStub.matchesFilterPattern("error", line)).isFalse();
        assertThat(AwsStub.matchesFilterPattern("", line)).isTrue();
    }
}
