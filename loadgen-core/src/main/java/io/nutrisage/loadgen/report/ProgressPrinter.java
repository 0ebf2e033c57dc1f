package io.nutrisage.loadgen.report;

import io.nutrisage.loadgen.RunDefinition;
import io.nutrisage.loadgen.Snapshot;
import io.nutrisage.loadgen.SnapshotListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The terminal progress line: rewritten in place every second on a terminal, one plain line every
 * {@code plainEvery} seconds otherwise (logs, CI).
 */
public final class ProgressPrinter implements SnapshotListener {
    private final PrintStream out;
    private final boolean terminal;
    private final int plainEvery;
    private final int phases;

    public ProgressPrinter(PrintStream out, boolean terminal, int plainEvery, RunDefinition definition) {
        this.out = out;
        this.terminal = terminal;
        this.plainEvery = Math.max(1, plainEvery);
        this.phases = definition.profile().phases().size();
    }

    /** Whether standard output is an interactive terminal (JDK 22+ {@code Console.isTerminal}, else a console exists). */
    public static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless attached to a terminal
        }
    }

    @Override
    public void onSnapshot(Snapshot s) {
        String line = line(s);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (s.second() % plainEvery == 0) {
            out.println(line);
        }
    }

    @Override
    public void onFinish(io.nutrisage.loadgen.RunSummary summary) {
        if (terminal) {
            out.println();
        }
    }

    String line(Snapshot s) {
        return String.format(
                Locale.ROOT,
                "[%s phase %d/%d] %s / %s  rate %.1f/%.1f per s  p90 %.1f ms (raw %.1f)  errors %d  in flight %d/%d  late %d dropped %d",
                s.state().name().toLowerCase(Locale.ROOT),
                s.phase() + 1,
                phases,
                clock(s.elapsed()),
                clock(s.elapsed().plus(s.remaining())),
                s.achievedRate(),
                s.targetRate(),
                s.corrected().p90(),
                s.raw().p90(),
                s.outcomes().errors(),
                s.inFlight(),
                s.inFlightCap(),
                s.late(),
                s.dropped());
    }

    private static String clock(Duration d) {
        long seconds = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
