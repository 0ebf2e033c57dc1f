package io.nutrisage.predictor.metrics;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.Prediction;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics of one server instance, exposed as text on {@code GET /metrics}. Each instance has its own
 * registry, so several replicas can run in one JVM. Thread-safe; the per-request methods only touch cached data
 * points (no label lookups on the hot path after the first request of a route and status).
 *
 * <p>Exposed: {@code predictor_http_requests_total{route,status}}, {@code
 * predictor_http_request_duration_seconds{route}} (histogram), {@code predictor_predictions_total{grade}}, {@code
 * predictor_prediction_confidence} (histogram), {@code predictor_model_latency_seconds} (histogram), {@code
 * predictor_invalid_records_total}.
 */
public final class HttpMetrics {
    /** The {@code Content-Type} of {@link #writeText}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram duration;
    private final Histogram modelLatency;
    private final Histogram confidence;
    private final CounterDataPoint invalidRecords;
    private final CounterDataPoint[] grades = new CounterDataPoint[Grade.values().length];
    private final ConcurrentHashMap<String, DistributionDataPoint> durationByRoute = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CounterDataPoint> requestsByRouteStatus = new ConcurrentHashMap<>();

    public HttpMetrics() {
        requests = Counter.builder()
                .name("predictor_http_requests_total")
                .help("HTTP requests answered, by route and status code")
                .labelNames("route", "status")
                .withoutExemplars()
                .register(registry);
        duration = Histogram.builder()
                .name("predictor_http_request_duration_seconds")
                .help("Time from routing a request to handing its answer to the server, by route")
                .labelNames("route")
                .classicOnly()
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .withoutExemplars()
                .register(registry);
        modelLatency = Histogram.builder()
                .name("predictor_model_latency_seconds")
                .help("Time spent in the model per graded record")
                .classicOnly()
                .classicUpperBounds(0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01)
                .withoutExemplars()
                .register(registry);
        confidence = Histogram.builder()
                .name("predictor_prediction_confidence")
                .help("Probability of the predicted grade")
                .classicOnly()
                .classicUpperBounds(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0)
                .withoutExemplars()
                .register(registry);
        Counter predictions = Counter.builder()
                .name("predictor_predictions_total")
                .help("Records graded, by predicted grade")
                .labelNames("grade")
                .withoutExemplars()
                .register(registry);
        for (Grade g : Grade.values()) {
            grades[g.ordinal()] = predictions.labelValues(g.name());
        }
        invalidRecords = Counter.builder()
                .name("predictor_invalid_records_total")
                .help("Records rejected as invalid (single and batch)")
                .withoutExemplars()
                .register(registry);
    }

    public void request(String route, int status, long durationNanos) {
        requestsByRouteStatus
                .computeIfAbsent(route + ' ' + status, k -> requests.labelValues(route, Integer.toString(status)))
                .inc();
        durationByRoute.computeIfAbsent(route, duration::labelValues).observe(durationNanos / 1e9);
    }

    public void prediction(Prediction prediction, long modelNanos) {
        grades[prediction.grade().ordinal()].inc();
        confidence.observe(prediction.confidence());
        modelLatency.observe(modelNanos / 1e9);
    }

    public void invalidRecord() {
        invalidRecords.inc();
    }

    /** Writes every metric in the Prometheus text format 0.0.4. */
    public void writeText(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** Label sets seen so far, for tests and debugging. */
    List<String> routeStatusKeys() {
        return List.copyOf(requestsByRouteStatus.keySet());
    }
}
