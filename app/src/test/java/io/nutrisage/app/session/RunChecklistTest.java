package io.nutrisage.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.RunCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunChecklistTest {
    private static final Instant ORIGIN = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant END = ORIGIN.plus(Duration.ofMinutes(22));

    /**
     * When the cloud's records are read: after the end of the load, at most once a minute, and not after a read made
     * at least {@link RunChecklist#CLOUD_SETTLING} (6 min) after the end. Each row is a sequence of read attempts
     * (seconds after the end, each completed before the next) and which of them are due.
     */
    static Stream<Arguments> schedule() {
        return Stream.of(
                Arguments.of("the first attempt at the end is due", List.of(0L), List.of(true)),
                Arguments.of("within the minute: not again", List.of(0L, 30L, 59L), List.of(true, false, false)),
                Arguments.of("a minute later: again", List.of(0L, 60L, 120L), List.of(true, true, true)),
                Arguments.of(
                        "the read at 6 min is the last",
                        List.of(0L, 300L, 360L, 420L, 3_600L),
                        List.of(true, true, true, false, false)),
                Arguments.of(
                        "a late first read past the settling is the only one",
                        List.of(400L, 460L),
                        List.of(true, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedule")
    void cloudReadsFollowTheSchedule(String row, List<Long> secondsAfterEnd, List<Boolean> due) {
        RunChecklist checklist = new RunChecklist();
        checklist.runEnded(END);
        for (int i = 0; i < secondsAfterEnd.size(); i++) {
            Optional<RunChecklist.CloudRead> read =
                    checklist.cloudReadDue(END.plusSeconds(secondsAfterEnd.get(i)), ORIGIN);
            assertThat(read.isPresent()).as("%s: attempt %d", row, i + 1).isEqualTo(due.get(i));
            read.ifPresent(r -> {
                assertThat(r).isEqualTo(new RunChecklist.CloudRead(ORIGIN, END));
                checklist.cloudReadDone(List.of());
            });
        }
    }

    @Test
    void nothingIsReadBeforeTheLoadEndsNorWhileAReadIsUnderWay() {
        RunChecklist checklist = new RunChecklist();
        assertThat(checklist.cloudReadDue(END, ORIGIN)).isEmpty();

        checklist.runEnded(END);
        assertThat(checklist.cloudReadDue(END, ORIGIN)).isPresent();
        assertThat(checklist.cloudReadDue(END.plusSeconds(90), ORIGIN))
                .as("still reading")
                .isEmpty();

        checklist.cloudReadFailed();
        assertThat(checklist.cloudReadDue(END.plusSeconds(90), ORIGIN))
                .as("a failed read is retried")
                .isPresent();
    }

    @Test
    void theCloudsChecksFollowTheTimelinesUntilAReset() {
        RunChecklist checklist = new RunChecklist();
        RunTimeline timeline = new RunTimeline(ORIGIN);
        checklist.runEnded(END);
        checklist.cloudReadDue(END, ORIGIN);
        checklist.cloudReadDone(List.of(new RunCheck("ALB error rate < 1 %", true, "0 of 1000")));

        List<RunCheck> checks = checklist.checks(timeline);
        assertThat(checks).hasSize(Checklist.evaluate(timeline).size() + 1);
        assertThat(checks.getLast().name()).isEqualTo("ALB error rate < 1 %");

        checklist.reset();
        assertThat(checklist.checks(timeline)).isEqualTo(Checklist.evaluate(timeline));
        assertThat(checklist.ended()).isFalse();
    }
}
