package io.nutrisage.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateProfileTest {

    private static List<Long> all(FireTimeSequence sequence) {
        List<Long> times = new ArrayList<>();
        long t;
        while ((t = sequence.nextFireTimeNs()) != FireTimeSequence.END) {
            times.add(t);
        }
        return times;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    @Test
    void constantRateEmitsEvenlySpacedFireTimes() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(1), 5));

        assertThat(all(profile.fireTimes(Arrivals.CONSTANT, 0)))
                .containsExactly(0L, 200_000_000L, 400_000_000L, 600_000_000L, 800_000_000L);
    }

    @Test
    void linearRampFiresWhereTheCumulativeCountReachesEachInteger() {
        // 0 -> 10/s over 2 s: N(t) = 2.5 t^2, so the k-th start is at sqrt(0.4 k) seconds.
        RateProfile profile = RateProfile.of("p", Phase.ramp(seconds(2), 0, 10));

        assertThat(all(profile.fireTimes(Arrivals.CONSTANT, 0)))
                .containsExactly(
                        0L,
                        632_455_532L,
                        894_427_191L,
                        1_095_445_115L,
                        1_264_911_064L,
                        1_414_213_562L,
                        1_549_193_338L,
                        1_673_320_053L,
                        1_788_854_382L,
                        1_897_366_596L);
    }

    @Test
    void phasesFollowEachOtherOnOneTimeline() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(1), 2), Phase.ramp(seconds(1), 2, 4));

        assertThat(all(profile.fireTimes(Arrivals.CONSTANT, 0)))
                .containsExactly(0L, 500_000_000L, 1_000_000_000L, 1_414_213_562L, 1_732_050_808L);
    }

    @Test
    void zeroRatePhaseSendsNothingButKeepsItsTime() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(1), 0), Phase.hold(seconds(1), 2));

        FireTimeSequence sequence = profile.fireTimes(Arrivals.CONSTANT, 0);
        assertThat(sequence.nextFireTimeNs()).isEqualTo(1_000_000_000L);
        assertThat(sequence.phaseIndex()).isEqualTo(1);
        assertThat(sequence.nextFireTimeNs()).isEqualTo(1_500_000_000L);
        assertThat(sequence.nextFireTimeNs()).isEqualTo(FireTimeSequence.END);
    }

    @Test
    void timeScaleCompressesDurationsAndKeepsRates() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(10), 2)).timeScaled(0.5);

        assertThat(profile.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(all(profile.fireTimes(Arrivals.CONSTANT, 0)))
                .containsExactly(
                        0L,
                        500_000_000L,
                        1_000_000_000L,
                        1_500_000_000L,
                        2_000_000_000L,
                        2_500_000_000L,
                        3_000_000_000L,
                        3_500_000_000L,
                        4_000_000_000L,
                        4_500_000_000L);
    }

    @Test
    void nutrisageDemoIsTheSeedScheduleOf22Minutes() {
        RateProfile demo = Profiles.resolve("nutrisage-demo");

        assertThat(demo.duration()).isEqualTo(Duration.ofMinutes(22));
        assertThat(demo.phases()).extracting(Phase::startRate).containsExactly(5.0, 50.0, 200.0, 350.0, 5.0, 50.0);
        // 180*5 + 180*50 + 300*200 + 300*350 + 180*5 + 180*50
        assertThat(all(demo.fireTimes(Arrivals.CONSTANT, 0))).hasSize(184_800);
        assertThat(demo.timeScaled(0.1).duration()).isEqualTo(Duration.ofSeconds(132));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # ns since start, phase, rate
            0,             0, 5
            179999999999,  0, 5
            180000000000,  1, 50
            660000000000,  3, 350
            1319999999999, 5, 50
            1320000000000, 6, 0
            """)
    void phaseAndRateAreFunctionsOfProfileTime(long ns, int phase, double rate) {
        assertThat(RateProfile.NUTRISAGE_DEMO.phaseAt(ns)).isEqualTo(phase);
        assertThat(RateProfile.NUTRISAGE_DEMO.rateAt(ns)).isEqualTo(rate);
    }

    @Test
    void rampRateIsInterpolatedLinearly() {
        RateProfile profile = RateProfile.of("p", Phase.ramp(seconds(10), 10, 30));

        assertThat(profile.rateAt(5_000_000_000L)).isEqualTo(20.0);
    }

    @Test
    void poissonArrivalsAreReproducibleFromTheSeed() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(100), 50));

        List<Long> first = all(profile.fireTimes(Arrivals.POISSON, 42));
        List<Long> again = all(profile.fireTimes(Arrivals.POISSON, 42));
        List<Long> otherSeed = all(profile.fireTimes(Arrivals.POISSON, 43));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        // 5000 expected; the standard deviation of a Poisson count is sqrt(5000) ~ 71.
        assertThat(first).hasSizeBetween(4_700, 5_300).isSorted();
        assertThat(first.get(0)).isPositive();
    }

    @Test
    void poissonStartsOfLaterPhasesDoNotDependOnEarlierOnes() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(2), 20), Phase.ramp(seconds(2), 20, 40));

        List<Long> whole = all(profile.fireTimes(Arrivals.POISSON, 7));
        List<Long> fromSecondPhase = all(profile.fireTimes(Arrivals.POISSON, 7, 1));

        assertThat(fromSecondPhase).isNotEmpty().allMatch(t -> t >= 2_000_000_000L);
        assertThat(whole).endsWith(fromSecondPhase.toArray(Long[]::new));
        assertThat(whole.stream().filter(t -> t >= 2_000_000_000L).toList()).isEqualTo(fromSecondPhase);
    }

    @Test
    void startingFromALaterPhaseSkipsTheEarlierOnes() {
        RateProfile profile = RateProfile.of("p", Phase.hold(seconds(1), 2), Phase.hold(seconds(1), 4));

        assertThat(all(profile.fireTimes(Arrivals.CONSTANT, 0, 1)))
                .containsExactly(1_000_000_000L, 1_250_000_000L, 1_500_000_000L, 1_750_000_000L);
    }

    @Test
    void invalidPhasesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Phase.hold(Duration.ZERO, 5)).hasMessageContaining("duration must be positive");
        assertThatThrownBy(() -> Phase.ramp(seconds(1), -1, 5)).hasMessageContaining("from must be a finite rate");
        assertThatThrownBy(() -> new RateProfile("empty", List.of())).hasMessageContaining("no phases");
    }
}
