package io.nutrisage.app.sandbox;

import io.nutrisage.infra.InfraDefaults;
import io.nutrisage.predictor.http.PredictorServer;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.metrics.ModelSecond;
import io.nutrisage.predictor.model.GradePredictor;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.ProductRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * A sandbox replica running predictor-service's own embeddable server ({@link PredictorServer}, Helidon on loopback)
 * with the real model. Model evaluation runs on a replica-owned pool of platform threads so the replica's CPU time
 * can be read per thread (Helidon serves on virtual threads, whose CPU time the JVM does not report); HTTP parsing is
 * not counted. ModelLatencyMs, Confidence and the input means come from the server's own per-second model metrics.
 */
final class ServiceReplica implements Replica {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ExecutorService modelPool;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final PredictorServer server;
    private final Object lock = new Object();
    private Histogram latency = ModelInterval.newHistogram();
    private double confidenceSum;
    private long predictions;
    private long invalid;
    private ModelInterval.WeightedMean sugars = ModelInterval.WeightedMean.NONE;
    private ModelInterval.WeightedMean sodium = ModelInterval.WeightedMean.NONE;
    private volatile long cpuOfStoppedThreads;
    private volatile boolean closed;

    private ServiceReplica(GradePredictor model, String taskId, int threadCount) {
        AtomicInteger n = new AtomicInteger();
        this.modelPool = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(
                    r, "replica-" + taskId.substring(0, Math.min(8, taskId.length())) + "-" + n.incrementAndGet());
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        GradePredictor onPool = new GradePredictor() {
            @Override
            public Prediction predict(ProductRecord record) {
                try {
                    return modelPool.submit(() -> model.predict(record)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while predicting", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }

            @Override
            public String modelVersion() {
                return model.modelVersion();
            }
        };
        ServerConfig config = ServerConfig.embedded()
                .withServiceName(InfraDefaults.load().names().service())
                .withDrainTimeout(Duration.ofSeconds(2));
        this.server = PredictorServer.start(config, onPool);
        server.modelMetrics().addListener(this::onSecond);
    }

    static ReplicaFactory factory(GradePredictor model, int threadsPerReplica) {
        return taskId -> new ServiceReplica(model, taskId, threadsPerReplica);
    }

    private void onSecond(ModelSecond second) {
        synchronized (lock) {
            for (double ms : second.latencyMs()) {
                latency.recordValue(Math.max(1, Math.min(60_000_000L, Math.round(ms * 1000))));
            }
            // The values may be a sample of the second: scale the confidence sum up to all predictions.
            double[] confidence = second.confidence();
            double sum = 0;
            for (double c : confidence) {
                sum += c;
            }
            if (confidence.length > 0) {
                confidenceSum += sum / confidence.length * second.predictions();
            }
            predictions += second.predictions();
            invalid += second.invalidRecords();
            // A second's mean covers the records that declare the nutrient, and ModelSecond does not say how many
            // did; weighting by all graded records differs only when some lack it (8 of 13,434 training rows lack
            // sugars, 1 sodium), far below what the chart or the drift band resolve.
            sugars = sugars.plus(second.meanSugars(), second.predictions());
            sodium = sodium.plus(second.meanSodium(), second.predictions());
        }
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public long cpuTimeNanos() {
        long total = cpuOfStoppedThreads;
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
        synchronized (lock) {
            ModelInterval interval = new ModelInterval(latency, confidenceSum, predictions, invalid, sugars, sodium);
            latency = ModelInterval.newHistogram();
            confidenceSum = 0;
            predictions = 0;
            invalid = 0;
            sugars = ModelInterval.WeightedMean.NONE;
            sodium = ModelInterval.WeightedMean.NONE;
            return interval;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long used = cpuTimeNanos();
        server.close();
        modelPool.shutdown();
        try {
            modelPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
        cpuOfStoppedThreads = used;
    }
}
