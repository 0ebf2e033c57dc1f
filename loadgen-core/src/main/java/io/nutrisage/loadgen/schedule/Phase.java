package io.nutrisage.loadgen.schedule;

import java.time.Duration;
import java.util.Objects;

/** One step of a rate profile: a constant rate ({@link Hold}) or a linear change of rate ({@link Ramp}). */
public sealed interface Phase permits Phase.Hold, Phase.Ramp {

    Duration duration();

    /** Target rate in requests per second at the start of the phase. */
    double startRate();

    /** Target rate in requests per second at the end of the phase. */
    double endRate();

    /** The same phase lasting {@code factor} times as long, at the same rates (rehearsals compress time). */
    Phase scaled(double factor);

    /** Holds {@code rate} requests per second for {@code duration}. */
    record Hold(Duration duration, double rate) implements Phase {
        public Hold {
            checkDuration(duration);
            checkRate("rate", rate);
        }

        @Override
        public double startRate() {
            return rate;
        }

        @Override
        public double endRate() {
            return rate;
        }

        @Override
        public Phase scaled(double factor) {
            return new Hold(scale(duration, factor), rate);
        }
    }

    /** Changes the rate linearly from {@code from} to {@code to} requests per second over {@code duration}. */
    record Ramp(Duration duration, double from, double to) implements Phase {
        public Ramp {
            checkDuration(duration);
            checkRate("from", from);
            checkRate("to", to);
        }

        @Override
        public double startRate() {
            return from;
        }

        @Override
        public double endRate() {
            return to;
        }

        @Override
        public Phase scaled(double factor) {
            return new Ramp(scale(duration, factor), from, to);
        }
    }

    static Hold hold(Duration duration, double rate) {
        return new Hold(duration, rate);
    }

    static Ramp ramp(Duration duration, double from, double to) {
        return new Ramp(duration, from, to);
    }

    private static void checkDuration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phase duration must be positive, was " + duration);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name + " must be a finite rate >= 0 requests/s, was " + rate);
        }
    }

    private static Duration scale(Duration duration, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("time scale must be a finite number > 0, was " + factor);
        }
        long nanos = Math.round(duration.toNanos() * factor);
        return Duration.ofNanos(Math.max(1, nanos));
    }
}
