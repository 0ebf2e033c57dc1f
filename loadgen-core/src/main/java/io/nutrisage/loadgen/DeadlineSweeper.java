package io.nutrisage.loadgen;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * Cancels calls that outlive the request timeout. Every call gets the same timeout and calls are tracked in the
 * order they are sent, so deadlines arrive in queue order: one sweeper thread looks at the head every
 * {@link #PERIOD}, drops finished calls and cancels expired ones, O(1) per call and no lock shared by the callers.
 * A call times out up to one period late. Thread-safe: {@link #track} from the scheduler thread, {@link
 * Deadline#finish} from any callback thread.
 */
final class DeadlineSweeper implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(20);

    private final long timeoutNanos;
    private final ConcurrentLinkedQueue<Deadline> queue = new ConcurrentLinkedQueue<>();
    private final Thread sweeper;
    private volatile boolean closed;

    /** One tracked call. */
    static final class Deadline {
        private final Call call;
        private final long at;
        private volatile boolean finished;
        private volatile boolean expired;

        private Deadline(Call call, long at) {
            this.call = call;
            this.at = at;
        }

        /** The call ended (answered or failed); its slot in the queue is dropped on the next sweep. */
        void finish() {
            finished = true;
        }

        /** Whether the sweeper cancelled this call for passing its deadline (its failure is a timeout). */
        boolean expired() {
            return expired;
        }
    }

    /** A sweeper with its own thread. */
    DeadlineSweeper(Duration timeout) {
        this(timeout, true);
    }

    /** Without a thread, {@link #sweep} is called by hand (tests). */
    DeadlineSweeper(Duration timeout, boolean sweepInBackground) {
        this.timeoutNanos = timeout.toNanos();
        this.sweeper = sweepInBackground
                ? Thread.ofPlatform().name("loadgen-deadlines").daemon(true).start(this::sweepUntilClosed)
                : null;
    }

    /** Tracks {@code call}, sent at {@code sentNanos}; calls must be tracked in the order they are sent. */
    Deadline track(Call call, long sentNanos) {
        Deadline deadline = new Deadline(call, sentNanos + timeoutNanos);
        queue.add(deadline);
        return deadline;
    }

    private void sweepUntilClosed() {
        while (!closed) {
            sweep(System.nanoTime());
            LockSupport.parkNanos(PERIOD.toNanos());
        }
    }

    void sweep(long now) {
        for (Deadline head = queue.peek(); head != null; head = queue.peek()) {
            if (!head.finished) {
                if (now - head.at < 0) {
                    return; // later deadlines are later still
                }
                head.expired = true;
                head.call.cancel();
            }
            queue.poll();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (sweeper != null) {
            LockSupport.unpark(sweeper);
        }
    }
}
