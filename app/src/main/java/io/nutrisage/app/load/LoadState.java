package io.nutrisage.app.load;

/** Where a load run is. */
public enum LoadState {
    READY,
    RUNNING,
    PAUSED,
    /** Sending at a rate set by hand; the profile clock stands still. */
    HOLDING,
    FINISHED
}
