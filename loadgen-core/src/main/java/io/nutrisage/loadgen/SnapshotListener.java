package io.nutrisage.loadgen;

/**
 * Receives a run's per-interval snapshots and its summary.
 *
 * <p>Called on the run's single reporter thread ({@code loadgen-reporter-N}), in order, never concurrently. Must
 * not block and should return within a few milliseconds: a slow listener delays the next snapshot (sending is not
 * affected). A listener that throws is logged and keeps being called. Hand work to another thread (e.g.
 * {@code Platform.runLater}) instead of doing it here.
 */
public interface SnapshotListener {

    /** One interval, about once a second. */
    void onSnapshot(Snapshot snapshot);

    /** Once, after the last snapshot, when every request has ended or been given up. */
    default void onFinish(RunSummary summary) {}
}
