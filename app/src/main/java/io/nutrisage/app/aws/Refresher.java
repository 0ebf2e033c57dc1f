package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rate-limits one feed's AWS calls: a port call refreshes the cache only when the interval has passed and no other
 * refresh of the feed is running (concurrent callers get the cached answer at once). Failures never escape: they are
 * recorded in {@link FeedHealth} and the cache keeps its last good data.
 */
final class Refresher {
    private final String feed;
    private final Duration interval;
    private final Clock clock;
    private final FeedHealth health;
    private final String profile;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Instant lastAttempt;
    private volatile boolean closed;

    Refresher(String feed, Duration interval, Clock clock, FeedHealth health, String profile) {
        this.feed = feed;
        this.interval = interval;
        this.clock = clock;
        this.health = health;
        this.profile = profile;
    }

    /** A fetch that may succeed only partly: it returns the problem to report, or empty. */
    interface Fetch {
        Optional<AwsProblem> run();
    }

    /** Runs {@code fetch} if due (or {@code force}d), unless closed or another refresh runs. */
    void refresh(boolean force, Fetch fetch) {
        if (closed || !(force || due())) {
            return;
        }
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (closed || !(force || due())) {
                return;
            }
            lastAttempt = clock.instant();
            Optional<AwsProblem> partial = fetch.run();
            if (partial.isPresent()) {
                health.failed(feed, partial.get());
            } else {
                health.succeeded(feed);
            }
        } catch (RuntimeException e) {
            AwsProblem problem =
                    e instanceof AwsAccessException access ? access.problem() : AwsErrors.classify(e, feed, profile);
            if (closed) {
                return;
            }
            if (problem.kind() == Kind.TIMEOUT) {
                // The SDK enforces call timeouts by interrupting the calling thread; the flag can survive the
                // timeout exception and would abort the next blocking call of the poller.
                Thread.interrupted();
            }
            if (problem.kind() == Kind.CANCELLED) {
                // The caller is being cancelled (target switch, window closing): keep its interrupt, retry next time.
                Thread.currentThread().interrupt();
                lastAttempt = null;
                return;
            }
            health.failed(feed, problem);
        } finally {
            lock.unlock();
        }
    }

    void refresh(Runnable fetch) {
        refresh(false, () -> {
            fetch.run();
            return Optional.empty();
        });
    }

    void close() {
        closed = true;
    }

    private boolean due() {
        Instant last = lastAttempt;
        return last == null || !clock.instant().isBefore(last.plus(interval));
    }
}
