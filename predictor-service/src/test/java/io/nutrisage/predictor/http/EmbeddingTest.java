package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.metrics.ModelSecond;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The console's sandbox runs several replicas in one JVM and reads their per-second model metrics in process. */
class EmbeddingTest {
    @Test
    void replicasInOneJvmServeIndependentlyAndReportTheirOwnSeconds() throws Exception {
        List<ModelSecond> secondsA = new CopyOnWriteArrayList<>();
        List<ModelSecond> secondsB = new CopyOnWriteArrayList<>();
        try (PredictorServer a = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor());
                PredictorServer b = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor());
                HttpClient client = HttpClient.newHttpClient()) {
            a.modelMetrics().addListener(secondsA::add);
            b.modelMetrics().addListener(secondsB::add);
            assertThat(a.port()).isNotEqualTo(b.port());

            for (int i = 0; i < 3; i++) {
                assertThat(predict(client, a.port()).statusCode()).isEqualTo(200);
            }
            assertThat(predict(client, b.port()).statusCode()).isEqualTo(200);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((total(secondsA) < 3 || total(secondsB) < 1) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        // close() flushed the last partial second: every prediction is counted exactly once, by its own replica.
        assertThat(total(secondsA)).isEqualTo(3);
        assertThat(total(secondsB)).isEqualTo(1);
    }

    private static long total(List<ModelSecond> seconds) {
        return seconds.stream().mapToLong(ModelSecond::predictions).sum();
    }

    private static HttpResponse<String> predict(HttpClient client, int port) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sugars_100g\": 12, \"energy_100g\": 1200}"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
