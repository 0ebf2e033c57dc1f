package io.nutrisage.app;

import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import sun.misc.Signal;

/**
 * Entry point. A plain class (not an {@link Application}) so JavaFX on the class path starts without module flags.
 *
 * <ul>
 *   <li>no arguments: the console window on the local sandbox;
 *   <li>{@code scenario [options]}: the headless scenario command, see {@link ScenarioCommand}.
 * </ul>
 *
 * <p>The window closes the same way whether its close button, SIGINT (Ctrl-C in its terminal) or SIGTERM asks: the
 * session ends, its recording gets its last line and is closed, the target (sandbox replicas or AWS clients) is
 * closed, and the process exits with {@value #EXIT_CLOSED} ({@value #EXIT_CLOSE_HUNG} when closing took longer than
 * {@value #CLOSE_DEADLINE_SECONDS} s).
 */
public final class Main {
    /** The console closed normally: by its window, SIGINT or SIGTERM. */
    public static final int EXIT_CLOSED = 0;

    /** A close asked for by a signal did not finish in time; the process was stopped without waiting longer. */
    public static final int EXIT_CLOSE_HUNG = 1;

    static final int CLOSE_DEADLINE_SECONDS = 30;

    private Main() {}

    /**
     * Rendering settings, applied before JavaFX starts (an explicit {@code -D} wins). Every refresh changes each of the
     * dashboard's six plots plus a few nodes around them; with Prism's default of 6 dirty regions they are merged and
     * much of the window is painted twice. 15 (Prism's maximum) cut the CPU per chart frame by about 15 % in the
     * software pipeline (docs/benchmarks.md).
     *
     * <p>{@code javafx.animation.pulse}: on Linux, JavaFX's pulse timer is a GLib timeout that wakes the FX thread at
     * the pulse rate even when nothing changes (glass-gtk's timer cannot pause), and those wake-ups were most of an
     * idle console's FX-thread CPU. The console changes once a second; 30 pulses a second still animate controls
     * smoothly and halve the wake-ups (decision 0075).
     */
    public static void tuneRendering() {
        if (System.getProperty("prism.dirtyregioncount") == null) {
            System.setProperty("prism.dirtyregioncount", "15");
        }
        if (System.getProperty("javafx.animation.pulse") == null) {
            System.setProperty("javafx.animation.pulse", "30");
        }
    }

    public static void main(String[] args) {
        tuneRendering();
        if (args.length > 0 && args[0].equals("scenario")) {
            System.exit(ScenarioCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: nutrisage-console              open the console on the local sandbox\n"
                    + "       nutrisage-console scenario --help  run a scenario headless and export its artefacts\n"
                    + "       nutrisage-console --version        the console's and its bundled model's versions");
            return;
        }
        if (args.length > 0 && args[0].equals("--version")) {
            System.out.println(version());
            return;
        }
        closeOnSignals();
        Application.launch(ConsoleApp.class, args);
        System.exit(EXIT_CLOSED);
    }

    /** {@code nutrisage-console <version> (model <model version>)}. */
    static String version() {
        java.util.Properties properties = new java.util.Properties();
        try (var in = Main.class.getResourceAsStream("console-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (java.io.IOException e) {
            // Reported as "unknown" below: --version must answer even from a damaged install.
        }
        String model;
        try {
            model = io.nutrisage.predictor.model.GradePredictors.loadBundled().modelVersion();
        } catch (RuntimeException e) {
            model = "unreadable: " + e.getMessage();
        }
        return "nutrisage-console " + properties.getProperty("console.version", "unknown") + " (model " + model + ")";
    }

    /**
     * SIGINT and SIGTERM close the window as its close button does. Without this the JVM's default handlers exit
     * with 130 or 143 without running {@link ConsoleApp#stop}, so the run's recording lost its end and a terminal
     * running the console through Maven printed a build failure.
     */
    private static void closeOnSignals() {
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), signal -> {
                System.err.println(
                        "nutrisage-console: SIG" + name + " received: closing the session and its recording");
                Thread.ofPlatform().daemon().name("close-deadline").start(() -> {
                    try {
                        Thread.sleep(CLOSE_DEADLINE_SECONDS * 1000L);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println(
                            "nutrisage-console: closing took over " + CLOSE_DEADLINE_SECONDS + " s; stopping now");
                    Runtime.getRuntime().halt(EXIT_CLOSE_HUNG);
                });
                try {
                    Platform.runLater(Platform::exit);
                } catch (IllegalStateException notStartedYet) {
                    System.exit(EXIT_CLOSED);
                }
            });
        }
    }
}
