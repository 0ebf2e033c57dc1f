package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.AwsStub.Fault;
import io.nutrisage.app.aws.stub.AwsStub.LogEvent;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log tail against a stub that ingests one task's stream late, as CloudWatch Logs does when a task's agent ships
 * its batches late: the events keep their timestamps but become searchable only some seconds afterwards. Every line
 * must reach the tail exactly once, at the first poll after CloudWatch has it, with one FilterLogEvents call per poll.
 */
class AwsLogsLateIngestionTest {
    private static final String ON_TIME = "ecs/predictor/0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String LATE = "ecs/predictor/f9e8d7c6b5a4938271605f4e3d2c1b0a";
    private static final AwsPolling POLLING = AwsPolling.defaults();
    private static final Duration POLL = POLLING.logsInterval();

    private StubFixture fx;
    private AwsMonitoringTarget target;
    /** Every event put into the stub, by id, with the time CloudWatch makes it searchable. */
    private final Map<String, Instant> ingestedAt = new HashMap<>();

    private int serial;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
        // Pages as large as the console asks for: calls per poll are then the console's, not the stub's page size.
        fx.stub.pageSizes(3, 2, 10_000);
        target = fx.connect(fx.settings(), POLLING);
        List<LogLine> stack = target.logs().tail("", 2_000);
        assertThat(stack).as("the stack's lines of the last 15 minutes").hasSize(7);
        stack.forEach(l -> ingestedAt.put(l.id(), l.time()));
    }

    @AfterEach
    void stop() {
        target.close();
        fx.close();
    }

    @Test
    void aStreamIngestedTwoPollsLateArrivesCompletelyAndOnceWithOneCallPerPoll() {
        fx.stub.ingestLate(LATE, POLL.multipliedBy(2));
        long callsBefore = fx.stub.count("FilterLogEvents");
        int polls = 60;
        List<String> problems = new ArrayList<>();

        for (int poll = 1; poll <= polls + 3; poll++) {
            Instant from = fx.clock.instant();
            fx.clock.advance(POLL);
            if (poll <= polls) {
                logEverySecond(ON_TIME, from, Duration.ZERO);
                logEverySecond(LATE, from, POLL.multipliedBy(2));
            }
            List<LogLine> tail = target.logs().tail("", 2_000);

            Set<String> shown = tail.stream().map(LogLine::id).collect(Collectors.toSet());
            Set<String> due = dueBy(fx.clock.instant());
            Set<String> missing = new HashSet<>(due);
            missing.removeAll(shown);
            if (!missing.isEmpty()) {
                problems.add("poll " + poll + ": " + missing.size() + " ingested lines missing");
            }
            if (shown.size() != tail.size()) {
                problems.add("poll " + poll + ": " + (tail.size() - shown.size()) + " duplicated lines");
            }
        }

        assertThat(problems).isEmpty();
        List<LogLine> all = target.logs().tail("", 2_000);
        assertThat(all).extracting(LogLine::id).doesNotHaveDuplicates().hasSameElementsAs(ingestedAt.keySet());
        assertThat(all).filteredOn(l -> l.stream().equals(LATE)).hasSize(polls * 5);
        assertThat(all).extracting(LogLine::time).isSorted();
        assertThat(fx.stub.count("FilterLogEvents") - callsBefore).isEqualTo(polls + 3);
        assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void theLookBackWindowAndTheRememberedIdsStayBoundedOverALongTail() {
        fx.stub.ingestLate(LATE, POLL.multipliedBy(2));
        AwsLogs logs = target.logFeed();
        List<Integer> remembered = new ArrayList<>();
        int polls = 240; // 20 minutes at 5 s

        for (int poll = 1; poll <= polls; poll++) {
            Instant from = fx.clock.instant();
            fx.clock.advance(POLL);
            logEverySecond(ON_TIME, from, Duration.ZERO);
            logEverySecond(LATE, from, POLL.multipliedBy(2));
            target.logs().tail("", 200);
            remembered.add(logs.rememberedIds());

            AwsStub.LogQuery query = fx.stub.logQueries().getLast();
            if (poll > 1) { // the first poll starts before the stack's older lines, the newest it had seen
                assertThat(Instant.ofEpochMilli(query.startTime()))
                        .as("poll %d starts the look-back before the newest line of the poll before", poll)
                        .isEqualTo(fx.clock.instant().minus(POLL).minus(POLLING.logLookback()));
            }
        }

        // Two lines a second over the look-back (2 min) and two polls: not the 2,400 lines of the run.
        long perWindow = 2 * (POLLING.logLookback().plus(POLL.multipliedBy(2)).toSeconds());
        assertThat(remembered).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo((int) perWindow));
        assertThat(remembered.getLast()).isGreaterThan(0);
        assertThat(target.logs().tail("", 10_000)).hasSize(POLLING.logBufferLines());
    }

    @Test
    void linesLoggedWhileFilterLogEventsFailedArriveOnceItAnswersAgain() {
        fx.stub.ingestLate(LATE, POLL.multipliedBy(2));
        for (int poll = 1; poll <= 30; poll++) {
            if (poll == 10) {
                fx.stub.failNext(Fault.SERVER_ERROR, 8, AwsStub.Service.CLOUDWATCH_LOGS);
            }
            Instant from = fx.clock.instant();
            fx.clock.advance(POLL);
            logEverySecond(ON_TIME, from, Duration.ZERO);
            logEverySecond(LATE, from, POLL.multipliedBy(2));
            target.logs().tail("", 2_000);
        }
        fx.clock.advance(POLL);
        target.logs().tail("", 2_000);
        fx.clock.advance(POLL);

        List<LogLine> all = target.logs().tail("", 2_000);

        assertThat(all).extracting(LogLine::id).doesNotHaveDuplicates().hasSameElementsAs(ingestedAt.keySet());
        assertThat(target.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void aLineIngestedLaterThanTheLookBackIsTheDocumentedLimit() {
        Duration tooLate = POLLING.logLookback().plus(POLL.multipliedBy(2));
        fx.stub.ingestLate(LATE, tooLate);
        Instant from = fx.clock.instant();
        fx.clock.advance(POLL);
        logEverySecond(ON_TIME, from, Duration.ZERO);
        logEverySecond(LATE, from, tooLate);
        for (Duration waited = Duration.ZERO; waited.compareTo(tooLate.plus(POLL)) <= 0; waited = waited.plus(POLL)) {
            fx.clock.advance(POLL);
            logEverySecond(ON_TIME, fx.clock.instant().minus(POLL), Duration.ZERO);
            target.logs().tail("", 2_000);
        }

        assertThat(target.logs().tail("", 2_000)).noneMatch(l -> l.stream().equals(LATE));
    }

    /** One line a second in ({@code from}, {@code from} + poll] on {@code stream}, ingested {@code delay} later. */
    private void logEverySecond(String stream, Instant from, Duration delay) {
        for (int s = 1; s <= POLL.toSeconds(); s++) {
            Instant at = from.plusSeconds(s);
            String id = String.format("%056d", ++serial);
            fx.stub.addLogEvent(new LogEvent(
                    NutriSageStack.LOG_GROUP,
                    stream,
                    at.toEpochMilli(),
                    NutriSageStack.requestFailed(at).replace("POST", "POST#" + serial),
                    id));
            ingestedAt.put(id, at.plus(delay));
        }
    }

    private Set<String> dueBy(Instant now) {
        return ingestedAt.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
