package io.nutrisage.loadgen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.loadgen.EndReason;
import io.nutrisage.loadgen.LatencySummary;
import io.nutrisage.loadgen.Outcomes;
import io.nutrisage.loadgen.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdTest {
    // corrected p90 480 ms, raw p90 40 ms, 2 errors in 400 (0.5 %), 990 of 1000 planned sent (99 %), 3 dropped.
    private static final RunSummary SUMMARY = new RunSummary(
            "http://x/predict",
            "p",
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(10),
            Duration.ofSeconds(10),
            EndReason.PROFILE_COMPLETED,
            10,
            1000,
            990,
            990,
            7,
            3,
            12.5,
            1,
            0.99,
            new LatencySummary(990, 100, 480, 600, 900, 1000, 1200, 150),
            new LatencySummary(990, 10, 40, 50, 90, 100, 110, 15),
            new Outcomes(398, 0, 1, 1, 0, 0, 0, 0),
            0.9,
            Map.of(),
            0,
            List.of(),
            0,
            null);

    @ParameterizedTest
    @CsvSource(textBlock = """
            p90<500ms,           true,  480
            p90<0.45s,           false, 480
            p99<=900,            true,  900
            raw_p90<50ms,        true,  40
            max<1s,              false, 1200
            p99.9<1001ms,        true,  1000
            error_rate<1%,       true,  0.005
            error_rate<0.004,    false, 0.005
            achieved_rate>=99%,  true,  0.99
            achieved_rate>99%,   false, 0.99
            dropped<1,           false, 3
            late<=7,             true,  7
            blocked_requests<1,  false, 1
            blocked_ms<20,       true,  12.5
            """)
    void thresholdsCompareTheSummaryWithTheLimit(String expression, boolean passes, double actual) {
        Threshold.Result result = Threshold.parse(expression).evaluate(SUMMARY);

        assertThat(result.passed()).isEqualTo(passes);
        assertThat(result.actual()).isEqualTo(actual);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            p90 fast      | is not METRIC OP VALUE
            latency<5ms   | unknown metric 'latency'
            p90<5%        | takes a time
            error_rate<5s | takes a percentage
            dropped<5ms   | is a count
            """)
    void malformedThresholdsSayWhatIsWrong(String expression, String message) {
        assertThatThrownBy(() -> Threshold.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            p90<500ms,      'PASS p90<500ms: p90 was 480.0 ms (limit < 500.0 ms)'
            error_rate<0.1%, 'FAIL error_rate<0.1%: error_rate was 0.50% (limit < 0.10%)'
            """)
    void resultsDescribeThemselves(String expression, String description) {
        assertThat(Threshold.parse(expression).evaluate(SUMMARY).describe()).isEqualTo(description);
    }
}
