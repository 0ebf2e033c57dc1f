package io.nutrisage.loadgen.schedule;

import java.util.SplittableRandom;

/**
 * Start times within one phase by inverting its cumulative count {@code N(t) = r0 t + (r1 - r0) t^2 / (2 D)}: the
 * k-th constant-rate start is at {@code N(t) = k}; Poisson starts are at {@code N(t) = E1 + ... + Ek} with unit
 * exponential steps (a time change of a unit-rate Poisson process).
 */
final class PhaseFireTimes {
    private final double durationSeconds;
    private final double r0;
    private final double slope; // requests/s per second
    private final SplittableRandom random; // null for constant arrivals
    private double count; // the cumulative target count of the next start
    private long index;

    PhaseFireTimes(Phase phase, SplittableRandom random) {
        this.durationSeconds = phase.duration().toNanos() / 1e9;
        this.r0 = phase.startRate();
        this.slope = (phase.endRate() - phase.startRate()) / durationSeconds;
        this.random = random;
        this.count = random == null ? 0 : exponential();
    }

    /** Offset of the next start from the phase start in nanoseconds, or -1 once the phase is over. */
    long next() {
        double t = timeOfCount(count);
        if (!(t < durationSeconds)) {
            return -1;
        }
        index++;
        count = random == null ? index : count + exponential();
        return Math.round(t * 1e9);
    }

    private double exponential() {
        return -Math.log(1.0 - random.nextDouble());
    }

    /** Smallest t >= 0 with N(t) = n, or +infinity if the phase never reaches n. */
    private double timeOfCount(double n) {
        if (n == 0) {
            return r0 > 0 || slope > 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Math.abs(slope) < 1e-12) {
            return r0 > 0 ? n / r0 : Double.POSITIVE_INFINITY;
        }
        double discriminant = r0 * r0 + 2 * slope * n;
        if (discriminant < 0) {
            return Double.POSITIVE_INFINITY; // a falling ramp that ends before reaching n
        }
        // Written as 2n / (r0 + sqrt(...)) rather than (-r0 + sqrt(...)) / slope: no cancellation for small slopes.
        double denominator = r0 + Math.sqrt(discriminant);
        return denominator > 0 ? 2 * n / denominator : Double.POSITIVE_INFINITY;
    }
}
