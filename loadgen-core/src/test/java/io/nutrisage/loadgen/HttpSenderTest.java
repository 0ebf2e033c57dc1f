package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.loadgen.records.LoadRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the sender counts as blocked: waiting for a connection (queued, or while one opens), not running. */
@Timeout(30)
class HttpSenderTest {
    private static final LoadRecord RECORD =
            new LoadRecord("{\"sugars_100g\":3}".getBytes(StandardCharsets.UTF_8), "test", 1);

    @Test
    void aCallBeyondTheDispatchersLimitIsBlockedUntilAnotherEnds() throws Exception {
        try (PredictServer server = new PredictServer().delay(300)) {
            Stats stats = new Stats();
            HttpSender sender = new HttpSender(
                    RunDefinition.builder(server.uri()).inFlightCap(1).build(), stats);
            try {
                send(sender, stats, 2); // opens two connections and loads OkHttp's classes
                long blockedBefore = stats.blockedNanos.sum();
                long requestsBefore = stats.blockedRequests.sum();

                // Three calls at once past a cap of one (the run's slot gate would have held two back): OkHttp's
                // dispatcher runs twice the cap, the third waits there until one of the first two ends.
                assertThat(HttpSender.dispatcherLimit(1)).isEqualTo(2);
                send(sender, stats, 3);

                assertThat(stats.status2xx.sum()).isEqualTo(5);
                // The third call; one of the first two may also pass 1 ms when it finds a warm-up connection not yet
                // back in the pool and opens a new one on a busy machine.
                assertThat(stats.blockedRequests.sum() - requestsBefore)
                        .as("calls blocked over 1 ms")
                        .isBetween(1L, 2L);
                assertThat(Duration.ofNanos(stats.blockedNanos.sum() - blockedBefore))
                        .as("the third call waited for one of the first two to end (300 ms each)")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
            } finally {
                sender.shutdown();
            }
        }
    }

    @Test
    void callsWithinTheCapAreNotBlocked() throws Exception {
        try (PredictServer server = new PredictServer().delay(50)) {
            Stats stats = new Stats();
            HttpSender sender = new HttpSender(
                    RunDefinition.builder(server.uri()).inFlightCap(4).build(), stats);
            try {
                send(sender, stats, 1);
                long blockedBefore = stats.blockedNanos.sum();

                send(sender, stats, 4);

                assertThat(stats.status2xx.sum()).isEqualTo(5);
                // None waited for another's connection: one reused the warm-up's, three opened their own. Opening
                // counts as blocked, and a loopback connection opens in far less than the 50 ms each answer takes.
                assertThat(Duration.ofNanos(stats.blockedNanos.sum() - blockedBefore))
                        .isPositive()
                        .isLessThan(Duration.ofMillis(50));
            } finally {
                sender.shutdown();
            }
        }
    }

    /** Sends {@code count} calls at once and waits until all have ended. */
    private static void send(HttpSender sender, Stats stats, int count) throws InterruptedException {
        long target = stats.completed.sum() + count;
        stats.inFlight.addAndGet(count);
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sender.send(RECORD, now, now);
        }
        while (stats.completed.sum() < target) {
            Thread.sleep(10);
        }
    }
}
