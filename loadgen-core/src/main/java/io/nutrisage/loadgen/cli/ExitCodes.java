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

    private ExitCodes() {}
}
