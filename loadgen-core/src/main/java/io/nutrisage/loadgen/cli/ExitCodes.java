package io.nutrisage.loadgen.cli;

/** Process exit codes of the CLI (documented in the README). */
public final class ExitCodes {
    /** The run ended and every threshold passed. */
    public static final int OK = 0;
    /** The run could not start or failed (bad target, unreadable input, internal error). */
    public static final int RUN_ERROR = 1;
    /** Invalid command line (picocli's code for invalid input). */
    public static final int USAGE = 2;
    /** The run ended but at least one {@code --threshold} was breached (k6 uses the same code). */
    public static final int THRESHOLD_BREACHED = 99;
    /**
     * SIGINT or SIGTERM stopped the run before its end, and no threshold was breached on what ran: CI must not read
     * an interrupted gate as a passed one. k6 exits 105 ("external abort") in the same case; a breach (99) or a run
     * error (1) is reported instead when there is one.
     */
    public static final int INTERRUPTED = 105;

    private ExitCodes() {}
}
