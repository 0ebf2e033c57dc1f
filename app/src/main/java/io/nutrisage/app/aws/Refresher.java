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
 * recorded in {@link FeedHealth} and the cache keeps its last good data. A throttled feed backs off, as its status
 * says: after n throttled refreshes in a row the next waits 2^n intervals (at most {@value #MAX_BACKOFF_FACTOR}), on
 * top of the SDK's own backoff within the call.
 */
final class Refresher {
    static final int MAX_BACKOFF_FACTOR = 8;

    private final String feed;
    private final Duration interval;
    private final Clock clock;
    private final FeedHealth health;
    private final String profile;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Instant lastAttempt;
    private volatile int throttledInARow;
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
            throttledInARow = 0;
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
            throttledInARow = problem.kind() == Kind.THROTTLED ? throttledInARow + 1 : 0;
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
        return last == null || !clock.instant().isBefore(last.plus(pause()));
    }

    /** The interval, doubled for each throttled refresh in a row, at most {@value #MAX_BACKOFF_FACTOR} times. */
    Duration pause() {
        return interval.multipliedBy(Math.min(MAX_BACKOFF_FACTOR, 1L << Math.min(throttledInARow, 3)));
    }
}
