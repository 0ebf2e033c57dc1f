package io.nutrisage.loadgen;

/** Life cycle of a {@link LoadRun}. */
public enum RunState {
    /** Created, not started. */
    READY,
    /** Sending on the profile's schedule. */
    RUNNING,
    /** Not sending; the profile clock is frozen. */
    PAUSED,
    /** Sending at a fixed rate set by {@link LoadRun#holdRate}; the profile clock is frozen. */
    HOLDING,
    /** No longer sending; waiting for requests in flight, then writing the last outputs. */
    STOPPING,
    /** Done: every output was written and the summary is available. */
    FINISHED
}
