package io.nutrisage.loadgen;

import java.util.HashMap;
import java.util.Map;

/**
 * The counters of one interval, as {@link Stats#countsThenReset()} hands them to the reporter, or the sum of several
 * ({@link #plus}) for the run's totals. Fields as in {@link Snapshot}.
 *
 * @param confidenceCount responses that carried a confidence
 * @param confidenceSum sum of those confidences
 */
record IntervalCounts(
        long planned,
        long sent,
        long completed,
        long late,
        long dropped,
        double blockedMs,
        long blockedRequests,
        long confidenceCount,
        double confidenceSum,
        long skippedRecords,
        Outcomes outcomes,
        Map<String, Long> grades) {

    static final IntervalCounts NONE = new IntervalCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Outcomes.NONE, Map.of());

    IntervalCounts {
        grades = Map.copyOf(grades);
    }

    IntervalCounts plus(IntervalCounts o) {
        Map<String, Long> sum = new HashMap<>(grades);
        o.grades.forEach((grade, n) -> sum.merge(grade, n, Long::sum));
        return new IntervalCounts(
                planned + o.planned,
                sent + o.sent,
                completed + o.completed,
                late + o.late,
                dropped + o.dropped,
                blockedMs + o.blockedMs,
                blockedRequests + o.blockedRequests,
                confidenceCount + o.confidenceCount,
                confidenceSum + o.confidenceSum,
                skippedRecords + o.skippedRecords,
                outcomes.plus(o.outcomes),
                sum);
    }

    /** Mean confidence, {@code NaN} if no response carried one. */
    double averageConfidence() {
        return confidenceCount == 0 ? Double.NaN : confidenceSum / confidenceCount;
    }
}
