package io.nutrisage.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.loadgen.EndReason;
import io.nutrisage.loadgen.LatencySummary;
import io.nutrisage.loadgen.Outcomes;
import io.nutrisage.loadgen.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's line on whether the generator offered the target the planned load. */
class GeneratorVerdictTest {

    @Test
    void aRunWithNothingLateDroppedOrBlockedKeptToThePlan() {
        assertThat(SummaryReports.generatorVerdict(summary(18_480, 0, 0, 0)))
                .contains("kept to the plan (no late or dropped starts");
    }

    @Test
    void aFewLateOrBlockedStartsInALongRunAreReportedWithTheirShare() {
        // The end-to-end run of nutrisage-demo at time scale 0.1: the first connection on a cold JVM and one more.
        assertThat(SummaryReports.generatorVerdict(summary(18_480, 2, 0, 2)))
                .isEqualTo("  generator: kept to the plan but for 2 late and 2 blocked over 1 ms of 18480 starts"
                        + " (0.022 %), none dropped\n");
    }

    @Test
    void moreThanATenthOfAPercentBehindOrAnyDroppedStartIsAGeneratorLimit() {
        assertThat(SummaryReports.generatorVerdict(summary(1_000, 1, 0, 1)))
                .as("2 of 1,000 is 0.2 %")
                .startsWith("  generator: fell behind the plan (1 late, 0 dropped, 1 blocked over 1 ms)");
        assertThat(SummaryReports.generatorVerdict(summary(1_000_000, 0, 1, 0)))
                .as("a dropped start never reached the target")
                .contains("fell behind the plan (0 late, 1 dropped");
    }

    private static RunSummary summary(long planned, long late, long dropped, long blocked) {
        LatencySummary latency = new LatencySummary(planned - dropped, 1, 1, 1, 1, 1, 1, 1);
        return new RunSummary(
                "http://127.0.0.1:8000/predict",
                "nutrisage-demo",
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(132),
                Duration.ofSeconds(132),
                EndReason.PROFILE_COMPLETED,
                132,
                planned,
                planned - dropped,
                planned - dropped,
                late,
                dropped,
                blocked * 2.0,
                blocked,
                (planned - dropped) / (double) planned,
                latency,
                latency,
                new Outcomes(planned - dropped, 0, 0, 0, 0, 0, 0, 0),
                0.9,
                Map.of(),
                0,
                List.of(),
                0,
                null);
    }
}
