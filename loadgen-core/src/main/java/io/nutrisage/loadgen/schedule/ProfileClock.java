package io.nutrisage.loadgen.schedule;

/**
 * Profile time as a function of wall time, for a run that can be paused, held and moved to another phase. The
 * profile advances only while the run follows it, so a pause or a hold of any length leaves every phase its full
 * duration.
 *
 * <p>The clock is one anchor, the profile time {@code profileNs} read at the wall time {@code wallNs}:
 *
 * <ul>
 *   <li>running, {@code at(t) = profileNs + (t - wallNs)}, and the profile reaches {@code p} at
 *       {@code wallAt(p) = wallNs + (p - profileNs)};
 *   <li>frozen, {@code at(t) = profileNs} for every {@code t}.
 * </ul>
 *
 * Each control moves the anchor, never the reading it was at: {@link #freeze} anchors at the reading it stops on,
 * {@link #thaw} anchors that reading at the wall time it goes on from, and only {@link #jump} sets another reading
 * (running or frozen as before, so a skip during a pause waits at the start of the next phase). Freezing a frozen
 * clock or thawing a running one returns it unchanged, so a control may repeat (a hold after a pause, a second
 * resume) without moving the profile.
 *
 * <p>Clock-free: the caller passes wall times (nanoseconds, any origin, such as {@link System#nanoTime()}). An
 * immutable value; every control returns a new clock.
 *
 * @param wallNs the wall time of the anchor
 * @param profileNs the profile time at the anchor, since the profile start; {@code >= 0}
 * @param frozen whether the profile stands still
 */
public record ProfileClock(long wallNs, long profileNs, boolean frozen) {

    public ProfileClock {
        if (profileNs < 0) {
            throw new IllegalArgumentException("profile time must be >= 0 ns, was " + profileNs);
        }
    }

    /** A running clock that reads 0 at {@code wallNs}: the profile starts then. */
    public static ProfileClock startedAt(long wallNs) {
        return new ProfileClock(wallNs, 0, false);
    }

    /** Profile time at {@code wallNs}. */
    public long at(long wallNs) {
        return frozen ? profileNs : profileNs + (wallNs - this.wallNs);
    }

    /**
     * The wall time at which this running clock reads {@code profileNs}, such as when a planned start falls due.
     *
     * @throws IllegalStateException if the clock is frozen: it reads no other time until thawed
     */
    public long wallAt(long profileNs) {
        if (frozen) {
            throw new IllegalStateException("a frozen profile clock reaches no other profile time");
        }
        return wallNs + (profileNs - this.profileNs);
    }

    /** Stops the profile at its reading at {@code wallNs}. */
    public ProfileClock freeze(long wallNs) {
        return frozen ? this : new ProfileClock(wallNs, at(wallNs), true);
    }

    /** Lets the profile go on from where it froze, starting at {@code wallNs}. */
    public ProfileClock thaw(long wallNs) {
        return frozen ? new ProfileClock(wallNs, profileNs, false) : this;
    }

    /** Sets the reading to {@code profileNs} at {@code wallNs}, such as the start of the next phase. */
    public ProfileClock jump(long wallNs, long profileNs) {
        return new ProfileClock(wallNs, profileNs, frozen);
    }
}
