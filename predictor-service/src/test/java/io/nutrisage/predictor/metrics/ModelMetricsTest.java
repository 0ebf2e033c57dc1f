package io.nutrisage.predictor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import io.nutrisage.predictor.record.ProductRecords;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** EMF lines as CloudWatch reads them, parsed back and checked field by field. */
class ModelMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:07.250Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();

    private ModelMetrics metrics(int maxValuesPerSecond) {
        return new ModelMetrics("nutrisage-predictor", "model-v1", EmfSink.into(lines), maxValuesPerSecond, CLOCK);
    }

    private static ProductRecord record(double sugars, double salt) throws Exception {
        return ProductRecords.fromFields(Map.of("sugars_100g", sugars, "salt_100g", salt));
    }

    private static Prediction prediction(Grade grade, double confidence) {
        double[] p = new double[5];
        double rest = (1 - confidence) / 4;
        for (int i = 0; i < 5; i++) {
            p[i] = i == grade.ordinal() ? confidence : rest;
        }
        return Prediction.fromProbabilities(p);
    }

    private List<JsonNode> parsedLines() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).doesNotContain("\n");
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    private static List<String> metricNames(JsonNode line) {
        List<String> names = new ArrayList<>();
        line.at("/_aws/CloudWatchMetrics/0/Metrics")
                .forEach(m -> names.add(m.get("Name").asText()));
        return names;
    }

    @Test
    void aSecondBecomesOneEmfLineWithNamespaceDimensionUnitsAndValues() throws Exception {
        ModelMetrics metrics = metrics(1000);
        metrics.recordPrediction(record(10, 1.0), prediction(Grade.C, 0.9), 0.012);
        metrics.recordPrediction(record(30, 2.0), prediction(Grade.E, 0.7), 0.020);
        metrics.recordInvalid();

        metrics.flush();

        List<JsonNode> parsed = parsedLines();
        assertThat(parsed).hasSize(1);
        JsonNode line = parsed.getFirst();
        assertThat(line.at("/_aws/Timestamp").isIntegralNumber()).isTrue();
        assertThat(line.at("/_aws/Timestamp").asLong())
                .isEqualTo(Instant.parse("2026-11-23T18:00:07Z").toEpochMilli());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("NutriSage/Inference");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"ServiceName\"]]");
        assertThat(line.get("ServiceName").asText()).isEqualTo("nutrisage-predictor");
        assertThat(line.get("ModelVersion").asText()).isEqualTo("model-v1");
        Map<String, String> units = new java.util.LinkedHashMap<>();
        directive
                .get("Metrics")
                .forEach(m -> units.put(m.get("Name").asText(), m.get("Unit").asText()));
        assertThat(units)
                .containsEntry("ModelLatencyMs", "Milliseconds")
                .containsEntry("Confidence", "None")
                .containsEntry("Predictions", "Count")
                .containsEntry("InvalidRecords", "Count")
                .containsEntry("GradeA", "Count")
                .containsEntry("GradeE", "Count")
                .containsEntry("InputSugarsMean", "None")
                .containsEntry("InputSodiumMean", "None");
        // Every declared metric has its value on the line (CloudWatch drops the line otherwise).
        units.keySet().forEach(name -> assertThat(line.has(name)).as(name).isTrue());
        assertThat(line.get("ModelLatencyMs").toString()).isEqualTo("[0.012,0.02]");
        assertThat(line.get("Confidence").toString()).isEqualTo("[0.9,0.7]");
        assertThat(line.get("Predictions").asLong()).isEqualTo(2);
        assertThat(line.get("InvalidRecords").asLong()).isEqualTo(1);
        assertThat(line.get("GradeC").asLong()).isEqualTo(1);
        assertThat(line.get("GradeE").asLong()).isEqualTo(1);
        assertThat(line.get("GradeA").asLong()).isZero();
        assertThat(line.get("InputSugarsMean").asDouble()).isEqualTo(20.0);
        assertThat(line.get("InputSodiumMean").asDouble()).isEqualTo(0.6); // salt 1 and 2 g -> sodium 0.4, 0.8
    }

    @Test
    void moreThanOneHundredValuesSplitIntoLinesOfAtMostOneHundredAndCountsAppearOnce() throws Exception {
        ModelMetrics metrics = metrics(1000);
        ProductRecord r = record(5, 0.5);
        for (int i = 0; i < 250; i++) {
            metrics.recordPrediction(r, prediction(Grade.values()[i % 5], 0.8), i / 1000.0);
        }

        metrics.flush();

        List<JsonNode> parsed = parsedLines();
        assertThat(parsed).hasSize(3);
        assertThat(parsed).allSatisfy(line -> {
            assertThat(line.get("ModelLatencyMs").size()).isLessThanOrEqualTo(ModelMetrics.MAX_VALUES_PER_LINE);
            assertThat(line.get("Confidence").size())
                    .isEqualTo(line.get("ModelLatencyMs").size());
            assertThat(metricNames(line)).contains("ModelLatencyMs", "Confidence");
            assertThat(line.at("/_aws/Timestamp").asLong())
                    .isEqualTo(parsed.getFirst().at("/_aws/Timestamp").asLong());
        });
        assertThat(parsed.stream().mapToInt(l -> l.get("ModelLatencyMs").size()).sum())
                .isEqualTo(250);
        assertThat(parsed.get(0).get("Predictions").asLong()).isEqualTo(250);
        assertThat(parsed.subList(1, 3)).allSatisfy(line -> {
            assertThat(line.has("Predictions")).isFalse();
            assertThat(metricNames(line)).containsExactly("ModelLatencyMs", "Confidence");
        });
    }

    @Test
    void valuesBeyondTheCapAreSampledWhileCountsStayExact() throws Exception {
        ModelMetrics metrics = metrics(150);
        List<ModelSecond> seconds = new ArrayList<>();
        metrics.addListener(seconds::add);
        ProductRecord r = record(5, 0.5);
        for (int i = 0; i < 1000; i++) {
            metrics.recordPrediction(r, prediction(Grade.B, 0.6), 1 + i);
        }

        metrics.flush();

        ModelSecond second = seconds.getFirst();
        assertThat(second.predictions()).isEqualTo(1000);
        assertThat(second.count(Grade.B)).isEqualTo(1000);
        assertThat(second.sampled()).isTrue();
        assertThat(second.latencyMs()).hasSize(150);
        assertThat(java.util.Arrays.stream(second.latencyMs()).allMatch(v -> v >= 1 && v <= 1000))
                .isTrue();
        assertThat(lines).hasSize(2);
        assertThat(parsedLines().get(0).get("Predictions").asLong()).isEqualTo(1000);
    }

    @Test
    void anIdleSecondWritesZeroCountsAndNoValueArrays() throws Exception {
        ModelMetrics metrics = metrics(1000);

        metrics.flush();

        JsonNode line = parsedLines().getFirst();
        assertThat(line.get("Predictions").asLong()).isZero();
        assertThat(line.has("ModelLatencyMs")).isFalse();
        assertThat(line.has("InputSugarsMean")).isFalse();
        assertThat(metricNames(line)).doesNotContain("ModelLatencyMs", "Confidence", "InputSugarsMean");
    }

    @Test
    void consecutiveFlushesCloseConsecutiveSeconds() throws Exception {
        ModelMetrics metrics = metrics(1000);

        metrics.flush();
        metrics.flush();

        List<JsonNode> parsed = parsedLines();
        assertThat(parsed.get(1).at("/_aws/Timestamp").asLong()
                        - parsed.get(0).at("/_aws/Timestamp").asLong())
                .isEqualTo(1000);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersOrTheEmfLine() throws Exception {
        ModelMetrics metrics = metrics(1000);
        List<ModelSecond> seen = new ArrayList<>();
        metrics.addListener(s -> {
            throw new IllegalStateException("listener bug");
        });
        metrics.addListener(seen::add);
        metrics.recordPrediction(record(1, 0.1), prediction(Grade.A, 0.99), 0.01);

        metrics.flush();

        assertThat(seen).singleElement().satisfies(s -> assertThat(s.count(Grade.A))
                .isEqualTo(1));
        assertThat(lines).hasSize(1);
    }

    @Test
    void theBackgroundFlusherDeliversSecondsToListenersUntilClosed() throws Exception {
        BlockingQueue<ModelSecond> seconds = new LinkedBlockingQueue<>();
        try (ModelMetrics metrics =
                new ModelMetrics("svc", "model-v1", EmfSink.none(), 1000, Clock.systemUTC()).start()) {
            metrics.addListener(seconds::add);
            metrics.recordPrediction(record(3, 0.3), prediction(Grade.D, 0.5), 0.02);

            ModelSecond first = seconds.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.predictions()).isEqualTo(1);
        }
    }
}
