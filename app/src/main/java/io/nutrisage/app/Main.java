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

    public static void main(String[] args) {
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
