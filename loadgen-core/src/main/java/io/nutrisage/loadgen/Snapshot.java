package io.nutrisage.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What happened during one interval of a run (normally one second; the last one may be shorter).
 *
 * @param second 1-based index of the interval
 * @param time wall-clock time at the end of the interval
 * @param intervalSeconds length of the interval
 * @param phase 0-based index of the profile phase at the end of the interval
 * @param elapsed profile time elapsed (pauses and holds do not count)
 * @param remaining profile time left
 * @param targetRate rate the schedule asked for at the end of the interval (the held rate while holding, 0 paused)
 * @param achievedRate requests sent per second in the interval
 * @param planned starts that fell due in the interval (sent or dropped)
 * @param late starts sent more than the run's {@code lateAfter} behind their planned time
 * @param dropped starts not sent at all: the in-flight cap was reached when they were more than {@code maxLateness}
 *     behind plan
 * @param blockedMs time requests waited for a connection: queued in the HTTP client, or while a new one was opened
 * @param blockedRequests requests that waited more than 1 ms for a connection
 * @param corrected latency from the planned start (what a user arriving on schedule would see)
 * @param raw latency from the actual send
 * @param averageConfidence mean of the confidences read from responses, {@code NaN} if none
 * @param grades count of each grade read from responses
 * @param skippedRecords input rows or objects skipped as unreadable
 */
public record Snapshot(
        long second,
        Instant time,
        double intervalSeconds,
        RunState state,
        int phase,
        Duration elapsed,
        Duration remaining,
        double targetRate,
        double achievedRate,
        long planned,
        long sent,
        long completed,
        int inFlight,
        int inFlightCap,
        long late,
        long dropped,
        double blockedMs,
        long blockedRequests,
        LatencySummary corrected,
        LatencySummary raw,
        Outcomes outcomes,
        double averageConfidence,
        Map<String, Long> grades,
        long skippedRecords) {

    public Snapshot {
        grades = Map.copyOf(grades);
    }

    /**
     * The snapshot of one reporting interval: where the run is (second, time, state, phase, profile time), what the
     * interval counted, the requests in flight against their cap, and the interval's latency distributions. The
     * achieved rate is the interval's sends per second.
     */
    static Snapshot of(
            long second,
            Instant time,
            double intervalSeconds,
            RunState state,
            int phase,
            Duration elapsed,
            Duration remaining,
            double targetRate,
            IntervalCounts counts,
            int inFlight,
            int inFlightCap,
            LatencySummary corrected,
            LatencySummary raw) {
        return new Snapshot(
                second,
                time,
                intervalSeconds,
                state,
                phase,
                elapsed,
                remaining,
                targetRate,
                intervalSeconds > 0 ? counts.sent() / intervalSeconds : 0,
                counts.planned(),
                counts.sent(),
                counts.completed(),
                inFlight,
                inFlightCap,
                counts.late(),
                counts.dropped(),
                counts.blockedMs(),
                counts.blockedRequests(),
                corrected,
                raw,
                counts.outcomes(),
                counts.averageConfidence(),
                counts.grades(),
                counts.skippedRecords());
    }
}
