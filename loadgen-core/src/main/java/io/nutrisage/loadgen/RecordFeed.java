package io.nutrisage.loadgen;

import io.nutrisage.loadgen.records.LoadRecord;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.SkippedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads records ahead on its own thread ({@code loadgen-records}) into a bounded queue, so parsing and S3 reads
 * never delay a planned start. Ends after one pass, or starts over with {@code loop} (a pass without a single good
 * record ends the run: there is nothing to loop over). A looped source whose records fit in {@link #REPLAY_BYTES}
 * is read and parsed once and replayed from memory: at high rates, re-parsing the built-in sample on every pass
 * cost ~15 % of the generator's CPU (JFR); records skipped in the first pass are counted once.
 */
final class RecordFeed {
    private static final Logger LOG = LoggerFactory.getLogger(RecordFeed.class);
    private static final int CAPACITY = 8192;
    private static final int MAX_SKIP_EXAMPLES = 100;
    private static final int MAX_SKIP_LOGS = 20;
    static final long REPLAY_BYTES = 32L << 20;

    private final RecordSource source;
    private final boolean loop;
    private final Stats stats;
    private final BlockingQueue<LoadRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<SkippedRecord> skipExamples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean exhausted;
    private volatile boolean closed;
    private volatile String failure;

    RecordFeed(RecordSource source, boolean loop, Stats stats) {
        this.source = source;
        this.loop = loop;
        this.stats = stats;
        this.thread = Thread.ofPlatform().daemon().name("loadgen-records").unstarted(this::fill);
    }

    void start() {
        thread.start();
    }

    /** The next record, or null if none is ready yet (see {@link #exhausted()}). */
    LoadRecord poll() {
        return queue.poll();
    }

    /** True once the source has no more records and the queue is empty. */
    boolean exhausted() {
        return exhausted && queue.isEmpty();
    }

    /** Why the source could not be read at all, or null. */
    String failure() {
        return failure;
    }

    synchronized List<SkippedRecord> skipExamples() {
        return List.copyOf(skipExamples);
    }

    void close() {
        closed = true;
        thread.interrupt();
    }

    /** Hands a record to the scheduler, waiting while the queue is full; gives up when the feed is closed. */
    private void offer(LoadRecord record) throws InterruptedException {
        while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                throw new InterruptedException("record feed closed");
            }
        }
    }

    private synchronized void skipped(SkippedRecord skip) {
        stats.skipped.increment();
        if (skipExamples.size() < MAX_SKIP_EXAMPLES) {
            skipExamples.add(skip);
        }
        if (skipExamples.size() <= MAX_SKIP_LOGS) {
            LOG.warn("Skipped {}", skip);
        }
    }

    private void fill() {
        try {
            boolean again = true;
            List<LoadRecord> replay = loop ? new ArrayList<>() : null;
            long replayBytes = 0;
            while (again && !closed) {
                long good = 0;
                try (RecordSource.RecordStream stream = source.open(this::skipped)) {
                    LoadRecord record;
                    while (!closed && (record = stream.next()) != null) {
                        good++;
                        if (replay != null) {
                            replayBytes += record.json().length;
                            if (replayBytes <= REPLAY_BYTES) {
                                replay.add(record);
                            } else {
                                replay = null; // too large to keep: read the source again on every pass
                            }
                        }
                        offer(record);
                    }
                }
                if (good == 0 && !closed) {
                    if (failure == null) {
                        failure = "no usable record in " + source.describe();
                    }
                    again = false;
                } else if (loop && replay != null && !closed) {
                    while (!closed) {
                        for (LoadRecord record : replay) {
                            offer(record);
                        }
                    }
                    return;
                } else {
                    again = loop;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = "cannot read records from " + source.describe() + ": " + e.getMessage();
            LOG.error("Cannot read records from {}: {}", source.describe(), e.getMessage());
        } finally {
            exhausted = true;
        }
    }
}
