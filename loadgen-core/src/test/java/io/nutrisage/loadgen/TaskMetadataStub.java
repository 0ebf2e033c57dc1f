package io.nutrisage.loadgen;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The ECS task metadata endpoint v4 on a loopback port, answering {@code <uri>/task} with a task's metadata trimmed
 * to the fields around {@code TaskARN} (the shape of AWS's documented Fargate example). {@link #uri()} is what ECS
 * puts in {@code ECS_CONTAINER_METADATA_URI_V4}.
 */
public final class TaskMetadataStub implements AutoCloseable {
    private final HttpServer server;

    public TaskMetadataStub(String taskArn) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String body = "{\"Cluster\":\"" + taskArn.replaceFirst(":task/([^/]+)/.*$", ":cluster/$1") + "\",\"TaskARN\":\""
                + taskArn + "\",\"Family\":\"loadgen\",\"Revision\":\"3\",\"LaunchType\":\"FARGATE\"}";
        server.createContext("/v4/stub/task", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v4/stub";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
