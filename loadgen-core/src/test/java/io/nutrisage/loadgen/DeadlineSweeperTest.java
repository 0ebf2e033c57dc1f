package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The sweeper's clock-free part: which calls a sweep at a given time cancels. */
class DeadlineSweeperTest {
    private final OkHttpClient client = new OkHttpClient();

    private Call call() {
        return client.newCall(new Request.Builder().url("http://127.0.0.1:9/").build());
    }

    @Test
    void aSweepCancelsOnlyUnfinishedCallsPastTheirDeadlineAndStopsAtTheFirstThatIsNot() {
        long ms = 1_000_000;
        try (DeadlineSweeper sweeper = new DeadlineSweeper(Duration.ofSeconds(1), false)) {
            Call first = call();
            Call answered = call();
            Call late = call();
            Call young = call();
            DeadlineSweeper.Deadline d1 = sweeper.track(first, 0);
            DeadlineSweeper.Deadline d2 = sweeper.track(answered, 100 * ms);
            DeadlineSweeper.Deadline d3 = sweeper.track(late, 200 * ms);
            DeadlineSweeper.Deadline d4 = sweeper.track(young, 900 * ms);
            d2.finish();

            sweeper.sweep(999 * ms);
            assertThat(first.isCanceled()).isFalse();

            sweeper.sweep(1_500 * ms);
            assertThat(first.isCanceled()).isTrue();
            assertThat(d1.expired()).isTrue();
            assertThat(answered.isCanceled()).isFalse();
            assertThat(d2.expired()).isFalse();
            assertThat(late.isCanceled()).isTrue();
            assertThat(d3.expired()).isTrue();
            assertThat(young.isCanceled()).as("deadline at 1.9 s").isFalse();
            assertThat(d4.expired()).isFalse();

            d4.finish();
            sweeper.sweep(5_000 * ms);
            assertThat(young.isCanceled()).as("finished before its deadline").isFalse();
        }
    }
}
