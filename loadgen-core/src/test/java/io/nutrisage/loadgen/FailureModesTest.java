package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.loadgen.schedule.Profiles;
import io.nutrisage.loadgen.schedule.RateProfile;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A target that stalls, refuses, resets, times out or fails: counted, reported, never a crash. */
class FailureModesTest {

    private static RunDefinition.Builder run(URI target, String... phases) {
        return RunDefinition.builder(target)
                .profile(new RateProfile(
                        "test", Arrays.stream(phases).map(Profiles::parsePhase).toList()))
                .loop(true);
    }

    private static RunSummary execute(RunDefinition definition) throws InterruptedException {
        LoadRun run = LoadGenerator.create(definition);
        run.start();
        return run.awaitCompletion(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("run did not finish"));
    }

    @Test
    void stallShowsInCorrectedLatencyButHardlyInRawLatency() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.stall(1500, 500);

            RunSummary summary = execute(run(server.uri(), "3s@200")
                    .inFlightCap(16)
                    .maxLateness(Duration.ofSeconds(10))
                    .build());

            // Two 500 ms freezes: ~200 of 600 planned starts wait, but only the 16 in flight per freeze were sent
            // before it. Coordinated omission would hide the other waits; the corrected histogram does not.
            assertThat(summary.sent()).isEqualTo(600);
            assertThat(summary.dropped()).isZero();
            assertThat(summary.late()).isGreaterThan(100);
            assertThat(summary.corrected().p90()).isGreaterThan(150.0);
            assertThat(summary.raw().p90()).isLessThan(summary.corrected().p90() / 5);
            assertThat(summary.raw().max())
                    .as("the requests in flight at the freeze do wait")
                    .isGreaterThan(200.0);
        }
    }

    @Test
    void stallWithShortMaxLatenessDropsStarts() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.stall(1500, 500);

            RunSummary summary = execute(run(server.uri(), "3s@200")
                    .inFlightCap(16)
                    .maxLateness(Duration.ofMillis(100))
                    .build());

            assertThat(summary.dropped()).isGreaterThan(50);
            assertThat(summary.late()).isPositive();
            assertThat(summary.sent() + summary.dropped())
                    .isEqualTo(summary.planned())
                    .isEqualTo(600);
            assertThat(summary.achievedRatio()).isLessThan(0.95);
        }
    }

    @Test
    void afterAStallOverdueStartsAreSentAtTwiceTheTargetRateUntilBackOnSchedule() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.recordArrivals();
            long recovery = server.freezeOnce(1000, 1000);

            RunSummary summary = execute(run(server.uri(), "5s@200")
                    .inFlightCap(16)
                    .maxLateness(Duration.ofSeconds(10))
                    .build());

            // The 16 requests in flight at the freeze hold every slot for 1 s: ~180 starts fall behind. Sent as
            // fast as slots free up, they would hit the recovering server within a few milliseconds; paced at
            // 2 x 200/s they arrive at ~40 per 100 ms, and the 1 s lag closes in ~1 s (the lag shrinks by
            // (2 - 1) s per second).
            long[] arrivals = server.arrivals();
            assertThat(summary.sent()).isEqualTo(1000);
            assertThat(summary.dropped()).isZero();
            assertThat(arrivals).hasSize(1000);
            assertThat(mostInAnyWindow(arrivals, 100_000_000L))
                    .as("requests in any 100 ms (the plan asks for 20, catch-up for 40)")
                    .isLessThanOrEqualTo(60);

            // Lag of the i-th arrival behind the i-th planned start (every 5 ms from the first).
            long interval = 5_000_000L;
            long origin = Long.MAX_VALUE;
            for (int i = 0; i < arrivals.length; i++) {
                origin = Math.min(origin, arrivals[i] - i * interval);
            }
            long maxLag = 0;
            long lastBehind = Long.MIN_VALUE;
            for (int i = 0; i < arrivals.length; i++) {
                long lag = arrivals[i] - (origin + i * interval);
                maxLag = Math.max(maxLag, lag);
                if (lag > 50_000_000L) {
                    lastBehind = arrivals[i];
                }
            }
            assertThat(maxLag).as("the stall delays starts (ns)").isGreaterThan(800_000_000L);
            assertThat(lastBehind - recovery)
                    .as("catch-up from the end of the stall until back on schedule (ns)")
                    .isBetween(600_000_000L, 2_500_000_000L);
            assertThat(summary.corrected().max())
                    .as("latency is still measured from the planned start")
                    .isGreaterThan(900.0);
        }
    }

    @Test
    void aBacklogFromBeforeAStepDownCatchesUpAtTheRateItWasPlannedAt() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.recordArrivals();
            long recovery = server.freezeOnce(1600, 600);

            RunSummary summary = execute(run(server.uri(), "2s@200", "2s@5")
                    .inFlightCap(16)
                    .maxLateness(Duration.ofSeconds(10))
                    .build());

            // The freeze (1.6-2.2 s) holds back ~60 starts of the 200/s phase and ends in the 5/s phase. Paced at
            // twice 5/s they would need 6 s; at twice 200/s they are out within ~0.2 s, and only the
            // 5/s phase's own starts arrive after that.
            long[] arrivals = server.arrivals();
            long afterCatchUp = Arrays.stream(arrivals)
                    .filter(t -> t > recovery + 1_000_000_000L)
                    .count();
            assertThat(summary.sent()).isEqualTo(410);
            assertThat(summary.late()).as("the backlog was late").isGreaterThan(40);
            assertThat(afterCatchUp)
                    .as("requests later than 1 s after the freeze (5/s planned)")
                    .isLessThanOrEqualTo(10);
        }
    }

    /** Most arrivals within {@code windowNanos} of each other ({@code sorted} ascending). */
    private static int mostInAnyWindow(long[] sorted, long windowNanos) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.length; last++) {
            while (sorted[last] - sorted[first] >= windowNanos) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void refusedConnectionsAreCountedAsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        RunSummary summary =
                execute(run(URI.create("http://127.0.0.1:" + port), "1s@10").build());

        assertThat(summary.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
        assertThat(summary.outcomes().refused()).isEqualTo(10);
        assertThat(summary.errorRate()).isEqualTo(1.0);
        assertThat(summary.corrected().count()).isZero();
    }

    @Test
    void resetConnectionsAreCountedAsResets() throws Exception {
        try (ResetServer server = new ResetServer()) {
            RunSummary summary = execute(run(server.uri(), "1s@10").build());

            assertThat(summary.outcomes().reset()).isEqualTo(10);
            assertThat(summary.outcomes().errors()).isEqualTo(10);
        }
    }

    @Test
    void slowResponsesBeyondTheRequestTimeoutAreCountedAsTimeouts() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.delay(2000);

            RunSummary summary = execute(run(server.uri(), "1s@10")
                    .requestTimeout(Duration.ofMillis(200))
                    .build());

            assertThat(summary.outcomes().timeout()).isEqualTo(10);
            assertThat(summary.completed()).isEqualTo(10);
        }
    }

    @Test
    void errorStatusesAreCountedByClass() throws Exception {
        try (PredictServer server = new PredictServer()) {
            server.status(503);
            RunSummary unavailable = execute(run(server.uri(), "1s@10").build());
            server.status(422);
            RunSummary rejected = execute(run(server.uri(), "1s@10").build());

            assertThat(unavailable.outcomes().status5xx()).isEqualTo(10);
            assertThat(unavailable.errorRate()).isEqualTo(1.0);
            assertThat(unavailable.corrected().count())
                    .as("error responses still have a latency")
                    .isEqualTo(10);
            assertThat(unavailable.grades()).isEmpty();
            assertThat(rejected.outcomes().status4xx()).isEqualTo(10);
        }
    }
}
