package io.nutrisage.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Clock-free: every time is a nanosecond count the test chooses. */
class ProfileClockTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1000 * MS;
    /** The wall time the run started at: nanoTime has any origin. */
    private static final long START = 7_000 * S;

    private final ProfileClock clock = ProfileClock.startedAt(START);

    @Test
    void aNewClockReadsZeroAtTheStartAndThenRunsWithWallTime() {
        assertThat(clock.at(START)).isZero();
        assertThat(clock.at(START + 250 * MS)).isEqualTo(250 * MS);
        assertThat(clock.frozen()).isFalse();
    }

    @Test
    void aRunningClockTellsWhenTheProfileReachesATime() {
        assertThat(clock.wallAt(0)).isEqualTo(START);
        assertThat(clock.wallAt(180 * S)).isEqualTo(START + 180 * S);
    }

    @Test
    void aFrozenClockReadsWhereItStoppedAtAnyWallTime() {
        ProfileClock paused = clock.freeze(START + 100 * S);

        assertThat(paused.frozen()).isTrue();
        assertThat(paused.at(START + 100 * S)).isEqualTo(100 * S);
        assertThat(paused.at(START + 1000 * S)).isEqualTo(100 * S);
    }

    @Test
    void thawingGoesOnFromTheFrozenReadingSoAPauseDoesNotShortenThePhase() {
        // Paused 100 s into a 180 s phase for 60 s: the next phase starts at 240 s on the wall, 180 s in the profile.
        ProfileClock resumed = clock.freeze(START + 100 * S).thaw(START + 160 * S);

        assertThat(resumed.frozen()).isFalse();
        assertThat(resumed.at(START + 160 * S)).isEqualTo(100 * S);
        assertThat(resumed.at(START + 170 * S)).isEqualTo(110 * S);
        assertThat(resumed.wallAt(180 * S)).isEqualTo(START + 240 * S);
    }

    @Test
    void repeatedControlsDoNotMoveTheProfile() {
        // A hold after a pause: the profile stays where the pause froze it.
        ProfileClock paused = clock.freeze(START + 100 * S);
        assertThat(paused.freeze(START + 130 * S)).isSameAs(paused);

        // A resume while running: nothing to thaw.
        assertThat(clock.thaw(START + 50 * S)).isSameAs(clock);
    }

    @Test
    void aJumpSetsTheReadingAndKeepsTheClockRunning() {
        // A skip 30 s into the profile, to the phase starting at 180 s.
        ProfileClock skipped = clock.jump(START + 30 * S, 180 * S);

        assertThat(skipped.frozen()).isFalse();
        assertThat(skipped.at(START + 30 * S)).isEqualTo(180 * S);
        assertThat(skipped.at(START + 40 * S)).isEqualTo(190 * S);
        assertThat(skipped.wallAt(360 * S)).isEqualTo(START + 210 * S);
    }

    @Test
    void aJumpWhileFrozenWaitsAtTheNewReadingUntilThawed() {
        ProfileClock skippedWhilePaused = clock.freeze(START + 30 * S).jump(START + 40 * S, 180 * S);

        assertThat(skippedWhilePaused.frozen()).isTrue();
        assertThat(skippedWhilePaused.at(START + 90 * S)).isEqualTo(180 * S);
        assertThat(skippedWhilePaused.thaw(START + 100 * S).at(START + 105 * S)).isEqualTo(185 * S);
    }

    @Test
    void pausesAndHoldsInARowCountOnlyTheTimeFollowed() {
        // Followed 0-10 s, paused 10-20 s, held 20-50 s, followed 50-65 s, paused again from 65 s.
        ProfileClock played = clock.freeze(START + 10 * S)
                .freeze(START + 20 * S)
                .thaw(START + 50 * S)
                .freeze(START + 65 * S);

        assertThat(played.at(START + 80 * S)).isEqualTo(25 * S);
        assertThat(played.thaw(START + 90 * S).wallAt(180 * S)).isEqualTo(START + 245 * S);
    }

    @Test
    void aFrozenClockHasNoWallTimeForAProfileTime() {
        ProfileClock paused = clock.freeze(START + 100 * S);

        assertThatThrownBy(() -> paused.wallAt(180 * S))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a frozen profile clock reaches no other profile time");
    }

    @Test
    void wallTimesMayWrapAroundLikeNanoTime() {
        ProfileClock wrapping = ProfileClock.startedAt(Long.MAX_VALUE - 100 * MS);

        // Long.MIN_VALUE follows Long.MAX_VALUE: 100 ms + 1 ns + 100 ms later.
        assertThat(wrapping.at(Long.MIN_VALUE + 100 * MS)).isEqualTo(200 * MS + 1);
        assertThat(wrapping.wallAt(200 * MS + 1)).isEqualTo(Long.MIN_VALUE + 100 * MS);
    }

    @Test
    void profileTimeMustNotBeNegative() {
        assertThatThrownBy(() -> clock.jump(START, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile time must be >= 0 ns, was -1");
        assertThatThrownBy(() -> new ProfileClock(START, -5 * S, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was " + -5 * S);
    }
}
