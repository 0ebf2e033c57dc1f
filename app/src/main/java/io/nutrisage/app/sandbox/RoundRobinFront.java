package io.nutrisage.app.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The sandbox's "ALB": a loopback HTTP front that forwards every request to the next registered target in turn and
 * counts what an ALB reports (RequestCount, HTTPCode_Target_5XX_Count, TargetResponseTime). With no registered target
 * it answers 503 like an ALB without healthy targets; a target it cannot reach gives 502. Thread-safe.
 */
final class RoundRobinFront implements TargetRegistry, AutoCloseable {
    private static final byte[] NO_TARGET =
            "{\"error\":\"service_unavailable\",\"detail\":\"no registered target\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BAD_GATEWAY =
            "{\"error\":\"bad_gateway\",\"detail\":\"target did not answer\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final List<Target> targets = new CopyOnWriteArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder target5xx = new LongAdder();
    private final LongAdder elb5xx = new LongAdder();
    private final Recorder responseTime = new Recorder(60_000_000L, 2);

    record Target(String taskId, URI endpoint) {}

    /** Per-interval counts, like the ALB's 1-minute metrics but over the sandbox's sampling interval. */
    record FrontInterval(long requests, long target5xx, long elb5xx, Histogram responseTimeMicros) {}

    RoundRobinFront() throws IOException {
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(executor)
                .build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void register(String taskId, URI endpoint) {
        targets.add(new Target(Objects.requireNonNull(taskId), Objects.requireNonNull(endpoint)));
    }

    @Override
    public void deregister(String taskId) {
        targets.removeIf(t -> t.taskId().equals(taskId));
    }

    int registeredTargets() {
        return targets.size();
    }

    private void forward(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        requests.increment();
        try (exchange) {
            List<Target> snapshot = List.copyOf(targets);
            if (snapshot.isEmpty()) {
                elb5xx.increment();
                send(exchange, 503, NO_TARGET);
                return;
            }
            Target target = snapshot.get((int) Math.floorMod(next.getAndIncrement(), (long) snapshot.size()));
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = target.endpoint().resolve(exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                elb5xx.increment();
                send(exchange, 502, BAD_GATEWAY);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                elb5xx.increment();
                send(exchange, 502, BAD_GATEWAY);
                return;
            }
            if (response.statusCode() >= 500) {
                target5xx.increment();
            }
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders()
                    .set("Content-Type", v));
            send(exchange, response.statusCode(), response.body());
            responseTime.recordValue(Math.min(60_000_000L, Math.max(1, (System.nanoTime() - start) / 1000)));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    FrontInterval takeInterval() {
        return new FrontInterval(
                requests.sumThenReset(),
                target5xx.sumThenReset(),
                elb5xx.sumThenReset(),
                responseTime.getIntervalHistogram());
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
        executor.shutdownNow();
    }
}
