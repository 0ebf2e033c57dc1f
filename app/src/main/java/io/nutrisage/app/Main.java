package io.nutrisage.app;

import javafx.application.Application;

/**
 * Entry point. A plain class (not an {@link Application}) so JavaFX on the class path starts without module flags.
 *
 * <ul>
 *   <li>no arguments: the console window on the local sandbox;
 *   <li>{@code scenario [options]}: the headless scenario command, see {@link ScenarioCommand}.
 * </ul>
 */
public final class Main {
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
                    + "       nutrisage-console scenario --help  run a scenario headless and export its artefacts");
            return;
        }
        Application.launch(ConsoleApp.class, args);
    }
}
