package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.predictor.metrics.ModelMetrics;
import io.nutrisage.predictor.model.GradePredictors;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
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
    void aReplicaPublishesTheMeanSugarsAndSodiumOfTheRealRecordsItGraded() throws Exception {
        // The loadgen's built-in sample: real Open Food Facts products, the bodies a console run posts. Only records
        // that declare both nutrients, so the expected means are plain means (see ServiceReplica on the weights).
        List<byte[]> bodies = new ArrayList<>();
        double sugars = 0;
        double sodium = 0;
        var json = new ObjectMapper();
        try (var records = RecordSources.builtInSample().open(skipped -> {})) {
            for (LoadRecord r = records.next(); r != null && bodies.size() < 60; r = records.next()) {
                ProductRecord record;
                try {
                    record = ProductRecords.fromFields(
                            json.readValue(r.json(), new TypeReference<Map<String, Object>>() {}));
                } catch (InvalidRecordException e) {
                    continue;
                }
                if (record.has(Nutrient.SUGARS) && record.has(Nutrient.SODIUM)) {
                    bodies.add(r.json());
                    sugars += record.value(Nutrient.SUGARS);
                    sodium += record.value(Nutrient.SODIUM);
                }
            }
        }
        assertThat(bodies).hasSize(60);
        double sugarsMean = sugars / bodies.size();
        double sodiumMean = sodium / bodies.size();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T17:00:00Z"));
        var settings = SandboxSettings.defaults(Duration.ofSeconds(6), Duration.ofSeconds(1));
        try (var sandbox = runningSandbox(settings, now);
                var client = HttpClient.newHttpClient()) {
            URI predict = sandbox.serviceEndpoint().resolve("/predict");
            for (byte[] body : bodies) {
                var response = client.send(
                        HttpRequest.newBuilder(predict)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
            }
            Thread.sleep(1_500); // the replica's metrics close each second
            Instant before = now.get();
            now.set(now.get().plusSeconds(2));
            sandbox.tick();

            Map<MetricId, MetricSeries> series = inputMeans(sandbox, before);
            assertThat(series.get(MetricId.INPUT_SUGARS_MEAN).points())
                    .singleElement()
                    .satisfies(p -> assertThat(p.value()).isCloseTo(sugarsMean, within(1e-9)));
            assertThat(series.get(MetricId.INPUT_SODIUM_MEAN).points())
                    .singleElement()
                    .satisfies(p -> assertThat(p.value()).isCloseTo(sodiumMean, within(1e-9)));
            assertThat(MetricId.INPUT_SUGARS_MEAN.metricName()).isEqualTo(ModelMetrics.INPUT_SUGARS_MEAN);
            assertThat(MetricId.INPUT_SODIUM_MEAN.metricName()).isEqualTo(ModelMetrics.INPUT_SODIUM_MEAN);
        }
    }

    @Test
    void severalReplicasAreAveragedByTheRecordsEachGraded() throws Exception {
        // Replica 0 graded 30 records (sugars 10 g, sodium 0.2 g), replica 1 graded 10 (40 g, 1.0 g): the fleet's
        // mean is that of the 40 records, 17.5 g and 0.4 g, not the average of the two replicas (25 g, 0.6 g).
        List<ModelInterval> intervals = List.of(interval(30, 10, 0.2), interval(10, 40, 1.0));
        AtomicInteger started = new AtomicInteger();
        ReplicaFactory fixed = taskId -> new FixedReplica(intervals.get(started.getAndIncrement() % 2));
        var defaults = SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(1));
        var settings = new SandboxSettings(
                defaults.autoscaling(),
                defaults.sampleInterval(),
                defaults.awsTaskStartDelay(),
                defaults.awsDeregistrationDelay(),
                defaults.cpuUnitsPerTask(),
                defaults.memoryMiBPerTask(),
                2,
                defaults.clusterName(),
                defaults.serviceName(),
                defaults.alarms());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T17:00:00Z"));
        try (var sandbox = LocalSandbox.manual(settings, fixed, now::get)) {
            for (int i = 0; i < 300 && sandbox.fleet().status().running() < 2; i++) {
                now.set(now.get().plusSeconds(1));
                sandbox.tick();
                Thread.sleep(10);
            }
            assertThat(sandbox.fleet().status().running()).isEqualTo(2);
            Instant before = now.get();
            now.set(now.get().plusSeconds(1));
            sandbox.tick();

            Map<MetricId, MetricSeries> series = inputMeans(sandbox, before);
            assertThat(series.get(MetricId.INPUT_SUGARS_MEAN).points().getLast().value())
                    .isCloseTo(17.5, within(1e-9));
            assertThat(series.get(MetricId.INPUT_SODIUM_MEAN).points().getLast().value())
                    .isCloseTo(0.4, within(1e-9));
        }
    }

    @Test
    void alarmsReportTheThresholdOfTheSeriesTheyWatch() throws Exception {
        var settings = SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(1));
        var infra = io.nutrisage.infra.InfraDefaults.load();
        ReplicaFactory idle = taskId -> new FixedReplica(interval(0, 0, 0));
        try (var sandbox = LocalSandbox.manual(settings, idle, () -> Instant.parse("2026-11-23T17:00:00Z"))) {
            Map<String, Alarm> alarms =
                    sandbox.alarms().alarms().stream().collect(Collectors.toMap(Alarm::name, a -> a));

            assertThat(alarms.get(infra.names().highCpuAlarm()).threshold())
                    .contains(new Alarm.Threshold(
                            MetricId.CPU_UTILIZATION, infra.alarms().highCpuThresholdPercent()));
            assertThat(alarms.get(infra.names().latencyP90Alarm()).threshold())
                    .contains(new Alarm.Threshold(
                            MetricId.MODEL_LATENCY_P90, infra.alarms().latencyP90ThresholdMs()));
            // Each policy's high alarm is at its target, the low one at 90 % of it.
            List<Alarm.Threshold> scaling = alarms.values().stream()
                    .filter(Alarm::ofTargetTracking)
                    .map(a -> a.threshold().orElseThrow())
                    .toList();
            List<Alarm.Threshold> expected = new ArrayList<>();
            for (var policy : settings.autoscaling().policies()) {
                expected.add(new Alarm.Threshold(policy.metric(), policy.targetValue()));
                expected.add(new Alarm.Threshold(
                        policy.metric(), AutoscalingSettings.LOW_ALARM_FACTOR * policy.targetValue()));
            }
            assertThat(scaling).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(alarms.values().stream().filter(a -> !a.ofTargetTracking()))
                    .extracting(Alarm::name)
                    .containsExactlyInAnyOrder(
                            infra.names().highCpuAlarm(), infra.names().latencyP90Alarm());
        }
    }

    @Test
    void aSecondWithoutTheNutrientAddsNothingToItsMean() {
        var mean = ModelInterval.WeightedMean.NONE
                .plus(OptionalDouble.of(2), 3)
                .plus(OptionalDouble.empty(), 5)
                .plus(OptionalDouble.of(6), 1);

        assertThat(mean.records()).isEqualTo(4);
        assertThat(mean.mean()).hasValue(3.0);
        assertThat(ModelInterval.WeightedMean.NONE.mean()).isEmpty();
    }

    /** An interval of {@code predictions} records whose every second had these means. */
    private static ModelInterval interval(long predictions, double sugars, double sodium) {
        return new ModelInterval(
                ModelInterval.newHistogram(),
                0,
                predictions,
                0,
                ModelInterval.WeightedMean.NONE.plus(OptionalDouble.of(sugars), predictions),
                ModelInterval.WeightedMean.NONE.plus(OptionalDouble.of(sodium), predictions));
    }

    /** A replica that reports the same interval at every sample. */
    private record FixedReplica(ModelInterval interval) implements Replica {
        @Override
        public URI endpoint() {
            return URI.create("http://127.0.0.1:9");
        }

        @Override
        public long cpuTimeNanos() {
            return 0;
        }

        @Override
        public ModelInterval takeInterval() {
            return interval;
        }

        @Override
        public void close() {}
    }

    @Test
    void sustainedLoadAboveTargetScalesOutWithAnActivityAlarmTransitionAndServiceEvents() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T17:00:00Z"));
        var settings = SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (var sandbox = runningSandbox(settings, now);
                var client = HttpClient.newHttpClient()) {
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
            assertThat(sandbox.fleet().recentEvents()).anySatisfy(e -> assertThat(e.message())
                    .startsWith("(service nutrisage-predictor) has started 1 tasks"));
            assertThat(sandbox.logs().tail("application-autoscaling", 10))
                    .anySatisfy(l -> assertThat(l.message()).startsWith("Setting desired count to 3."));
        }
    }

    @Test
    void itsDetailsForAReportAreTheSettingsItRunsWith() throws Exception {
        var settings = SandboxSettings.defaults(Duration.ofMillis(500), Duration.ofMillis(500));
        try (var sandbox = LocalSandbox.manual(
                settings,
                LocalSandbox.serviceReplicas(GradePredictors.loadBundled()),
                () -> Instant.parse("2026-11-23T17:00:00Z"))) {
            Map<String, String> details =
                    sandbox.details().stream().collect(Collectors.toMap(d -> d.label(), d -> d.value()));

            assertThat(details.get("Replicas"))
                    .endsWith(sandbox.serviceEndpoint().toString());
            assertThat(details.get("Sandbox minute"))
                    .isEqualTo("0.5 s of real time per CloudWatch minute (the AWS durations below run 120× faster)");
            assertThat(details.get("Capacity")).isEqualTo("1 to 5 tasks, 1 at start");
            assertThat(details.get("Tasks"))
                    .isEqualTo("1024 CPU units, 2048 MiB; start-up 60 s, deregistration delay 30 s");
            assertThat(details.get("Scaling policies"))
                    .contains("RequestCountPerTarget at 30 (cooldowns 60 s out, 300 s in)")
                    .contains("CPUUtilization at 40");
            assertThat(details.get("Alarms"))
                    .contains(settings.alarms().getFirst().name()
                            + ": CPUUtilization greater than 80 for 3 of 3 periods");
        }
    }

    /** A manual sandbox whose first task runs, its clock one sandbox minute past the start. */
    private static LocalSandbox runningSandbox(SandboxSettings settings, AtomicReference<Instant> now)
            throws Exception {
        LocalSandbox sandbox =
                LocalSandbox.manual(settings, LocalSandbox.serviceReplicas(GradePredictors.loadBundled()), now::get);
        now.set(now.get().plus(settings.autoscaling().period()));
        for (int i = 0; i < 300 && sandbox.fleet().status().running() == 0; i++) {
            sandbox.tick();
            Thread.sleep(50);
        }
        return sandbox;
    }

    /** The sandbox's two input-mean series after {@code after}, by id. */
    private static Map<MetricId, MetricSeries> inputMeans(LocalSandbox sandbox, Instant after) {
        return sandbox
                .metrics()
                .read(EnumSet.of(MetricId.INPUT_SUGARS_MEAN, MetricId.INPUT_SODIUM_MEAN), after)
                .stream()
                .collect(Collectors.toMap(MetricSeries::id, s -> s));
    }
}
