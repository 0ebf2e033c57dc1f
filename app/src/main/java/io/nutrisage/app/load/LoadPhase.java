package io.nutrisage.app.load;

import java.time.Duration;
import java.util.Objects;

/** One phase of a rate profile: a hold ({@code from == to}) or a linear ramp, in requests per second. */
public record LoadPhase(Duration duration, double fromRate, double toRate) {
    public LoadPhase {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phase duration must be positive, got " + duration);
        }
        if (!(fromRate >= 0) || !(toRate >= 0) || Double.isInfinite(fromRate) || Double.isInfinite(toRate)) {
            throw new IllegalArgumentException(
                    "phase rates must be finite and >= 0, got " + fromRate + " -> " + toRate);
        }
    }

    public static LoadPhase hold(Duration duration, double rate) {
        return new LoadPhase(duration, rate, rate);
    }

    /** Target rate at {@code elapsed} into the phase. */
    public double rateAt(Duration elapsed) {
        double f = Math.min(1, Math.max(0, elapsed.toNanos() / (double) duration.toNanos()));
        return fromRate + (toRate - fromRate) * f;
    }

    public String describe() {
        return fromRate == toRate
                ? String.format(java.util.Locale.ROOT, "%ds at %.0f/s", duration.toSeconds(), fromRate)
                : String.format(java.util.Locale.ROOT, "%ds %.0f→%.0f/s", duration.toSeconds(), fromRate, toRate);
    }
}
