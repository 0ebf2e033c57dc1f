package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.MetricId;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@link SandboxSample}'s formulas on numbers chosen so that each result can be worked out by hand. */
class SandboxSampleTest {
    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");
    private static final long MIB = 1024 * 1024;

    @Test
    void twoServingTasksOverTwoSeconds() {
        // 256 CPU units = a quarter vCPU: two tasks reserve 2 × 0.25 × 2 s = 1 s of CPU; they used 0.3 + 0.1 s.
        // Predictions: 3 on one replica (10, 20, 30 ms), 1 on the other (40 ms); confidences 2.4 + 0.9 over 4.
        var first = new SandboxSample.TaskReading(300_000_000L, interval(2.4, 3, 10_000, 20_000, 30_000));
        var second = new SandboxSample.TaskReading(100_000_000L, interval(0.9, 1, 40_000));
        var sample = SandboxSample.of(
                new SandboxSample.Readings(
                        T,
                        2.0,
                        List.of(first, second),
                        new RoundRobinFront.FrontInterval(100, 2, 1, histogram(5_000, 15_000)),
                        2,
                        new FleetStatus(T, 2, 3, 1, List.of()),
                        256 * MIB),
                256,
                512);

        assertThat(sample.values().get(MetricId.CPU_UTILIZATION)).isCloseTo(40.0, within(1e-9));
        assertThat(sample.cpuPercent()).hasValue(40.0);
        // 256 MiB of heap over 2 × 512 MiB reserved.
        assertThat(sample.values().get(MetricId.MEMORY_UTILIZATION)).isCloseTo(25.0, within(1e-9));
        // p90 of {10, 20, 30, 40} ms is 40 ms (HdrHistogram, 2 significant digits).
        assertThat(sample.values().get(MetricId.MODEL_LATENCY_P90)).isCloseTo(40.0, within(0.5));
        assertThat(sample.values().get(MetricId.CONFIDENCE_AVG)).isCloseTo(3.3 / 4, within(1e-9));
        assertThat(sample.values().get(MetricId.REQUEST_RATE)).isEqualTo(50.0);
        assertThat(sample.values().get(MetricId.REQUEST_COUNT_PER_TARGET)).isEqualTo(50.0);
        assertThat(sample.requestsPerTarget()).hasValue(50.0);
        assertThat(sample.values().get(MetricId.TARGET_5XX)).isEqualTo(1.5);
        assertThat(sample.values().get(MetricId.TARGET_RESPONSE_TIME_P90)).isCloseTo(15.0, within(0.1));
        assertThat(sample.values())
                .containsEntry(MetricId.RUNNING_TASKS, 2.0)
                .containsEntry(MetricId.DESIRED_TASKS, 3.0)
                .containsEntry(MetricId.PENDING_TASKS, 1.0);
        assertThat(sample.latencyMicros().getTotalCount()).isEqualTo(4);
    }

    @Test
    void withoutServingTasksOrTargetsOnlyTheFrontAndTheCountsAreSampled() {
        var sample = SandboxSample.of(
                new SandboxSample.Readings(
                        T,
                        1.0,
                        List.of(),
                        new RoundRobinFront.FrontInterval(0, 0, 3, ModelInterval.newHistogram()),
                        0,
                        new FleetStatus(T, 0, 1, 1, List.of()),
                        256 * MIB),
                256,
                512);

        assertThat(sample.values())
                .containsOnlyKeys(
                        MetricId.REQUEST_RATE,
                        MetricId.TARGET_5XX,
                        MetricId.RUNNING_TASKS,
                        MetricId.DESIRED_TASKS,
                        MetricId.PENDING_TASKS);
        assertThat(sample.values().get(MetricId.TARGET_5XX)).isEqualTo(3.0);
        assertThat(sample.cpuPercent()).isEmpty();
        assertThat(sample.requestsPerTarget()).isEmpty();
    }

    @Test
    void aReplicaRestartedBetweenSamplesCountsNoNegativeCpu() {
        var restarted = new SandboxSample.TaskReading(-5_000_000L, ModelInterval.empty());
        var sample = SandboxSample.of(
                new SandboxSample.Readings(
                        T,
                        1.0,
                        List.of(restarted),
                        new RoundRobinFront.FrontInterval(0, 0, 0, ModelInterval.newHistogram()),
                        1,
                        new FleetStatus(T, 1, 1, 0, List.of()),
                        0),
                1024,
                512);

        assertThat(sample.cpuPercent()).hasValue(0.0);
    }

    private static ModelInterval interval(double confidenceSum, long predictions, long... latencyMicros) {
        return new ModelInterval(
                histogram(latencyMicros),
                confidenceSum,
                predictions,
                0,
                ModelInterval.WeightedMean.NONE,
                ModelInterval.WeightedMean.NONE);
    }

    private static Histogram histogram(long... micros) {
        Histogram h = ModelInterval.newHistogram();
        for (long m : micros) {
            h.recordValue(m);
        }
        return h;
    }
}
