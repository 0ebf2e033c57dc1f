package io.nutrisage.app.load;

/**
 * Live control of a started load run. Every method is thread-safe and returns at once (the console calls them from the
 * FX thread); effects show in the next snapshots.
 */
public interface LoadControl {
    void pause();

    /** Ends a pause or a rate hold; the profile goes on where it stood. */
    void resume();

    /** Sends at {@code requestsPerSecond} until {@link #resume()}. */
    void holdRate(double requestsPerSecond);

    void nextPhase();

    void setInFlightCap(int cap);

    /** Ends the run; requests in flight finish or time out. */
    void stop();

    LoadState state();
}
