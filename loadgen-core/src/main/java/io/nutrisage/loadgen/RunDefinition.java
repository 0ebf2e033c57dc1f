package io.nutrisage.loadgen;

import com.fasterxml.jackson.core.JsonPointer;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.schedule.Arrivals;
import io.nutrisage.loadgen.schedule.CatchUp;
import io.nutrisage.loadgen.schedule.RateProfile;
import io.nutrisage.loadgen.sink.ResponseSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run needs, immutable; build with {@link #builder(URI)}. The profile is already time-scaled.
 *
 * <p>Defaults: profile {@code nutrisage-demo}, constant arrivals, seed 0, built-in sample records without loop,
 * in-flight cap 64, request timeout 10 s, starts late after 10 ms, dropped when the cap is hit for 1 s, catch-up at
 * twice the target rate, drain 5 s on stop, confidence at {@code /confidence}, grade at {@code /grade}, no histogram
 * log, no response sink.
 */
public final class RunDefinition {
    private final URI url;
    private final RateProfile profile;
    private final Arrivals arrivals;
    private final long seed;
    private final RecordSource records;
    private final boolean loop;
    private final int inFlightCap;
    private final Duration requestTimeout;
    private final Duration lateAfter;
    private final Duration maxLateness;
    private final double catchUpFactor;
    private final Duration drainTimeout;
    private final JsonPointer confidencePointer;
    private final JsonPointer gradePointer;
    private final Path histogramLog;
    private final ResponseSink responseSink;

    private RunDefinition(Builder b) {
        this.url = b.target.resolve(b.path);
        this.profile = b.profile.timeScaled(b.timeScale);
        this.arrivals = b.arrivals;
        this.seed = b.seed;
        this.records = b.records;
        this.loop = b.loop;
        this.inFlightCap = b.inFlightCap;
        this.requestTimeout = b.requestTimeout;
        this.lateAfter = b.lateAfter;
        this.maxLateness = b.maxLateness;
        this.catchUpFactor = b.catchUpFactor;
        this.drainTimeout = b.drainTimeout;
        this.confidencePointer = b.confidencePointer;
        this.gradePointer = b.gradePointer;
        this.histogramLog = b.histogramLog;
        this.responseSink = b.responseSink;
    }

    /** A builder for a run against {@code target} (e.g. {@code http://127.0.0.1:8000}); requests go to its {@code /predict}. */
    public static Builder builder(URI target) {
        return new Builder(target);
    }

    /** The URL every request is posted to. */
    public URI url() {
        return url;
    }

    public RateProfile profile() {
        return profile;
    }

    public Arrivals arrivals() {
        return arrivals;
    }

    public long seed() {
        return seed;
    }

    public RecordSource records() {
        return records;
    }

    public boolean loop() {
        return loop;
    }

    public int inFlightCap() {
        return inFlightCap;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration lateAfter() {
        return lateAfter;
    }

    public Duration maxLateness() {
        return maxLateness;
    }

    /** Overdue starts are sent at this times the target rate until back on schedule; see {@link Builder#catchUp}. */
    public double catchUpFactor() {
        return catchUpFactor;
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    public JsonPointer confidencePointer() {
        return confidencePointer;
    }

    public JsonPointer gradePointer() {
        return gradePointer;
    }

    public Optional<Path> histogramLog() {
        return Optional.ofNullable(histogramLog);
    }

    public Optional<ResponseSink> responseSink() {
        return Optional.ofNullable(responseSink);
    }

    /** Not thread-safe; each {@link #build()} gives an independent definition. */
    public static final class Builder {
        private final URI target;
        private String path = "/predict";
        private RateProfile profile = RateProfile.NUTRISAGE_DEMO;
        private double timeScale = 1.0;
        private Arrivals arrivals = Arrivals.CONSTANT;
        private long seed;
        private RecordSource records = RecordSources.builtInSample();
        private boolean loop;
        private int inFlightCap = 64;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration lateAfter = Duration.ofMillis(10);
        private Duration maxLateness = Duration.ofSeconds(1);
        private double catchUpFactor = 2.0;
        private Duration drainTimeout = Duration.ofSeconds(5);
        private JsonPointer confidencePointer = JsonPointer.compile("/confidence");
        private JsonPointer gradePointer = JsonPointer.compile("/grade");
        private Path histogramLog;
        private ResponseSink responseSink;

        private Builder(URI target) {
            Objects.requireNonNull(target, "target");
            String scheme = target.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || target.getHost() == null) {
                throw new IllegalArgumentException(
                        "target must be an http(s) URL such as http://127.0.0.1:8000, was '" + target + "'");
            }
            this.target = target;
        }

        /** Path on the target, default {@code /predict}. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder profile(RateProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Multiplies every phase duration (0.1 plays 22 minutes in 2.2); rates are kept. */
        public Builder timeScale(double timeScale) {
            if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
                throw new IllegalArgumentException("time scale must be > 0, was " + timeScale);
            }
            this.timeScale = timeScale;
            return this;
        }

        public Builder arrivals(Arrivals arrivals) {
            this.arrivals = Objects.requireNonNull(arrivals, "arrivals");
            return this;
        }

        /** Seed of the Poisson arrivals. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder records(RecordSource records) {
            this.records = Objects.requireNonNull(records, "records");
            return this;
        }

        /** Start the records again when they run out, instead of ending the run. */
        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /** Most requests in flight at once ({@code WORKERS}); changeable while running. */
        public Builder inFlightCap(int inFlightCap) {
            this.inFlightCap = checkCap(inFlightCap);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("request timeout", requestTimeout);
            return this;
        }

        /** A start sent more than this behind its planned time counts as late. */
        public Builder lateAfter(Duration lateAfter) {
            this.lateAfter = positive("late threshold", lateAfter);
            return this;
        }

        /**
         * A start that finds the in-flight cap reached when it is more than this behind its planned time is dropped
         * (never sent). A start that catch-up pacing delays longer is still sent once a slot is free.
         */
        public Builder maxLateness(Duration maxLateness) {
            this.maxLateness = positive("max lateness", maxLateness);
            return this;
        }

        /**
         * How fast the run catches up once it is more than {@code lateAfter} behind plan (the target stalled and held
         * every in-flight slot, a GC pause): overdue starts go out at {@code factor} times the target rate until the
         * next start is on schedule, as wrk2 does (default 2, its fixed value), not all at once onto a target that is
         * just recovering. Latency is still measured from each start's planned time, so the corrected percentiles keep
         * showing the stall; a start the pacing delays is late but never dropped for it (only the cap drops).
         *
         * @param factor a finite number {@code > 1}
         */
        public Builder catchUp(double factor) {
            this.catchUpFactor = CatchUp.checkFactor(factor);
            return this;
        }

        /** How long a stopped run waits for requests in flight before cancelling them. */
        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = positive("drain timeout", drainTimeout);
            return this;
        }

        /** Where the confidence is in a response, as a JSON pointer (RFC 6901), default {@code /confidence}. */
        public Builder confidencePointer(String pointer) {
            this.confidencePointer = JsonPointer.compile(pointer);
            return this;
        }

        /** Where the grade is in a response, as a JSON pointer, default {@code /grade}. */
        public Builder gradePointer(String pointer) {
            this.gradePointer = JsonPointer.compile(pointer);
            return this;
        }

        /** Write corrected and raw interval histograms to this {@code .hlog} file. */
        public Builder histogramLog(Path histogramLog) {
            this.histogramLog = histogramLog;
            return this;
        }

        /** Store every request with its response; the run closes the sink when it finishes. */
        public Builder responseSink(ResponseSink responseSink) {
            this.responseSink = responseSink;
            return this;
        }

        public RunDefinition build() {
            return new RunDefinition(this);
        }
    }

    static int checkCap(int cap) {
        if (cap < 1 || cap > 100_000) {
            throw new IllegalArgumentException("in-flight cap must be 1..100000, was " + cap);
        }
        return cap;
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
