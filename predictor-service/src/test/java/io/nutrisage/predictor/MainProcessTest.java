package io.nutrisage.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service as its own process, stopped the way ECS stops it: SIGTERM, then it must exit 0. */
class MainProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

    @Test
    void servesAPredictionThenExitsZeroOnSigtermAfterFlushingEmfMetrics(@TempDir Path dir) throws Exception {
        Path stdout = dir.resolve("stdout.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectOutput(stdout.toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("SERVICE_NAME", "main-process-test");
        Process process = builder.start();
        try {
            int port = awaitPort(process);
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"energy_100g\": 2966, \"fat_100g\": 69, \"sugars_100g\": 2.5}"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }

            process.destroy(); // SIGTERM on Unix

            assertThat(process.waitFor(25, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        long predictions = 0;
        for (String line : lines) {
            JsonNode emf = json.readTree(line); // stdout carries EMF lines only
            assertThat(emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("NutriSage/Inference");
            assertThat(emf.get("ServiceName").asText()).isEqualTo("main-process-test");
            predictions += emf.path("Predictions").asLong();
        }
        assertThat(predictions).isGreaterThanOrEqualTo(1);
    }

    private static int awaitPort(Process process) throws Exception {
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining stderr so the child never blocks on a full pipe.
                Thread.ofVirtual().start(() -> {
                    try {
                        err.lines().forEach(l -> {});
                    } catch (java.io.UncheckedIOException closed) {
                        // the process ended
                    }
                });
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("service did not report its port; stderr:\n" + seen);
    }
}
