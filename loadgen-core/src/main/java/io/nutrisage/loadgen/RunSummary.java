package io.nutrisage.loadgen;

import io.nutrisage.loadgen.records.SkippedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Totals of a finished run.
 *
 * @param achievedRatio sent over planned starts, 0..1 (1 when nothing was planned)
 * @param skippedExamples the first skipped rows/objects (at most 100) with file and line; {@code skippedRecords}
 *     counts all
 * @param sinkDropped responses the response sink could not keep up with and left out
 * @param failure why the run failed, when {@code endReason} is {@code FAILED}
 */
public record RunSummary(
        String target,
        String profile,
        Instant start,
        Instant end,
        Duration duration,
        EndReason endReason,
        long seconds,
        long planned,
        long sent,
        long completed,
        long late,
        long dropped,
        double blockedMs,
        long blockedRequests,
        double achievedRatio,
        LatencySummary corrected,
        LatencySummary raw,
        Outcomes outcomes,
        double averageConfidence,
        Map<String, Long> grades,
        long skippedRecords,
        List<SkippedRecord> skippedExamples,
        long sinkDropped,
        String failure) {

    public RunSummary {
        grades = Map.copyOf(grades);
        skippedExamples = List.copyOf(skippedExamples);
    }

    /**
     * The summary of a whole run from its totals: the achieved ratio is sent ÷ planned (1 when nothing was planned,
     * a run stopped before its first start).
     */
    static RunSummary of(
            String target,
            String profile,
            Instant start,
            Instant end,
            EndReason endReason,
            long seconds,
            IntervalCounts total,
            LatencySummary corrected,
            LatencySummary raw,
            List<SkippedRecord> skippedExamples,
            long sinkDropped,
            String failure) {
        return new RunSummary(
                target,
                profile,
                start,
                end,
                Duration.between(start, end),
                endReason,
                seconds,
                total.planned(),
                total.sent(),
                total.completed(),
                total.late(),
                total.dropped(),
                total.blockedMs(),
                total.blockedRequests(),
                total.planned() == 0 ? 1.0 : total.sent() / (double) total.planned(),
                corrected,
                raw,
                total.outcomes(),
                total.averageConfidence(),
                total.grades(),
                total.skippedRecords(),
                skippedExamples,
                sinkDropped,
                failure);
    }

    public double errorRate() {
        return outcomes.errorRate();
    }

    public Optional<String> failureMessage() {
        return Optional.ofNullable(failure);
    }
}
