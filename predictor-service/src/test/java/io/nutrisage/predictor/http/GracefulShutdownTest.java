package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    private static final int IN_FLIGHT = 8;

    /**
     * The bundled model, held at a gate once armed (after the start-up self-test) so requests are provably in flight
     * when the stop begins.
     */
    private static final class GatedModel implements GradePredictor {
        final CountDownLatch entered = new CountDownLatch(IN_FLIGHT);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;

        @Override
        public Prediction predict(ProductRecord record) {
            if (!armed) {
                return TestModel.predictor().predict(record);
            }
            entered.countDown();
            try {
                if (!release.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
            return TestModel.predictor().predict(record);
        }

        @Override
        public String modelVersion() {
            return TestModel.predictor().modelVersion();
        }
    }

    @Test
    void stopLetsEveryInFlightRequestFinishWhileRefusingNewConnections() throws Exception {
        GatedModel gated = new GatedModel();
        PredictorServer slow =
                PredictorServer.start(ServerConfig.embedded().withDrainTimeout(Duration.ofSeconds(15)), gated);
        gated.armed = true;
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI predict = URI.create("http://127.0.0.1:" + slow.port() + "/predict");
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                responses.add(client.sendAsync(
                        HttpRequest.newBuilder(predict)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"sugars_100g\": " + i + ", \"energy_100g\": 900, \"code\": \"" + i + "\"}"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(gated.entered.await(10, TimeUnit.SECONDS))
                    .as("all requests reached the model")
                    .isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(slow::stop);
            awaitListenerClosed(slow.port());
            assertThat(stopping).isNotDone();
            assertThat(slow.isReady()).isFalse();
            gated.release.countDown();
            stopping.get(20, TimeUnit.SECONDS);

            for (int i = 0; i < IN_FLIGHT; i++) {
                HttpResponse<String> response = responses.get(i).get(5, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"code\":\"" + i + "\"");
            }
        }
    }

    @Test
    void stopReturnsAfterTheDrainTimeoutEvenWhenARequestNeverFinishes() throws Exception {
        GatedModel gated = new GatedModel();
        PredictorServer server =
                PredictorServer.start(ServerConfig.embedded().withDrainTimeout(Duration.ofSeconds(1)), gated);
        gated.armed = true;
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/predict"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"sugars_100g\": 1}"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitCount(gated.entered, IN_FLIGHT - 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);

            // Bounded by the drain timeout + 2 s, far below the 20 s the gate would hold the request.
            stopping.get(15, TimeUnit.SECONDS);
            assertThat(stopping).isCompleted();
        } finally {
            gated.release.countDown();
            client.shutdownNow();
        }
    }

    private static void awaitCount(CountDownLatch latch, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latch.getCount() > count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(latch.getCount()).isEqualTo(count);
    }

    /** New connections are refused once the listener is closed. */
    private static void awaitListenerClosed(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("listener still accepts connections");
                }
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            }
        }
    }

    @Test
    void stoppedServerRefusesConnections() {
        PredictorServer server = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor());
        int port = server.port();
        server.stop();

        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
