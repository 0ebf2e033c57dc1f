package io.nutrisage.loadgen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Which task this generator is, for the key its results go under: {@code TASK_ID} when set (a RunTask's
 * containerOverrides may set it), else the ECS task ID read from the task metadata endpoint (the last segment of the
 * task's {@code TaskARN}), else the host name. ECS injects {@code ECS_CONTAINER_METADATA_URI_V4} into every container
 * of a Fargate task (platform 1.4.0 and later); {@code ${ECS_CONTAINER_METADATA_URI_V4}/task} answers the task's
 * metadata as JSON.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html">
 *     Amazon ECS task metadata endpoint version 4 for tasks on Fargate</a>
 */
final class TaskIdentity {
    static final String METADATA_VARIABLE = "ECS_CONTAINER_METADATA_URI_V4";

    private TaskIdentity() {}

    static String of(Map<String, String> env) {
        String explicit = env.getOrDefault("TASK_ID", "").strip();
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String metadata = env.getOrDefault(METADATA_VARIABLE, "").strip();
        if (!metadata.isEmpty()) {
            try {
                return fromMetadata(URI.create(metadata + "/task"));
            } catch (IOException | IllegalArgumentException e) {
                // The endpoint is link-local and answers at once; without it the host name still tells tasks apart.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "local";
        }
    }

    private static String fromMetadata(URI task) throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(task)
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("task metadata answered " + response.statusCode());
            }
            String arn =
                    new ObjectMapper().readTree(response.body()).path("TaskARN").asText("");
            if (arn.isEmpty()) {
                throw new IOException("task metadata without TaskARN");
            }
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }
}
