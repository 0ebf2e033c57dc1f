package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.LogSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Tails the service's log group by polling FilterLogEvents over an overlapping look-back window, de-duplicated by event
 * id, into a bounded buffer kept in timestamp order; the filter box is applied locally (case-insensitive substring, as
 * the port says), so changing it costs no call.
 *
 * <p><b>No lost lines.</b> FilterLogEvents selects events by timestamp ({@code startTime}: events with a timestamp
 * before it are not returned) but returns an event only once CloudWatch Logs has ingested it, and an event's
 * {@code ingestionTime} may be well after its {@code timestamp}: each task's agent ships batches on its own schedule
 * (Docker's awslogs driver every 5 s) and PutLogEvents accepts events up to 14 days old. Polling from the newest
 * timestamp seen therefore skips every line of a stream that is ingested later than another stream's. Each poll
 * instead starts {@link AwsPolling#logLookback()} before the newest line seen (or before now, if that is earlier: a
 * console clock ahead of AWS's does not shorten the window) and drops the events whose {@code eventId} it delivered
 * already. Ids are remembered only for timestamps inside the window: an event before the window's start can never be
 * returned again, so the de-duplication is exact and its memory is the lines of one window. A line ingested more than
 * the look-back minus one logs interval after its timestamp is not seen. The re-read lines cost bytes, not calls: one
 * call per poll as long as the window holds fewer than {@value #PAGE_LIMIT} lines (FilterLogEvents has no per-request
 * charge, see docs/decisions/0062), at most {@value #MAX_PAGES} pages (a page may be partial or empty while a
 * {@code nextToken} remains). A poll cut short by that cap resumes from the newest line it read.
 *
 * <p>AWS documentation: FilterLogEvents
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html: {@code startTime},
 * {@code nextToken}, pages up to 10,000 events or 1 MB, sorted by timestamp then ingestion time), FilteredLogEvent
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilteredLogEvent.html: {@code eventId},
 * {@code timestamp}, {@code ingestionTime}), PutLogEvents
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html: events up to 14 days
 * in the past are accepted); Docker's awslogs driver batches every 5 s (moby {@code daemon/logger/awslogs}, {@code
 * batchPublishFrequency}). See docs/decisions/0085.
 */
final class AwsLogs implements LogSource {
    static final int MAX_PAGES = 10;

    /** Events per FilterLogEvents page asked for: the API's maximum, so the overlap rarely needs a second page. */
    static final int PAGE_LIMIT = 10_000;

    /** Lines in timestamp order (then arrival): a late line goes in its place. */
    private static final Comparator<LogLine> BY_TIME = Comparator.comparing(LogLine::time);

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final AwsPolling polling;
    private final Clock clock;
    private final Refresher refresher;
    private final List<LogLine> buffer = new ArrayList<>();
    /** Ids delivered, by event timestamp, for the timestamps a poll may still return (the look-back window). */
    private final NavigableMap<Long, Set<String>> seenIds = new TreeMap<>();

    private int seenCount;
    /** Where the first read started; later reads never start before it. */
    private long firstStartMillis = -1;
    /** The newest event timestamp delivered; -1 before the first. */
    private long newestMillis = -1;
    /** Whether a read has answered: until then every read starts at the first read's start. */
    private boolean readOnce;

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
            var it = buffer.reversed().iterator();
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

    /** Event ids remembered for de-duplication: those of the look-back window (tests). */
    synchronized int rememberedIds() {
        return seenCount;
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
        long start = windowStart(clock.millis());
        List<FilteredLogEvent> received = new ArrayList<>();
        readPages(r -> r.startTime(start).limit(PAGE_LIMIT), MAX_PAGES, received::add);
        add(received);
    }

    /**
     * The next read's {@code startTime}: the initial window until a read has answered, then the look-back before the
     * newest line delivered (or before now, if earlier), never before the first read's start; forgets the ids of the
     * events before it, which no read returns again.
     */
    private synchronized long windowStart(long now) {
        if (firstStartMillis < 0) {
            firstStartMillis = now - polling.initialLogWindow().toMillis();
        }
        if (!readOnce) {
            return firstStartMillis;
        }
        long anchor = newestMillis < 0 ? now : Math.min(now, newestMillis);
        long start = Math.max(firstStartMillis, anchor - polling.logLookback().toMillis());
        var before = seenIds.headMap(start, false);
        before.values().forEach(ids -> seenCount -= ids.size());
        before.clear();
        return start;
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
        readOnce = true;
        events.stream()
                .filter(e -> e.eventId() != null && e.timestamp() != null && e.message() != null)
                .sorted(Comparator.comparing(FilteredLogEvent::timestamp))
                .forEach(e -> {
                    if (seenIds.computeIfAbsent(e.timestamp(), t -> new HashSet<>())
                            .add(e.eventId())) {
                        seenCount++;
                        insert(new LogLine(
                                e.eventId(),
                                Instant.ofEpochMilli(e.timestamp()),
                                e.logStreamName() == null ? "" : e.logStreamName(),
                                e.message().stripTrailing()));
                        newestMillis = Math.max(newestMillis, e.timestamp());
                    }
                });
        if (buffer.size() > polling.logBufferLines()) {
            buffer.subList(0, buffer.size() - polling.logBufferLines()).clear();
        }
    }

    /** Inserts after every line with the same or an earlier timestamp: in-order lines append, late ones slot in. */
    private void insert(LogLine line) {
        int at = buffer.size();
        while (at > 0 && BY_TIME.compare(buffer.get(at - 1), line) > 0) {
            at--;
        }
        buffer.add(at, line);
    }
}
