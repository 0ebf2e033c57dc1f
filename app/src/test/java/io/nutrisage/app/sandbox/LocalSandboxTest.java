package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.predictor.model.GradePredictors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LocalSandboxTest {
    private static final String RECORD =
            "{\"energy_100g\": 2966, \"fat_100g\": 69, \"saturated_fat_100g\": 6, \"sugars_100g\": 2.5,"
                    + " \"salt_100g\": 0.05, \"fiber_100g\": 6.5, \"proteins_100g\": 16}";

    @Test
    void frontForwardsToReplicasAndTheSampleReportsRatesCpuLatencyAndConfidence() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T17:00:00Z"));
        InstantSource clock = now::get;
        var settings = SandboxSettings.defaults(Duration.ofSeconds(6), Duration.ofSeconds(1));
        try (var sandbox = LocalSandbox.manual(
                        settings, LocalSandbox.serviceReplicas(GradePredictors.loadBundled()), clock);
                var client = HttpClient.newHttpClient()) {
            // Start-up delay is 60 s AWS = 6 s sandbox time; wait for the replica itself too.
            now.set(now.get().plusSeconds(6));
            for (int i = 0; i < 300 && sandbox.fleet().status().running() == 0; i++) {
                sandbox.tick();
                Thread.sleep(50);
            }
            assertThat(sandbox.fleet().status().running()).isEqualTo(1);

            URI predict = sandbox.serviceEndpoint().resolve("/predict");
            int ok = 0;
            for (int i = 0; i < 200; i++) {
                var response = client.send(
                        HttpRequest.newBuilder(predict)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(RECORD))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().matches("(?s).*\"grade\":\"[A-E]\".*")) {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(200);
            var bad = client.send(
                    HttpRequest.newBuilder(predict)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"fat_100g\": -1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.body()).contains("fat_100g");

            // The replica publishes its model metrics once per second.
            Thread.sleep(1_500);
            Instant before = now.get();
            now.set(now.get().plusSeconds(2));
            sandbox.tick();
            Map<MetricId, MetricSeries> series = sandbox.metrics().read(EnumSet.allOf(MetricId.class), before).stream()
                    .collect(Collectors.toMap(MetricSeries::id, s -> s));
            assertThat(series.get(MetricId.REQUEST_RATE).points())
                    .singleElement()
                    .satisfies(p -> assertThat(p.value()).isEqualTo(201 / 2.0));
            assertThat(series.get(MetricId.REQUEST_COUNT_PER_TARGET)
                            .points()
                            .getFirst()
                            .value())
                    .isEqualTo(201.0);
            assertThat(series.get(MetricId.CPU_UTILIZATION).points().getFirst().value())
                    .isPositive();
            assertThat(series.get(MetricId.MODEL_LATENCY_P90)
                            .points()
                            .getFirst()
                            .value())
                    .isPositive();
            assertThat(series.get(MetricId.CONFIDENCE_AVG).points().getFirst().value())
                    .isBetween(0.5, 1.0);
            assertThat(series.get(MetricId.RUNNING_TASKS).points().getFirst().value())
                    .isEqualTo(1.0);
            assertThat(series.get(MetricId.TARGET_5XX).points().getFirst().value())
                    .isZero();
            assertThat(series.get(MetricId.RUNNING_TASKS).newest()).contains(now.get());
        }
    }

    @Test
    void sustainedLoadAboveTargetScalesOutWithAnActivityAlarmTransitionAndServiceEvents() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T17:00:00Z"));
        var settings = SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (var sandbox = LocalSandbox.manual(
                        settings, LocalSandbox.serviceReplicas(GradePredictors.loadBundled()), now::get);
                var client = HttpClient.newHttpClient()) {
            now.set(now.get().plusSeconds(1));
            for (int i = 0; i < 300 && sandbox.fleet().status().running() == 0; i++) {
                sandbox.tick();
                Thread.sleep(50);
            }
            URI predict = sandbox.serviceEndpoint().resolve("/predict");
            // 4 sandbox minutes at 90 requests per target per second: target 30 -> high alarm after 3.
            for (int minute = 0; minute < 4; minute++) {
                for (int i = 0; i < 90; i++) {
                    client.send(
                            HttpRequest.newBuilder(predict)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(RECORD))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                }
                now.set(now.get().plusSeconds(1));
                sandbox.tick();
            }
            assertThat(sandbox.scaling().recentActivities()).first().satisfies(a -> {
                assertThat(a.description()).isEqualTo("Setting desired count to 3.");
                assertThat(a.cause())
                        .contains("AlarmHigh")
                        .endsWith("triggered policy nutrisage-alb-requests-per-target");
            });
            assertThat(sandbox.alarms().recentTransitions())
                    .anySatisfy(t -> assertThat(t.reason()).contains("were greater than the threshold (30.0)"));
            assertThat(sandbox.fleet().status().desired()).isEqualTo(3);
            assertThat(sandbox.fleet().recentEvents())
                    .anySatisfy(e -> assertThat(e.message()).startsWith("(service nutrisage-predictor) has started 1 tasks"));
            assertThat(sandbox.logs().tail("application-autoscaling", 10))
                    .anySatisfy(l -> assertThat(l.message()).startsWith("Setting desired count to 3."));
        }
    }
}
