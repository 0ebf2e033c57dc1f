package io.nutrisage.predictor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    /** A model whose probabilities do not sum to one: loaded, but not fit to serve. */
    private static final GradePredictor BROKEN = new GradePredictor() {
        @Override
        public Prediction predict(ProductRecord record) {
            return Prediction.fromProbabilities(new double[] {0.9, 0.9, 0, 0, 0});
        }

        @Override
        public String modelVersion() {
            return "broken";
        }
    };

    @Test
    void readyIs503WithTheReasonWhenTheModelSelfTestFailsWhileHealthStaysUp() throws Exception {
        try (PredictorServer server = PredictorServer.start(ServerConfig.embedded(), BROKEN);
                HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> ready = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(server.isReady()).isFalse();
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"NOT_READY\"").contains("model self-test failed");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theBundledModelPassesTheSelfTest() {
        try (PredictorServer server = PredictorServer.start(ServerConfig.embedded(), TestModel.predictor())) {
            assertThat(server.isReady()).isTrue();
        }
    }
}
