package io.nutrisage.loadgen;

/** Why a run ended. */
public enum EndReason {
    /** The profile ran to its end. */
    PROFILE_COMPLETED,
    /** The records ran out (and {@code loop} was off). */
    RECORDS_EXHAUSTED,
    /** {@link LoadRun#stop()} was called (or the CLI got SIGINT/SIGTERM). */
    STOPPED,
    /** The run could not go on (e.g. the record source could not be opened); see {@link RunSummary#failure()}. */
    FAILED
}
