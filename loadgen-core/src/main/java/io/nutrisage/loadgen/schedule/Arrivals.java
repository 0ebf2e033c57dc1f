package io.nutrisage.loadgen.schedule;

/** How starts are spread within a phase. */
public enum Arrivals {
    /** Evenly spaced starts: the k-th start happens when the cumulative target count reaches k. */
    CONSTANT,
    /** A (non-homogeneous) Poisson process with the phase's rate; reproducible from a seed. */
    POISSON
}
