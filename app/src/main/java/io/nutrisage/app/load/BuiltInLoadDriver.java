package io.nutrisage.app.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A small open-loop generator on the JDK HTTP client: sends follow the plan's fire times whatever the responses do,
 * a semaphore caps requests in flight (a start that finds the cap full is dropped and counted), latency is measured
 * from the planned start (corrected) and from the send (raw). Used until loadgen-core is wired in
 * (docs/decisions/0054); records are JSON lines from the built-in sample or a local file.
 */
public final class BuiltInLoadDriver implements LoadDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public LoadControl start(LoadPlan plan, URI target, Consumer<LoadSnapshot> listener) throws LoadException {
        List<String> records = readRecords(plan.recordSource());
        Run run = new Run(plan, target.resolve("/predict"), records, listener);
        run.begin();
        return run;
    }

    static List<String> readRecords(String source) throws LoadException {
        try {
            BufferedReader reader;
            if (LoadPlan.BUILT_IN_RECORDS.equals(source)) {
                var in = Objects.requireNonNull(
                        BuiltInLoadDriver.class.getResourceAsStream("sample-records.jsonl"), "built-in sample");
                reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            } else {
                reader = Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8);
            }
            List<String> lines = new ArrayList<>();
            try (reader) {
                String line;
                int number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        if (!JSON.readTree(line).isObject()) {
                            throw new LoadException(source + " line " + number + ": not a JSON object", null);
                        }
                    } catch (IOException e) {
                        throw new LoadException(source + " line " + number + ": not valid JSON", e);
                    }
                    lines.add(line);
                }
            }
            if (lines.isEmpty()) {
                throw new LoadException(source + ": no records", null);
            }
            return lines;
        } catch (IOException e) {
            throw new LoadException("cannot read records from " + source + ": " + e.getMessage(), e);
        }
    }

    private static final class Run implements LoadControl {
        private final LoadPlan plan;
        private final URI predict;
        private final List<String> records;
        private final Consumer<LoadSnapshot> listener;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final HttpClient client;
        private final Semaphore inFlight;
        private final AtomicInteger cap;
        private final Recorder corrected = new Recorder(60_000_000L, 2);
        private final Recorder raw = new Recorder(60_000_000L, 2);
        private final LongAdder sent = new LongAdder();
        private final LongAdder completed = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder dropped = new LongAdder();
        private final DoubleAdder confidence = new DoubleAdder();
        private final LongAdder confidenceCount = new LongAdder();
        private final AtomicLong nextRecord = new AtomicLong();
        private volatile LoadState state = LoadState.READY;
        private volatile boolean skip;
        private volatile double heldRate = Double.NaN;
        private volatile int phase;
        private volatile long profileNanos;
        private volatile double targetRate;
        private Thread scheduler;
        private Thread reporter;

        Run(LoadPlan plan, URI predict, List<String> records, Consumer<LoadSnapshot> listener) {
            this.plan = plan;
            this.predict = predict;
            this.records = records;
            this.listener = Objects.requireNonNull(listener);
            this.cap = new AtomicInteger(plan.inFlightCap());
            this.inFlight = new Semaphore(plan.inFlightCap());
            this.client = HttpClient.newBuilder()
                    .executor(executor)
                    .connectTimeout(Duration.ofSeconds(2))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }

        void begin() {
            state = LoadState.RUNNING;
            scheduler =
                    Thread.ofPlatform().daemon().name("builtin-load-scheduler").start(this::schedule);
            reporter =
                    Thread.ofPlatform().daemon().name("builtin-load-reporter").start(this::report);
        }

        /** Walks the profile in 1 ms steps of profile time, firing whenever the accumulated rate owes a request. */
        private void schedule() {
            long last = System.nanoTime();
            double owed = 0;
            while (state != LoadState.FINISHED) {
                LockSupport.parkNanos(1_000_000);
                long now = System.nanoTime();
                long dt = now - last;
                last = now;
                if (state == LoadState.PAUSED) {
                    targetRate = 0;
                    continue;
                }
                double rate;
                if (state == LoadState.HOLDING) {
                    rate = heldRate;
                } else {
                    if (skip) {
                        skip = false;
                        profileNanos = plan.scaledStart(
                                        Math.min(phase + 1, plan.phases().size()))
                                .toNanos();
                    }
                    profileNanos += dt;
                    int p = phaseAt(profileNanos);
                    if (p >= plan.phases().size()) {
                        finish();
                        return;
                    }
                    phase = p;
                    long phaseStart = plan.scaledStart(p).toNanos();
                    Duration intoPhaseProfileTime =
                            Duration.ofNanos(Math.round((profileNanos - phaseStart) / plan.timeScale()));
                    rate = plan.phases().get(p).rateAt(intoPhaseProfileTime);
                }
                targetRate = rate;
                owed += rate * dt / 1e9;
                while (owed >= 1) {
                    owed -= 1;
                    fire(now);
                }
            }
        }

        private int phaseAt(long nanos) {
            long start = 0;
            for (int i = 0; i < plan.phases().size(); i++) {
                start += plan.scaledDuration(i).toNanos();
                if (nanos < start) {
                    return i;
                }
            }
            return plan.phases().size();
        }

        private void fire(long planned) {
            if (!inFlight.tryAcquire()) {
                dropped.increment();
                return;
            }
            String body = records.get((int) (nextRecord.getAndIncrement() % records.size()));
            long sendAt = System.nanoTime();
            sent.increment();
            HttpRequest request = HttpRequest.newBuilder(predict)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                inFlight.release();
                completed.increment();
                corrected.recordValue(Math.min(60_000_000L, Math.max(1, (end - planned) / 1000)));
                raw.recordValue(Math.min(60_000_000L, Math.max(1, (end - sendAt) / 1000)));
                if (failure != null || response.statusCode() >= 400) {
                    errors.increment();
                    return;
                }
                try {
                    JsonNode c = JSON.readTree(response.body()).get("confidence");
                    if (c != null && c.isNumber()) {
                        confidence.add(c.asDouble());
                        confidenceCount.increment();
                    }
                } catch (IOException e) {
                    errors.increment();
                }
            });
        }

        private void report() {
            long last = System.nanoTime();
            Histogram correctedInterval = null;
            Histogram rawInterval = null;
            while (true) {
                boolean finished = state == LoadState.FINISHED;
                if (!finished) {
                    LockSupport.parkNanos(1_000_000_000L - ((System.nanoTime() - last) % 1_000_000_000L));
                }
                long now = System.nanoTime();
                double seconds = Math.max(1e-3, (now - last) / 1e9);
                last = now;
                correctedInterval = corrected.getIntervalHistogram(correctedInterval);
                rawInterval = raw.getIntervalHistogram(rawInterval);
                long sentNow = sent.sumThenReset();
                long c = confidenceCount.sumThenReset();
                double conf = confidence.sumThenReset();
                long profile = Math.min(profileNanos, plan.scaledTotal().toNanos());
                LoadSnapshot snapshot = new LoadSnapshot(
                        Instant.now(),
                        state,
                        Math.min(phase, plan.phases().size() - 1),
                        Duration.ofNanos(profile),
                        plan.scaledTotal().minusNanos(profile),
                        targetRate,
                        sentNow / seconds,
                        cap.get() - inFlight.availablePermits(),
                        sentNow,
                        completed.sumThenReset(),
                        errors.sumThenReset(),
                        dropped.sumThenReset(),
                        p90(correctedInterval),
                        p90(rawInterval),
                        c == 0 ? Double.NaN : conf / c);
                try {
                    listener.accept(snapshot);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(BuiltInLoadDriver.class).warn("Load snapshot listener failed", e);
                }
                if (finished) {
                    return;
                }
            }
        }

        private static double p90(Histogram h) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(90) / 1000.0;
        }

        private void finish() {
            state = LoadState.FINISHED;
            targetRate = 0;
            executor.shutdown();
            LockSupport.unpark(reporter);
        }

        @Override
        public void pause() {
            if (state == LoadState.RUNNING || state == LoadState.HOLDING) {
                state = LoadState.PAUSED;
            }
        }

        @Override
        public void resume() {
            if (state == LoadState.PAUSED || state == LoadState.HOLDING) {
                state = LoadState.RUNNING;
            }
        }

        @Override
        public void holdRate(double requestsPerSecond) {
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("rate must be finite and >= 0, got " + requestsPerSecond);
            }
            if (state != LoadState.FINISHED) {
                heldRate = requestsPerSecond;
                state = LoadState.HOLDING;
            }
        }

        @Override
        public void nextPhase() {
            if (state == LoadState.RUNNING) {
                skip = true;
            }
        }

        @Override
        public void setInFlightCap(int newCap) {
            if (newCap < 1) {
                throw new IllegalArgumentException("in-flight cap must be >= 1, got " + newCap);
            }
            int old = cap.getAndSet(newCap);
            if (newCap > old) {
                inFlight.release(newCap - old);
            } else {
                // Shrinking: take permits back as requests complete.
                executor.execute(() -> inFlight.acquireUninterruptibly(old - newCap));
            }
        }

        @Override
        public void stop() {
            if (state != LoadState.FINISHED) {
                finish();
            }
        }

        @Override
        public LoadState state() {
            return state;
        }
    }
}
