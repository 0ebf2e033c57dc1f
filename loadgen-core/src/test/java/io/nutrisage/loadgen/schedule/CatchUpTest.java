package io.nutrisage.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clock-free: every time is a nanosecond count the test chooses. */
class CatchUpTest {
    private static final long MS = 1_000_000L;
    private static final long LATE_AFTER = 10 * MS;

    private final CatchUp catchUp = new CatchUp(2.0, LATE_AFTER);

    /** Plays a scheduler: starts due every {@code interval} from 0, the first sent no earlier than {@code from}. */
    private List<Long> sendTimes(long from, long interval, double rate, int starts) {
        List<Long> sent = new ArrayList<>();
        long now = from;
        for (int k = 0; k < starts; k++) {
            long due = k * interval;
            long at = catchUp.sendAt(due, now, rate);
            now = Math.max(now, at);
            catchUp.sent(due, now, rate);
            sent.add(now);
        }
        return sent;
    }

    @Test
    void onScheduleStartsAreSentAtTheirPlannedTime() {
        assertThat(sendTimes(0, 10 * MS, 100, 5)).containsExactly(0L, 10 * MS, 20 * MS, 30 * MS, 40 * MS);
        assertThat(catchUp.catchingUp()).isFalse();
    }

    @Test
    void startsUpToLateAfterBehindAreSentAtOnce() {
        // A Poisson burst or scheduler jitter: 8 ms behind is sent as it comes.
        assertThat(catchUp.sendAt(0, 8 * MS, 100)).isZero();
        catchUp.sent(0, 8 * MS, 100);
        assertThat(catchUp.sendAt(1 * MS, 8 * MS, 100)).isEqualTo(1 * MS);
        catchUp.sent(1 * MS, 8 * MS, 100);

        assertThat(catchUp.catchingUp()).isFalse();
    }

    @Test
    void aBacklogGoesOutAtTwiceTheTargetRateFromTheFirstLateSend() {
        // 100/s planned (every 10 ms); the sender could not send for 1 s.
        List<Long> sent = sendTimes(1000 * MS, 10 * MS, 100, 4);

        // wrk2's arithmetic: catchUpStart + sentSinceCatchUpStart / (2 x 100/s).
        assertThat(sent).containsExactly(1000 * MS, 1005 * MS, 1010 * MS, 1015 * MS);
        assertThat(catchUp.catchingUp()).isTrue();
    }

    @Test
    void catchUpEndsWhenTheNextStartIsNoLongerBehind() {
        // Start k goes out at 1000 + 5k ms and is due at 10k ms: back on schedule at k = 200, t = 2000 ms.
        List<Long> sent = sendTimes(1000 * MS, 10 * MS, 100, 203);

        assertThat(sent.get(199)).isEqualTo(1995 * MS);
        assertThat(sent.subList(200, 203)).containsExactly(2000 * MS, 2010 * MS, 2020 * MS);
        assertThat(catchUp.catchingUp()).isFalse();
    }

    @Test
    void aSendUpToLateAfterLateKeepsItsCreditSoJitterDoesNotSlowTheCatchUp() {
        catchUp.sent(0, 1000 * MS, 100);
        assertThat(catchUp.sendAt(10 * MS, 1000 * MS, 100)).isEqualTo(1005 * MS);
        // The scheduler woke 7 ms after the allowed time: the next send is still due at 1010 ms, not 1017 ms.
        catchUp.sent(10 * MS, 1012 * MS, 100);

        assertThat(catchUp.sendAt(20 * MS, 1012 * MS, 100)).isEqualTo(1010 * MS);
    }

    @Test
    void aSendHeldBackLongerThanLateAfterEarnsNoBurst() {
        catchUp.sent(0, 1000 * MS, 100);
        // The in-flight cap held the next send for 200 ms past its allowed time (1005 ms).
        catchUp.sent(10 * MS, 1205 * MS, 100);

        assertThat(catchUp.sendAt(20 * MS, 1205 * MS, 100)).isEqualTo(1210 * MS);
    }

    @Test
    void aRateChangeRebasesAtTheNextAllowedSendWithoutABurst() {
        catchUp.sent(0, 1000 * MS, 100);
        assertThat(catchUp.sendAt(10 * MS, 1000 * MS, 100)).isEqualTo(1005 * MS);
        catchUp.sent(10 * MS, 1005 * MS, 100);
        catchUp.sendAt(20 * MS, 1005 * MS, 100);
        catchUp.sent(20 * MS, 1010 * MS, 100);

        // A hold at 250/s: the next send stays at 1015 ms (wrk2's formula with the new rate would allow
        // 1000 + 3 / 500 s = 1006 ms, a burst), the ones after are 2 ms apart.
        assertThat(catchUp.sendAt(30 * MS, 1010 * MS, 250)).isEqualTo(1015 * MS);
        catchUp.sent(30 * MS, 1015 * MS, 250);
        assertThat(catchUp.sendAt(40 * MS, 1015 * MS, 250)).isEqualTo(1017 * MS);
    }

    @Test
    void aTargetRateOfZeroDoesNotHoldTheBacklog() {
        catchUp.sent(0, 1000 * MS, 100);

        assertThat(catchUp.sendAt(10 * MS, 1000 * MS, 0)).isEqualTo(10 * MS);
    }

    @Test
    void resetEndsCatchingUp() {
        catchUp.sent(0, 1000 * MS, 100);
        catchUp.reset();

        assertThat(catchUp.catchingUp()).isFalse();
        assertThat(catchUp.sendAt(10 * MS, 1000 * MS, 100)).isEqualTo(10 * MS);
    }

    @Test
    void theFactorMustBeAFiniteNumberAboveOne() {
        assertThat(new CatchUp(1.5, 0)).isNotNull();
        for (double factor : new double[] {1.0, 0.5, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new CatchUp(factor, LATE_AFTER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("catch-up factor must be a finite number > 1")
                    .hasMessageEndingWith("was " + factor);
        }
    }
}
