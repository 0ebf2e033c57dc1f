package io.nutrisage.predictor.metrics;

import io.nutrisage.predictor.model.Grade;
import io.nutrisage.predictor.model.Prediction;
import io.nutrisage.predictor.record.Nutrient;
import io.nutrisage.predictor.record.ProductRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model-level metrics aggregated per second and written as CloudWatch Embedded Metric Format lines (namespace
 * {@value #NAMESPACE}), and handed to in-process {@link ModelSecondListener}s.
 *
 * <p>Memory is bounded: one second keeps at most {@code maxValuesPerSecond} latency and confidence values (a uniform
 * reservoir sample beyond that; counts stay exact), and nothing older than the second being filled. Thread-safe:
 * {@link #recordPrediction} and {@link #recordInvalid} are called from request threads, the flusher runs on its own
 * daemon thread.
 *
 * <p>The metric names below are a contract read by the CloudWatch dashboard, the alarms and the console.
 */
public final class ModelMetrics implements AutoCloseable {
    public static final String NAMESPACE = "NutriSage/Inference";
    public static final String DIMENSION = "ServiceName";
    /** Milliseconds, raw values (arrays of at most 100 per line) so CloudWatch computes percentiles. */
    public static final String MODEL_LATENCY_MS = "ModelLatencyMs";
    /** Probability of the predicted grade, raw values like {@link #MODEL_LATENCY_MS}. */
    public static final String CONFIDENCE = "Confidence";
    /** Records graded in the second (Count). */
    public static final String PREDICTIONS = "Predictions";
    /** Records rejected as invalid in the second (Count). */
    public static final String INVALID_RECORDS = "InvalidRecords";
    /** Mean {@code sugars_100g} of the graded inputs (None): input drift signal. */
    public static final String INPUT_SUGARS_MEAN = "InputSugarsMean";
    /** Mean {@code sodium_100g} of the graded inputs (None): input drift signal. */
    public static final String INPUT_SODIUM_MEAN = "InputSodiumMean";
    /** {@code GradeA} .. {@code GradeE}: predictions per grade in the second (Count). */
    public static String gradeMetric(Grade grade) {
        return "Grade" + grade.name();
    }

    /** Largest array EMF accepts for one metric value. */
    public static final int MAX_VALUES_PER_LINE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ModelMetrics.class);

    private final String serviceName;
    private final String modelVersion;
    private final EmfSink sink;
    private final int maxValuesPerSecond;
    private final Clock clock;
    private final List<ModelSecondListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private Second current;
    private ScheduledExecutorService flusher;

    /**
     * @param serviceName value of the {@value #DIMENSION} dimension
     * @param modelVersion written as a property (not a dimension) on every line
     * @param maxValuesPerSecond latency/confidence values kept per second (>= 1); more are sampled
     */
    public ModelMetrics(String serviceName, String modelVersion, EmfSink sink, int maxValuesPerSecond, Clock clock) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (maxValuesPerSecond < 1) {
            throw new IllegalArgumentException("maxValuesPerSecond must be >= 1, got " + maxValuesPerSecond);
        }
        this.maxValuesPerSecond = maxValuesPerSecond;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new Second(secondOf(clock.millis()), maxValuesPerSecond);
    }

    /** Starts the background flusher: once per second, at the second boundary. Idempotent. */
    public ModelMetrics start() {
        lock.lock();
        try {
            if (flusher == null) {
                flusher = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("emf-flusher").factory());
                long delay = 1000 - clock.millis() % 1000;
                flusher.scheduleAtFixedRate(this::flushSafely, delay, 1000, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        return this;
    }

    public void addListener(ModelSecondListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ModelSecondListener listener) {
        listeners.remove(listener);
    }

    /** Counts one graded record. Hot path: no allocation, one short uncontended lock. */
    public void recordPrediction(ProductRecord record, Prediction prediction, double modelLatencyMs) {
        double sugars = record.value(Nutrient.SUGARS);
        double sodium = record.value(Nutrient.SODIUM);
        lock.lock();
        try {
            current.add(prediction.grade(), prediction.confidence(), modelLatencyMs, sugars, sodium);
        } finally {
            lock.unlock();
        }
    }

    /** Counts one record rejected as invalid. */
    public void recordInvalid() {
        lock.lock();
        try {
            current.invalid++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the current second and writes it now (the flusher does this every second; call it on shutdown so the
     * last partial second is not lost).
     */
    public void flush() {
        Second done;
        lock.lock();
        try {
            done = current;
            current = new Second(Math.max(secondOf(clock.millis()), done.epochSecond + 1), maxValuesPerSecond);
        } finally {
            lock.unlock();
        }
        ModelSecond second = done.snapshot();
        EmfLines.write(second, serviceName, modelVersion, sink);
        for (ModelSecondListener listener : listeners) {
            try {
                listener.onSecond(second);
            } catch (RuntimeException e) {
                LOG.warn("Model metrics listener {} failed", listener, e);
            }
        }
    }

    /** Stops the flusher and writes the last partial second. */
    @Override
    public void close() {
        ScheduledExecutorService f;
        lock.lock();
        try {
            f = flusher;
            flusher = null;
        } finally {
            lock.unlock();
        }
        if (f != null) {
            f.shutdownNow();
            try {
                f.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            // Keep flushing later seconds: metrics must never take the service down.
            LOG.error("Writing model metrics failed", e);
        }
    }

    private static long secondOf(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000);
    }

    /** One second being filled; guarded by the owner's lock. */
    private static final class Second {
        final long epochSecond;
        final double[] latency;
        final double[] confidence;
        final long[] grades = new long[Grade.values().length];
        long predictions;
        long invalid;
        double sugarsSum;
        long sugarsCount;
        double sodiumSum;
        long sodiumCount;

        Second(long epochSecond, int capacity) {
            this.epochSecond = epochSecond;
            this.latency = new double[capacity];
            this.confidence = new double[capacity];
        }

        void add(Grade grade, double conf, double latencyMs, double sugars, double sodium) {
            long seen = predictions++;
            grades[grade.ordinal()]++;
            int slot;
            if (seen < latency.length) {
                slot = (int) seen;
            } else {
                // Reservoir sampling (Algorithm R): each value of the second is kept with equal probability.
                long r = ThreadLocalRandom.current().nextLong(seen + 1);
                slot = r < latency.length ? (int) r : -1;
            }
            if (slot >= 0) {
                latency[slot] = latencyMs;
                confidence[slot] = conf;
            }
            if (!Double.isNaN(sugars)) {
                sugarsSum += sugars;
                sugarsCount++;
            }
            if (!Double.isNaN(sodium)) {
                sodiumSum += sodium;
                sodiumCount++;
            }
        }

        ModelSecond snapshot() {
            int kept = (int) Math.min(predictions, latency.length);
            return new ModelSecond(
                    Instant.ofEpochSecond(epochSecond),
                    predictions,
                    invalid,
                    grades,
                    java.util.Arrays.copyOf(latency, kept),
                    java.util.Arrays.copyOf(confidence, kept),
                    sugarsCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(sugarsSum / sugarsCount),
                    sodiumCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(sodiumSum / sodiumCount));
        }
    }
}
