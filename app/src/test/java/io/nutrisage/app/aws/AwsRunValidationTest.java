package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.session.Checklist.Check;
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
            List<Check> checks = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW);

            assertThat(checks)
                    .extracting(Check::name, Check::passed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ECS running tasks == desired tasks", false),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Application Auto Scaling scaled out during the run", true),
                            org.assertj.core.groups.Tuple.tuple("ALB target 5xx < 1 % of requests", true),
                            org.assertj.core.groups.Tuple.tuple(
                                    "p90 ModelLatencyMs < 500 ms in every minute (CloudWatch)", true));
            // The stub: 12 target 5xx in minute 7; requests 600 + 120 i per minute -> 11,400 in ten minutes.
            assertThat(checks.get(2).evidence()).isEqualTo("12 target 5xx of 11400 requests (0.105 %) over 10 minutes");
            assertThat(checks.get(3).evidence())
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
            List<Check> checks = AwsRunValidation.evaluate(target, StubFixture.FIRST_MINUTE, StubFixture.NOW);

            assertThat(checks.get(3).passed()).isFalse();
            assertThat(checks.get(3).evidence())
                    .startsWith("worst p90 512.0 ms in the minute ending 2026-11-23T11:56:00Z");
        }
    }
}
