package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.LogSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Tails the service's log group by polling FilterLogEvents from the newest event seen (inclusive, de-duplicated by
 * event id) into a bounded buffer; the filter box is applied locally (case-insensitive substring, as the port says),
 * so changing it costs no call.
 */
final class AwsLogs implements LogSource {
    static final int MAX_PAGES = 10;

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final AwsPolling polling;
    private final Clock clock;
    private final Refresher refresher;
    private final ArrayDeque<LogLine> buffer = new ArrayDeque<>();
    private final SequencedSet<String> seenIds = new LinkedHashSet<>();
    private long nextStartMillis = -1;

    AwsLogs(AwsConnection connection, AwsTargetSpec spec, AwsPolling polling, Clock clock, FeedHealth health) {
        this.connection = connection;
        this.spec = spec;
        this.polling = polling;
        this.clock = clock;
        this.refresher = new Refresher(
                "CloudWatch Logs FilterLogEvents",
                polling.logsInterval(),
                clock,
                health,
                connection.settings().profileLabel());
    }

    @Override
    public List<LogLine> tail(String filter, int limit) {
        if (limit <= 0 || spec.logGroupName().isEmpty()) {
            return List.of();
        }
        refresher.refresh(this::fetch);
        String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        List<LogLine> matching = new ArrayList<>();
        synchronized (this) {
            var it = buffer.descendingIterator();
            while (it.hasNext() && matching.size() < limit) {
                LogLine line = it.next();
                if (needle.isEmpty() || line.message().toLowerCase(Locale.ROOT).contains(needle)) {
                    matching.add(line);
                }
            }
        }
        return matching.reversed();
    }

    void close() {
        refresher.close();
    }

    /** CloudWatch Logs filter pattern: events holding the term ERROR (slf4j's level; EMF lines never hold it). */
    static final String ERROR_PATTERN = "ERROR";

    /** Pages read at most when counting ERROR lines for the post-run check. */
    static final int MAX_ERROR_PAGES = 10;

    /**
     * predictor-service's line for a request that failed with 500 (PredictorService.internalError through slf4j-simple:
     * {@code <time> [<thread>] ERROR <logger> - Request <METHOD> <path> failed}).
     */
    static final Pattern REQUEST_FAILED = Pattern.compile("\\bERROR\\b.* - Request \\S+ \\S+ failed");

    /**
     * ERROR lines of the log group logged between {@code from} and {@code to}: filtered by CloudWatch (filter pattern
     * {@value #ERROR_PATTERN}) and read in at most {@value #MAX_ERROR_PAGES} pages. One call, not rate-limited: for the
     * post-run check. Blocks on I/O.
     *
     * @throws AwsAccessException when FilterLogEvents fails (message with the fix)
     */
    ErrorLines errorLines(Instant from, Instant to) {
        Tally failures = new Tally();
        Tally others = new Tally();
        Pages read = readPages(
                r -> r.startTime(from.toEpochMilli())
                        .endTime(to.toEpochMilli())
                        .filterPattern(ERROR_PATTERN)
                        .limit(10_000),
                MAX_ERROR_PAGES,
                e -> {
                    String message = e.message() == null ? "" : e.message().strip();
                    (REQUEST_FAILED.matcher(message).find() ? failures : others).add(message);
                });
        return new ErrorLines(
                failures.count,
                others.count,
                Optional.ofNullable(failures.first),
                Optional.ofNullable(others.first),
                read.pages(),
                read.truncated());
    }

    /** Lines of one kind: how many, and the first. */
    private static final class Tally {
        private int count;
        private String first;

        void add(String line) {
            count++;
            if (first == null) {
                first = line;
            }
        }
    }

    /**
     * ERROR lines found in a window.
     *
     * @param requestFailures lines of requests answered with 500
     * @param others other ERROR lines (failed self-test, metrics not written, bad configuration…)
     * @param truncated more pages were left unread: the counts are lower bounds
     */
    record ErrorLines(
            int requestFailures,
            int others,
            Optional<String> firstFailure,
            Optional<String> firstOther,
            int pages,
            boolean truncated) {}

    private void fetch() {
        long start;
        synchronized (this) {
            start = nextStartMillis >= 0
                    ? nextStartMillis
                    : clock.instant().minus(polling.initialLogWindow()).toEpochMilli();
        }
        List<FilteredLogEvent> received = new ArrayList<>();
        readPages(r -> r.startTime(start).limit(1000), MAX_PAGES, received::add);
        add(received);
    }

    /** How many pages a read took, and whether pages were left unread. */
    private record Pages(int pages, boolean truncated) {}

    /** Reads FilterLogEvents pages of the log group, at most {@code maxPages}, handing every event to {@code each}. */
    private Pages readPages(
            java.util.function.UnaryOperator<FilterLogEventsRequest.Builder> query,
            int maxPages,
            java.util.function.Consumer<FilteredLogEvent> each) {
        String token = null;
        int pages = 0;
        do {
            String next = token;
            FilterLogEventsResponse page = connection.call(
                    "CloudWatch Logs FilterLogEvents",
                    () -> connection.logs().filterLogEvents(r -> query.apply(r.logGroupName(spec.logGroupName()))
                            .nextToken(next)));
            page.events().forEach(each);
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < maxPages);
        return new Pages(pages, token != null && !token.isEmpty());
    }

    private synchronized void add(List<FilteredLogEvent> events) {
        events.stream()
                .filter(e -> e.eventId() != null && e.timestamp() != null && e.message() != null)
                .sorted(Comparator.comparing(FilteredLogEvent::timestamp))
                .forEach(e -> {
                    if (seenIds.add(e.eventId())) {
                        buffer.addLast(new LogLine(
                                e.eventId(),
                                Instant.ofEpochMilli(e.timestamp()),
                                e.logStreamName() == null ? "" : e.logStreamName(),
                                e.message().stripTrailing()));
                        nextStartMillis = Math.max(nextStartMillis, e.timestamp());
                    }
                });
        while (buffer.size() > polling.logBufferLines()) {
            buffer.removeFirst();
        }
        while (seenIds.size() > 2 * polling.logBufferLines()) {
            seenIds.removeFirst();
        }
    }
}
