package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {
    private final Stats stats = new Stats();

    @Test
    void countsThenResetTakesEachCountIntoOneIntervalOnly() {
        stats.planned.add(3);
        stats.sent.add(2);
        stats.completed.add(2);
        stats.late.increment();
        stats.dropped.increment();
        stats.blockedNanos.add(2_500_000);
        stats.blockedRequests.increment();
        stats.confidenceCount.add(2);
        stats.confidenceSum.add(1.5);
        stats.skipped.increment();
        stats.recordStatus(200);
        stats.recordStatus(503);
        stats.timeout.increment();
        stats.recordGrade("a");
        stats.recordGrade("a");

        assertThat(stats.countsThenReset())
                .isEqualTo(new IntervalCounts(
                        3, 2, 2, 1, 1, 2.5, 1, 2, 1.5, 1, new Outcomes(1, 0, 0, 1, 0, 1, 0, 0), Map.of("a", 2L)));
        assertThat(stats.countsThenReset()).isEqualTo(IntervalCounts.NONE);
    }
}
