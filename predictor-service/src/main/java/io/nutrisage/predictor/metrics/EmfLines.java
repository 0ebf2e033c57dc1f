package io.nutrisage.predictor.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.nutrisage.predictor.model.Grade;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats one {@link ModelSecond} as Embedded Metric Format lines.
 *
 * <p>The first line carries every metric: counts, input means and the first 100 latency and confidence values.
 * When the second kept more than 100 values, further lines carry only the next 100 {@code ModelLatencyMs} and
 * {@code Confidence} values each (counts are never repeated, so sums stay right). An idle second still writes one
 * line with zero counts, so "no traffic" reads as 0 rather than missing data.
 */
final class EmfLines {
    private static final JsonFactory JSON = new JsonFactory();

    private EmfLines() {}

    static void write(ModelSecond s, String serviceName, String modelVersion, EmfSink sink) {
        double[] latency = s.latencyMs();
        double[] confidence = s.confidence();
        int chunks =
                Math.max(1, (latency.length + ModelMetrics.MAX_VALUES_PER_LINE - 1) / ModelMetrics.MAX_VALUES_PER_LINE);
        for (int chunk = 0; chunk < chunks; chunk++) {
            sink.write(line(s, serviceName, modelVersion, latency, confidence, chunk));
        }
        sink.flush();
    }

    private static String line(
            ModelSecond s, String serviceName, String modelVersion, double[] latency, double[] conf, int chunk) {
        int from = chunk * ModelMetrics.MAX_VALUES_PER_LINE;
        int to = Math.min(latency.length, from + ModelMetrics.MAX_VALUES_PER_LINE);
        boolean values = to > from;
        boolean first = chunk == 0;
        StringWriter out = new StringWriter(256 + (to - from) * 14);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", s.second().toEpochMilli());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", ModelMetrics.NAMESPACE);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString(ModelMetrics.DIMENSION);
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            if (values) {
                definition(g, ModelMetrics.MODEL_LATENCY_MS, "Milliseconds");
                definition(g, ModelMetrics.CONFIDENCE, "None");
            }
            if (first) {
                definition(g, ModelMetrics.PREDICTIONS, "Count");
                definition(g, ModelMetrics.INVALID_RECORDS, "Count");
                for (Grade grade : Grade.values()) {
                    definition(g, ModelMetrics.gradeMetric(grade), "Count");
                }
                if (s.meanSugars().isPresent()) {
                    definition(g, ModelMetrics.INPUT_SUGARS_MEAN, "None");
                }
                if (s.meanSodium().isPresent()) {
                    definition(g, ModelMetrics.INPUT_SODIUM_MEAN, "None");
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField(ModelMetrics.DIMENSION, serviceName);
            g.writeStringField("ModelVersion", modelVersion);
            if (values) {
                g.writeArrayFieldStart(ModelMetrics.MODEL_LATENCY_MS);
                for (int i = from; i < to; i++) {
                    g.writeNumber(round(latency[i], 4));
                }
                g.writeEndArray();
                g.writeArrayFieldStart(ModelMetrics.CONFIDENCE);
                for (int i = from; i < to; i++) {
                    g.writeNumber(round(conf[i], 4));
                }
                g.writeEndArray();
            }
            if (first) {
                g.writeNumberField(ModelMetrics.PREDICTIONS, s.predictions());
                g.writeNumberField(ModelMetrics.INVALID_RECORDS, s.invalidRecords());
                for (Grade grade : Grade.values()) {
                    g.writeNumberField(ModelMetrics.gradeMetric(grade), s.count(grade));
                }
                if (s.meanSugars().isPresent()) {
                    g.writeFieldName(ModelMetrics.INPUT_SUGARS_MEAN);
                    g.writeNumber(round(s.meanSugars().getAsDouble(), 4));
                }
                if (s.meanSodium().isPresent()) {
                    g.writeFieldName(ModelMetrics.INPUT_SODIUM_MEAN);
                    g.writeNumber(round(s.meanSodium().getAsDouble(), 5));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format an EMF line", e);
        }
        return out.toString();
    }

    private static void definition(JsonGenerator g, String name, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Unit", unit);
        g.writeEndObject();
    }

    private static BigDecimal round(double value, int decimals) {
        // Fewer digits, smaller log lines; 0.1 us resolution is far below what the latency alarms look at.
        return BigDecimal.valueOf(value)
                .setScale(decimals, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }
}
