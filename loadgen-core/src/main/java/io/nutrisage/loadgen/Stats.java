package io.nutrisage.loadgen;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Counters written by the scheduler and HTTP callback threads and reset every interval by the reporter. Writers
 * never lock; the reporter reads each counter with {@code sumThenReset}, so a count lands in exactly one interval.
 */
final class Stats {
    /** Latencies are recorded in microseconds up to one hour (3 significant digits: ~200 KB per histogram). */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    private static final int MAX_GRADES = 32;
    static final String OTHER_GRADE = "(other)";

    final LongAdder planned = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder blockedNanos = new LongAdder();
    final LongAdder blockedRequests = new LongAdder();
    final LongAdder status2xx = new LongAdder();
    final LongAdder status3xx = new LongAdder();
    final LongAdder status4xx = new LongAdder();
    final LongAdder status5xx = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder timeout = new LongAdder();
    final LongAdder reset = new LongAdder();
    final LongAdder otherErrors = new LongAdder();
    final LongAdder confidenceCount = new LongAdder();
    final DoubleAdder confidenceSum = new DoubleAdder();
    final LongAdder skipped = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> grades = new ConcurrentHashMap<>();

    /** Multi-writer recorders: many callback threads record, the reporter swaps the interval histogram. */
    final Recorder corrected = new Recorder(HIGHEST_MICROS, 3);

    final Recorder raw = new Recorder(HIGHEST_MICROS, 3);
    final AtomicInteger inFlight = new AtomicInteger();
    /** The scheduler thread while it waits for a free slot under the in-flight cap, else null. */
    volatile Thread slotWaiter;

    /** A request ended: free its slot and wake the scheduler if it waits for one (no polling). */
    void releaseSlot() {
        inFlight.decrementAndGet();
        Thread waiter = slotWaiter;
        if (waiter != null) {
            java.util.concurrent.locks.LockSupport.unpark(waiter);
        }
    }

    void recordLatency(long intendedNs, long sentNs, long endNs) {
        corrected.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (endNs - intendedNs) / 1000)));
        raw.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (endNs - sentNs) / 1000)));
    }

    void recordStatus(int code) {
        if (code >= 500) {
            status5xx.increment();
        } else if (code >= 400) {
            status4xx.increment();
        } else if (code >= 300) {
            status3xx.increment();
        } else {
            status2xx.increment();
        }
    }

    void recordGrade(String grade) {
        LongAdder adder = grades.get(grade);
        if (adder == null) {
            // Grades come from the server: bound the map so a misbehaving server cannot grow it.
            String key = grades.size() < MAX_GRADES ? grade : OTHER_GRADE;
            adder = grades.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    /** Every counter of the interval that ends now; each count lands in exactly one interval. */
    IntervalCounts countsThenReset() {
        return new IntervalCounts(
                planned.sumThenReset(),
                sent.sumThenReset(),
                completed.sumThenReset(),
                late.sumThenReset(),
                dropped.sumThenReset(),
                blockedNanos.sumThenReset() / 1e6,
                blockedRequests.sumThenReset(),
                confidenceCount.sumThenReset(),
                confidenceSum.sumThenReset(),
                skipped.sumThenReset(),
                outcomesThenReset(),
                gradesThenReset());
    }

    private Map<String, Long> gradesThenReset() {
        Map<String, Long> result = new HashMap<>();
        grades.forEach((grade, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                result.put(grade, n);
            }
        });
        return result;
    }

    private Outcomes outcomesThenReset() {
        return new Outcomes(
                status2xx.sumThenReset(),
                status3xx.sumThenReset(),
                status4xx.sumThenReset(),
                status5xx.sumThenReset(),
                refused.sumThenReset(),
                timeout.sumThenReset(),
                reset.sumThenReset(),
                otherErrors.sumThenReset());
    }
}
