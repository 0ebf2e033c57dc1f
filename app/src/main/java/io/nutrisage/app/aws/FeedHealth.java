package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FeedStatus;
import io.nutrisage.app.monitoring.TargetStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last outcome of each feed (metrics, fleet, scaling, alarms, logs) and the target status derived from them: any
 * failing feed makes the target DEGRADED (stale data, still retrying); a problem only the user can fix (credentials,
 * permissions) makes it DISCONNECTED with the fix. Status changes are kept as a short log.
 */
final class FeedHealth {
    private static final Logger LOG = LoggerFactory.getLogger(FeedHealth.class);
    private static final DateTimeFormatter HMS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    static final int LOG_SIZE = 100;

    private record Feed(Optional<AwsProblem> problem, Optional<Instant> failingSince, Optional<Instant> lastSuccess) {}

    /** One change of the target's status. */
    record Entry(Instant time, ConnectionState state, String detail) {}

    private final Clock clock;
    private final String connectedDetail;
    private final Map<String, Feed> feeds = new LinkedHashMap<>();
    private final ArrayDeque<Entry> log = new ArrayDeque<>();
    private boolean closed;
    private TargetStatus last;

    FeedHealth(Clock clock, String connectedDetail) {
        this.clock = clock;
        this.connectedDetail = connectedDetail;
        this.last = new TargetStatus(ConnectionState.CONNECTING, "connecting…", Optional.empty());
    }

    synchronized void succeeded(String feed) {
        feeds.put(feed, new Feed(Optional.empty(), Optional.empty(), Optional.of(clock.instant())));
        update();
    }

    synchronized void failed(String feed, AwsProblem problem) {
        Feed before = feeds.get(feed);
        Optional<Instant> since = before != null && before.failingSince().isPresent()
                ? before.failingSince()
                : Optional.of(clock.instant());
        feeds.put(
                feed, new Feed(Optional.of(problem), since, before == null ? Optional.empty() : before.lastSuccess()));
        update();
    }

    synchronized void closed() {
        closed = true;
        update();
    }

    synchronized TargetStatus status() {
        return last;
    }

    synchronized List<Entry> log() {
        return List.copyOf(log);
    }

    private void update() {
        TargetStatus next = compute();
        if (next.state() != last.state() || !next.detail().equals(last.detail())) {
            log.addLast(new Entry(clock.instant(), next.state(), next.detail()));
            while (log.size() > LOG_SIZE) {
                log.removeFirst();
            }
            if (next.state() != last.state()) {
                LOG.info("AWS target {} -> {}: {}", last.state(), next.state(), next.detail());
            }
        }
        last = next;
    }

    private TargetStatus compute() {
        Optional<Instant> lastContact =
                feeds.values().stream().flatMap(f -> f.lastSuccess().stream()).max(Instant::compareTo);
        if (closed) {
            return new TargetStatus(ConnectionState.DISCONNECTED, "closed", lastContact);
        }
        List<FeedStatus> perFeed = new ArrayList<>();
        feeds.forEach((name, f) -> perFeed.add(new FeedStatus(
                name,
                f.problem().isEmpty()
                        ? ConnectionState.CONNECTED
                        : f.problem().get().kind().needsUserAction()
                                ? ConnectionState.DISCONNECTED
                                : ConnectionState.DEGRADED,
                f.problem().map(AwsProblem::message).orElse(""),
                f.failingSince(),
                f.lastSuccess())));
        List<String> problems = new ArrayList<>();
        boolean userAction = false;
        for (Feed f : feeds.values()) {
            if (f.problem().isPresent()) {
                AwsProblem p = f.problem().get();
                userAction |= p.kind().needsUserAction();
                String since = f.lastSuccess()
                        .map(t -> " (data from " + HMS.format(t) + " UTC)")
                        .orElse("");
                String text = p.message() + since;
                if (!problems.contains(text)) {
                    problems.add(text);
                }
            }
        }
        if (!problems.isEmpty()) {
            ConnectionState state = userAction ? ConnectionState.DISCONNECTED : ConnectionState.DEGRADED;
            return new TargetStatus(state, String.join(" | ", problems), lastContact, perFeed);
        }
        if (lastContact.isEmpty()) {
            return new TargetStatus(ConnectionState.CONNECTING, "connecting…", lastContact, perFeed);
        }
        return new TargetStatus(ConnectionState.CONNECTED, connectedDetail, lastContact, perFeed);
    }
}
