package io.nutrisage.app.session;

import io.nutrisage.app.monitoring.RunCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The post-run checklist of one run: the timeline's checks ({@link Checklist}), then, on a cloud target, the same
 * checks read from the cloud's own records, and the schedule of those reads. Free of threads and clocks: the caller
 * says what time it is, runs a due read where it may block, and hands the result back.
 *
 * <p>Why a schedule: CloudWatch publishes a minute's datapoints a few minutes late and revises them, so a check read
 * at the end of the load is read again once a minute until {@link #CLOUD_SETTLING} after the end, and never after.
 */
public final class RunChecklist {
    /** How often the cloud's records are read again after a run. */
    public static final Duration CLOUD_RECHECK_INTERVAL = Duration.ofMinutes(1);

    /** How long after the end of the load the cloud's late minutes may still change a check. */
    public static final Duration CLOUD_SETTLING = Duration.ofMinutes(6);

    /** A read of the cloud's records that is due: the run's window. */
    public record CloudRead(Instant from, Instant to) {}

    private List<RunCheck> cloudChecks = List.of();
    private Instant runEnd;
    private Instant lastCloudRead;
    private boolean reading;

    /** Forgets the run: a new run, target or recording starts. */
    public void reset() {
        cloudChecks = List.of();
        runEnd = null;
        lastCloudRead = null;
        reading = false;
    }

    /** The load of a live run ended at {@code at}: from now on its cloud checks may be read. */
    public void runEnded(Instant at) {
        runEnd = at;
    }

    public boolean ended() {
        return runEnd != null;
    }

    /** The checks as of now: the timeline's, then the last cloud read's. */
    public List<RunCheck> checks(RunTimeline timeline) {
        List<RunCheck> checks = new ArrayList<>(Checklist.evaluate(timeline));
        checks.addAll(cloudChecks);
        return List.copyOf(checks);
    }

    /**
     * Whether the cloud's records should be read now for the run that started at {@code origin}; if so, the read is
     * taken as started and no other is due until {@link #cloudReadDone} or {@link #cloudReadFailed}.
     */
    public Optional<CloudRead> cloudReadDue(Instant now, Instant origin) {
        if (runEnd == null || reading) {
            return Optional.empty();
        }
        if (lastCloudRead != null
                && (now.isBefore(lastCloudRead.plus(CLOUD_RECHECK_INTERVAL))
                        || !lastCloudRead.isBefore(runEnd.plus(CLOUD_SETTLING)))) {
            // Read within the last minute, or read once the cloud had settled: nothing more to learn.
            return Optional.empty();
        }
        reading = true;
        lastCloudRead = now;
        return Optional.of(new CloudRead(origin, runEnd));
    }

    public void cloudReadDone(List<RunCheck> checks) {
        reading = false;
        cloudChecks = List.copyOf(checks);
    }

    public void cloudReadFailed() {
        reading = false;
    }
}
