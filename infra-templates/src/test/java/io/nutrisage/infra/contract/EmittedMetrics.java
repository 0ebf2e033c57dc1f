package io.nutrisage.infra.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.predictor.ContainerEnvironment;
import io.nutrisage.predictor.http.PredictorServer;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.metrics.EmfSink;
import io.nutrisage.predictor.model.GradePredictors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CloudWatch metrics predictor-service really creates, derived from the Embedded Metric Format lines it writes
 * when it serves real records, by the rules of the EMF specification
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 *
 * <ul>
 *   <li>each line is one JSON object whose {@code _aws.CloudWatchMetrics} holds metric directives, each with a
 *       {@code Namespace}, {@code Dimensions} (an array of dimension sets, each an array of dimension names) and
 *       {@code Metrics} (definitions with a {@code Name} and an optional {@code Unit});
 *   <li>every metric definition is published once per dimension set, with each dimension's value read from the
 *       line's root member of that name (a dimension value must be a string);
 *   <li>the metric's value is the root member of its name: a number or an array of at most 100 numbers;
 *   <li>a line that breaks these rules creates no metric: this reader fails on it, naming the line.
 * </ul>
 */
public final class EmittedMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmittedMetrics() {}

    /**
     * Starts predictor-service on a loopback port with the given container environment (as the task definition sets
     * it; {@code PORT} is replaced by a free port), posts every record of loadgen-core's built-in sample of real Open
     * Food Facts products plus one invalid record, stops it (which writes the last second) and returns the metrics
     * its EMF lines create.
     */
    public static Set<MetricIdentity> ofARunningPredictor(Map<String, String> containerEnvironment) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ServerConfig config = ContainerEnvironment.read(containerEnvironment)
                .server()
                .withHost("127.0.0.1")
                .withPort(0)
                .withEmfSink(EmfSink.into(lines));
        try (PredictorServer server = PredictorServer.start(config, GradePredictors.loadBundled())) {
            postSampleRecords(server.port());
            server.stop();
        }
        return fromLines(lines);
    }

    /** The metrics a list of EMF lines creates. */
    public static Set<MetricIdentity> fromLines(List<String> lines) {
        Set<MetricIdentity> metrics = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            metrics.addAll(fromLine(lines.get(i), i + 1));
        }
        return metrics;
    }

    static List<MetricIdentity> fromLine(String line, int number) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("EMF line " + number + " is not JSON: " + e.getMessage(), e);
        }
        JsonNode directives = root.path("_aws").path("CloudWatchMetrics");
        if (!root.path("_aws").path("Timestamp").isNumber() || !directives.isArray()) {
            throw new IllegalArgumentException(
                    "EMF line " + number + " lacks _aws.Timestamp (epoch millis) or _aws.CloudWatchMetrics");
        }
        List<MetricIdentity> metrics = new ArrayList<>();
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            if (namespace.isEmpty()) {
                throw new IllegalArgumentException("EMF line " + number + ": a directive has no Namespace");
            }
            List<List<String>> dimensionSets = new ArrayList<>();
            for (JsonNode set : directive.path("Dimensions")) {
                List<String> names = new ArrayList<>();
                set.forEach(name -> names.add(name.asText()));
                dimensionSets.add(names);
            }
            if (dimensionSets.isEmpty()) {
                dimensionSets.add(List.of());
            }
            for (JsonNode definition : directive.path("Metrics")) {
                String name = definition.path("Name").asText("");
                JsonNode value = root.path(name);
                boolean numbers = value.isNumber()
                        || (value.isArray() && value.size() <= 100 && allNumbers(value) && !value.isEmpty());
                if (name.isEmpty() || !numbers) {
                    throw new IllegalArgumentException("EMF line " + number + ": metric '" + name
                            + "' has no number or array of at most 100 numbers at the root");
                }
                for (List<String> set : dimensionSets) {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    for (String dimension : set) {
                        JsonNode dimensionValue = root.path(dimension);
                        if (!dimensionValue.isTextual()) {
                            throw new IllegalArgumentException("EMF line " + number + ": dimension '" + dimension
                                    + "' has no string value at the root");
                        }
                        dimensions.put(dimension, dimensionValue.asText());
                    }
                    metrics.add(new MetricIdentity(
                            namespace, name, dimensions, definition.path("Unit").asText("None")));
                }
            }
        }
        return metrics;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void postSampleRecords(int port) {
        URI predict = URI.create("http://127.0.0.1:" + port + "/predict");
        RecordSource sample = RecordSources.builtInSample();
        try (HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                RecordSource.RecordStream records = sample.open(skipped -> {})) {
            for (LoadRecord record = records.next(); record != null; record = records.next()) {
                post(client, predict, record.json());
            }
            // A negative nutrient: counted as InvalidRecords, which is a metric of its own.
            post(client, predict, "{\"sugars_100g\": -1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void post(HttpClient client, URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
