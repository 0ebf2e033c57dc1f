package io.nutrisage.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the predictor service: {@code /predict} answers {@code {"grade":"B","confidence":0.91}},
 * {@code /predict/batch} answers one prediction per record. It can stall, answer an error status or delay on demand.
 */
public final class PredictServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong requests = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger concurrent =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxConcurrent =
            new java.util.concurrent.atomic.AtomicInteger();
    private volatile int status = 200;
    private volatile long delayMillis;
    private volatile long stallEveryMillis;
    private volatile long stallForMillis;
    private volatile long stallEpochNanos;
    private volatile long freezeFromNanos;
    private volatile long freezeUntilNanos;
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> arrivals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean recordArrivals;

    public PredictServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/predict", this::predict);
        server.createContext("/predict/batch", this::batch);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public long requests() {
        return requests.get();
    }

    /** Most requests handled at once since the last call; resets the maximum. */
    public int takeMaxConcurrent() {
        return maxConcurrent.getAndSet(concurrent.get());
    }

    public PredictServer status(int status) {
        this.status = status;
        return this;
    }

    public PredictServer delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /**
     * From now on, freezes for {@code forMillis} at the end of every {@code everyMillis} window: a request arriving
     * during a freeze is answered when the freeze ends.
     */
    public PredictServer stall(long everyMillis, long forMillis) {
        this.stallEpochNanos = System.nanoTime();
        this.stallForMillis = forMillis;
        this.stallEveryMillis = everyMillis;
        return this;
    }

    /**
     * Freezes once, from {@code afterMillis} from now for {@code forMillis}: a request arriving in that window is
     * answered when it ends.
     *
     * @return the end of the freeze, in {@link System#nanoTime()}
     */
    public long freezeOnce(long afterMillis, long forMillis) {
        long from = System.nanoTime() + afterMillis * 1_000_000;
        this.freezeUntilNanos = from + forMillis * 1_000_000;
        this.freezeFromNanos = from;
        return freezeUntilNanos;
    }

    /** From now on, keeps the arrival time ({@link System#nanoTime()}) of every {@code /predict} request. */
    public PredictServer recordArrivals() {
        this.recordArrivals = true;
        return this;
    }

    /** Arrival times recorded so far, in nanoseconds, sorted. */
    public long[] arrivals() {
        return arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private void predict(HttpExchange exchange) throws IOException {
        if (recordArrivals) {
            arrivals.add(System.nanoTime());
        }
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange) {
            byte[] request = read(exchange);
            requests.incrementAndGet();
            pause();
            // The client frees its in-flight slot as soon as it has the answer and may send the next request
            // before this handler returns: stop counting this one before answering, not after.
            concurrent.decrementAndGet();
            counted = false;
            if (status != 200) {
                respond(exchange, status, "{\"error\":\"injected\",\"status\":" + status + "}");
                return;
            }
            if (request.length == 0 || request[0] != '{') {
                respond(exchange, 400, "{\"error\":\"body must be a JSON object\"}");
                return;
            }
            respond(exchange, 200, "{\"grade\":\"B\",\"confidence\":0.91,\"model_version\":\"test\"}");
        } finally {
            if (counted) {
                concurrent.decrementAndGet();
            }
        }
    }

    private void batch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(read(exchange), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            if (status != 200) {
                respond(exchange, status, "{\"error\":\"injected\"}");
                return;
            }
            // Same contract as predictor-service's /predict/batch: a bare JSON array in, an array of answers out.
            if (!body.strip().startsWith("[")) {
                respond(exchange, 400, "{\"error\":\"invalid_batch\",\"message\":\"expected a JSON array\"}");
                return;
            }
            int records = body.split("\\{", -1).length - 1;
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < records; i++) {
                out.append(i == 0 ? "" : ",").append("{\"grade\":\"B\",\"confidence\":0.91}");
            }
            respond(exchange, 200, out.append("]").toString());
        }
    }

    private void pause() {
        try {
            long delay = delayMillis;
            if (stallEveryMillis > 0) {
                long now = (System.nanoTime() - stallEpochNanos) / 1_000_000;
                long inWindow = now % stallEveryMillis;
                long freezeStart = stallEveryMillis - stallForMillis;
                if (inWindow >= freezeStart) {
                    delay += stallEveryMillis - inWindow;
                }
            }
            if (delay > 0) {
                Thread.sleep(delay);
            }
            long now = System.nanoTime();
            long until = freezeUntilNanos;
            if (now >= freezeFromNanos && now < until) {
                Thread.sleep(Duration.ofNanos(until - now));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
