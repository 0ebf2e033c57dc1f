package io.nutrisage.app.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What only a cloud target can tell: whom the console is signed in as, what its monitoring costs, and the run judged
 * on the cloud's own records. Reached through {@link MonitoringTarget#cloudAccount()}, so that nothing above the
 * ports needs to know which backend it talks to.
 */
public interface CloudAccount {
    /** Account, caller ARN and region, or only the region while the caller is not known yet. */
    String identity();

    /** The monitoring's API cost: planned per hour, and so far. */
    ApiCost apiCost();

    /**
     * The seed's checks for the run from {@code from} to {@code to}, read from the cloud's records. Blocking: call it
     * off the UI thread.
     */
    List<RunCheck> validateRun(Instant from, Instant to);

    /** The monitoring's API use and its price, since the console connected ({@code elapsed} ago). */
    record ApiCost(double plannedUsdPerHour, long calls, long metricsRequested, double costUsd, Duration elapsed) {}
}
