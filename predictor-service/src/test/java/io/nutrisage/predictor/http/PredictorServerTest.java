package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.predictor.model.Grade;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on a free loopback port, driven with the JDK HTTP client. */
class PredictorServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PredictorServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        client.close();
    }

    static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void predictAnswersATestCsvRowWithGradeProbabilitiesModelVersionAndCode() throws Exception {
        Map<String, String> row = TestRows.first(1).getFirst();

        HttpResponse<String> response = post("/predict", "application/json", TestRows.json(row));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = json(response);
        assertThat(body.get("grade").asText()).isIn("A", "B", "C", "D", "E");
        JsonNode probabilities = body.get("probabilities");
        double sum = 0;
        for (Grade g : Grade.values()) {
            sum += probabilities.get(g.name()).asDouble();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(body.get("confidence").asDouble())
                .isEqualTo(probabilities.get(body.get("grade").asText()).asDouble());
        assertThat(body.get("model_version").asText()).isEqualTo(server.modelVersion());
        assertThat(body.get("code").asText()).isEqualTo(row.get("code"));
    }

    @Test
    void predictAcceptsBothOffSpellingsNumbersAndNumericStringsAndIgnoresUnknownFields() throws Exception {
        String underscores = """
                {"energy_100g": 1500, "saturated_fat_100g": "3.5", "sugars_100g": 22, "salt_100g": null,
                 "fiber_100g": "", "proteins_100g": 6, "brand_owner": {"name": "x"}, "code": "123"}""";
        String hyphens = """
                {"energy_100g": "1500", "saturated-fat_100g": 3.5, "sugars_100g": "22", "proteins_100g": "6",
                 "code": 123}""";

        JsonNode a = json(post("/predict", "application/json", underscores));
        JsonNode b = json(post("/predict", "application/json; charset=utf-8", hyphens));

        assertThat(a.get("grade")).isNotNull();
        assertThat(a.get("probabilities")).isEqualTo(b.get("probabilities"));
        assertThat(b.get("code").asText()).isEqualTo("123");
    }

    @Test
    void batchAnswersInOrderWithAnErrorEntryInPlaceOfABadRecord() throws Exception {
        List<Map<String, String>> rows = TestRows.first(3);
        List<Object> batch = new ArrayList<>(rows);
        Map<String, Object> bad = new LinkedHashMap<>(rows.get(1));
        bad.put("sugars_100g", "-4");
        batch.add(1, bad);
        batch.add("not a record");

        HttpResponse<String> response = post("/predict/batch", "application/json", TestRows.json(batch));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body).hasSize(5);
        assertThat(body.get(0).get("code").asText()).isEqualTo(rows.get(0).get("code"));
        assertThat(body.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(body.get(1).get("error").asText()).isEqualTo("invalid_record");
        assertThat(body.get(1).get("field").asText()).isEqualTo("sugars_100g");
        assertThat(body.get(1).get("message").asText()).contains("negative");
        assertThat(body.get(2).get("code").asText()).isEqualTo(rows.get(1).get("code"));
        assertThat(body.get(3).get("code").asText()).isEqualTo(rows.get(2).get("code"));
        assertThat(body.get(4).get("error").asText()).isEqualTo("invalid_record");
        assertThat(body.get(4).get("message").asText()).contains("expected a JSON object, got a string");
    }

    @Test
    void batchOfExactlyTheLimitIsGradedAndOneMoreIsRejectedWith413() throws Exception {
        String record = "{\"sugars_100g\": 5, \"energy_100g\": 800}";
        String full = "[" + String.join(",", java.util.Collections.nCopies(PredictorService.MAX_BATCH, record)) + "]";
        String over =
                "[" + String.join(",", java.util.Collections.nCopies(PredictorService.MAX_BATCH + 1, record)) + "]";

        HttpResponse<String> ok = post("/predict/batch", "application/json", full);
        HttpResponse<String> tooMany = post("/predict/batch", "application/json", over);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok)).hasSize(PredictorService.MAX_BATCH);
        assertThat(tooMany.statusCode()).isEqualTo(413);
        assertThat(json(tooMany).get("error").asText()).isEqualTo("batch_too_large");
        assertThat(json(tooMany).get("message").asText()).contains("at most 1000 records");
    }

    @Test
    void healthIsUpAndReadyReportsTheModelAfterTheSelfTest() throws Exception {
        HttpResponse<String> health = get("/health");
        HttpResponse<String> ready = get("/ready");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("model_version").asText()).isEqualTo(server.modelVersion());
    }

    @Test
    void versionNamesServiceModelAndBuildCommit() throws Exception {
        JsonNode version = json(get("/version"));

        assertThat(version.get("service_version").asText()).isNotBlank().doesNotContain("${");
        assertThat(version.get("model_version").asText()).isEqualTo(server.modelVersion());
        assertThat(version.get("build_commit").asText()).matches("[0-9a-f]{7,40}|unknown");
    }

    @Test
    void metricsExposeRequestsByStatusLatencyGradesAndConfidenceAsPrometheusText() throws Exception {
        post("/predict", "application/json", "{\"sugars_100g\": 31}");
        post("/predict", "application/json", "{\"sugars_100g\": -1}");

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("predictor_http_requests_total{route=\"/predict\",status=\"200\"}")
                .contains("predictor_http_requests_total{route=\"/predict\",status=\"422\"}")
                .contains("predictor_http_request_duration_seconds_bucket{route=\"/predict\",le=\"0.005\"}")
                .containsPattern("predictor_predictions_total\\{grade=\"[A-E]\"} [1-9]")
                .contains("predictor_prediction_confidence_bucket{le=\"0.9\"}")
                .contains("predictor_model_latency_seconds_count")
                .contains("predictor_invalid_records_total");
    }
}
