package io.nutrisage.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskIdentityTest {
    @Test
    void anExplicitTaskIdWins() {
        assertThat(TaskIdentity.of(Map.of("TASK_ID", "gen-2", TaskIdentity.METADATA_VARIABLE, "http://127.0.0.1:1")))
                .isEqualTo("gen-2");
    }

    @Test
    void onFargateTheTaskIdIsTheLastSegmentOfTheMetadataEndpointsTaskArn() throws Exception {
        // The v4 task metadata response, trimmed to the fields around TaskARN (AWS's documented example).
        String body = """
                {"Cluster":"arn:aws:ecs:us-west-2:111122223333:cluster/default",
                 "TaskARN":"arn:aws:ecs:us-west-2:111122223333:task/default/e9028f8d5d8e4f258373e7b93ce9a3c3",
                 "Family":"curltest","Revision":"3","LaunchType":"FARGATE"}""";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v4/abc/task", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/v4/abc";
            assertThat(TaskIdentity.of(Map.of(TaskIdentity.METADATA_VARIABLE, uri)))
                    .isEqualTo("e9028f8d5d8e4f258373e7b93ce9a3c3");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutEitherTheHostNameTellsTasksApart() {
        assertThat(TaskIdentity.of(Map.of())).isNotBlank();
        assertThat(TaskIdentity.of(Map.of(TaskIdentity.METADATA_VARIABLE, "http://127.0.0.1:1")))
                .as("an endpoint that does not answer")
                .isNotBlank();
    }
}
