package io.nutrisage.app.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.InvalidRecordException;
import io.nutrisage.predictor.record.ProductRecords;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;

/**
 * A sandbox replica serving {@code /predict}, {@code /health} and {@code /ready} on loopback with a replica-owned
 * thread pool, so the CPU time of exactly its request threads can be read (like a container's cgroup CPU). Stands in
 * for predictor-service's embeddable server until that is wired in.
 */
final class EmbeddedReplica implements Replica {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final GradePredictor predictor;
    private final HttpServer server;
    private final ExecutorService pool;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Recorder latency = new Recorder(60_000_000L, 2);
    private final Object confidenceLock = new Object();
    private double confidenceSum;
    private long predictions;
    private long errors;
    private long cpuOfDeadThreads;
    private volatile boolean closed;

    private EmbeddedReplica(GradePredictor predictor, String taskId, int threadCount) throws IOException {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "replica-" + taskId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threadCount, factory);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(pool);
        server.createContext("/predict", this::predict);
        server.createContext("/health", ex -> respond(ex, 200, Map.of("status", "ok")));
        server.createContext("/ready", ex -> respond(ex, 200, Map.of("status", "ready")));
        server.start();
    }

    static ReplicaFactory factory(GradePredictor predictor, int threadsPerReplica) {
        return taskId -> new EmbeddedReplica(predictor, taskId, threadsPerReplica);
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void predict(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "method_not_allowed", "detail", "use POST /predict"));
                countError();
                return;
            }
            Map<String, Object> fields;
            try (InputStream body = exchange.getRequestBody()) {
                fields = JSON.readValue(
                        body, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            } catch (IOException e) {
                respond(exchange, 400, Map.of("error", "invalid_json", "detail", "body is not a JSON object"));
                countError();
                return;
            }
            Prediction prediction;
            try {
                prediction = predictor.predict(ProductRecords.fromFields(fields));
            } catch (InvalidRecordException e) {
                respond(exchange, 422, Map.of("error", "invalid_record", "field", e.field(), "detail", e.getMessage()));
                countError();
                return;
            }
            long micros = Math.max(1, (System.nanoTime() - start) / 1000);
            latency.recordValue(Math.min(micros, 60_000_000L));
            synchronized (confidenceLock) {
                confidenceSum += prediction.confidence();
                predictions++;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("grade", prediction.grade().name().toLowerCase(java.util.Locale.ROOT));
            body.put("confidence", prediction.confidence());
            body.put("model_version", predictor.modelVersion());
            respond(exchange, 200, body);
        }
    }

    private void countError() {
        synchronized (confidenceLock) {
            errors++;
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public long cpuTimeNanos() {
        long total = cpuOfDeadThreads;
        for (Thread t : threads) {
            long cpu = THREADS.getThreadCpuTime(t.threadId());
            if (cpu > 0) {
                total += cpu;
            }
        }
        return total;
    }

    @Override
    public ModelInterval takeInterval() {
        var histogram = latency.getIntervalHistogram();
        synchronized (confidenceLock) {
            var interval = new ModelInterval(histogram.copy(), confidenceSum, predictions, errors);
            confidenceSum = 0;
            predictions = 0;
            errors = 0;
            return interval;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Dead threads report no CPU time: keep what they used so the cumulative counter never goes back.
        long used = cpuTimeNanos();
        server.stop(1);
        pool.shutdown();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
        cpuOfDeadThreads = used;
    }

    @Override
    public String toString() {
        return "EmbeddedReplica[" + endpoint() + "]";
    }
}
