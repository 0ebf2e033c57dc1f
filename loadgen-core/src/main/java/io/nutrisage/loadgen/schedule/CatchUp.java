package io.nutrisage.loadgen.schedule;

/**
 * Paces the catch-up after the sender fell behind its plan (a stall of the target filled the in-flight cap, a GC
 * pause), as wrk2 does: overdue starts go out at {@code factor} times the target rate until the next start is no
 * longer behind, instead of all at once onto a target that is just recovering. Latency is still measured from each
 * start's planned time, so corrected percentiles keep showing the stall.
 *
 * <p>wrk2's arithmetic ({@code usec_to_next_send}): on falling behind, note the time and count; the next send is
 * allowed at {@code catchUpStart + sentSinceCatchUpStart / catchUpRate}. Here catch-up starts with the first send
 * that is more than {@code enterAfterNs} (the run's {@code lateAfter}) behind plan, so Poisson bursts and scheduler
 * jitter below that are sent at once, as before. Two refinements keep it a rate, not a burst:
 *
 * <ul>
 *   <li>When the rate changes (a ramp, a new hold) the count is re-based at the next allowed time, so a higher rate
 *       never turns the sends already made into credit.
 *   <li>A send later than its allowed time by up to {@code enterAfterNs} keeps its credit (parking is coarser than
 *       the spacing at high rates), one later than that (held back by the in-flight cap) re-bases at the send: a long
 *       wait for a slot earns no burst.
 * </ul>
 *
 * Clock-free and allocation-free: the caller passes times (nanoseconds, any origin) and rates. Not thread-safe; one
 * per scheduler thread.
 */
public final class CatchUp {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double factor;
    private final long enterAfterNs;
    private boolean active;
    private long baseNs;
    private long sentSinceBase;
    private double rate;

    /**
     * @param factor catch-up rate over the target rate, {@code > 1} (wrk2: 2)
     * @param enterAfterNs how far behind plan a send must be to start catching up ({@code lateAfter})
     */
    public CatchUp(double factor, long enterAfterNs) {
        this.factor = checkFactor(factor);
        if (enterAfterNs < 0) {
            throw new IllegalArgumentException("catch-up threshold must be >= 0 ns, was " + enterAfterNs);
        }
        this.enterAfterNs = enterAfterNs;
    }

    /** Returns {@code factor} if it is a valid catch-up factor. */
    public static double checkFactor(double factor) {
        if (!(factor > 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("catch-up factor must be a finite number > 1 (2 sends overdue starts at"
                    + " twice the target rate, as wrk2 does), was " + factor);
        }
        return factor;
    }

    /**
     * When the start planned at {@code dueNs} may be sent. Not yet due ({@code dueNs > nowNs}) this is {@code dueNs}
     * and any catch-up ends; behind but not catching up it is {@code dueNs} (send now); catching up it is the next
     * time the catch-up rate allows, which may be after {@code nowNs}.
     *
     * @param targetRate starts/s the plan asks for; the catch-up rate is {@code factor} times this. A rate of 0 does
     *     not pace.
     */
    public long sendAt(long dueNs, long nowNs, double targetRate) {
        if (dueNs > nowNs) {
            active = false;
            return dueNs;
        }
        if (!active) {
            return dueNs;
        }
        double catchUpRate = factor * targetRate;
        if (catchUpRate != rate) {
            baseNs = rate > 0 ? nextAllowedNs() : nowNs;
            sentSinceBase = 0;
            rate = catchUpRate;
        }
        return rate > 0 ? nextAllowedNs() : dueNs;
    }

    /**
     * The start planned at {@code dueNs} was sent at {@code nowNs}. Starts catching up if it was more than the
     * threshold behind plan.
     *
     * @param targetRate as for {@link #sendAt}
     */
    public void sent(long dueNs, long nowNs, double targetRate) {
        if (!active) {
            if (nowNs - dueNs > enterAfterNs) {
                active = true;
                baseNs = nowNs;
                sentSinceBase = 1;
                rate = factor * targetRate;
            }
            return;
        }
        if (rate > 0 && nowNs - nextAllowedNs() > enterAfterNs) {
            baseNs = nowNs;
            sentSinceBase = 1;
            return;
        }
        sentSinceBase++;
    }

    /** Ends any catch-up (a pause, hold, resume or skip starts a new plan). */
    public void reset() {
        active = false;
    }

    /** Whether overdue starts are being paced. */
    public boolean catchingUp() {
        return active;
    }

    private long nextAllowedNs() {
        return baseNs + (long) (sentSinceBase * NANOS_PER_SECOND / rate);
    }
}
