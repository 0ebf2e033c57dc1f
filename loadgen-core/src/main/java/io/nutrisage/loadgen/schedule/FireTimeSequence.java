package io.nutrisage.loadgen.schedule;

/**
 * The planned start times of a run, in nanoseconds since the start of the profile. Pure: no clock, no threads, so
 * tests can check exact values. Not thread-safe; one sequence per sender.
 */
public interface FireTimeSequence {
    /** Returned by {@link #nextFireTimeNs()} once the sequence has no more starts. */
    long END = Long.MAX_VALUE;

    /** The next planned start, never earlier than the previous one, or {@link #END}. */
    long nextFireTimeNs();

    /** Index of the phase the last returned start belongs to (the first phase before any call). */
    int phaseIndex();
}
