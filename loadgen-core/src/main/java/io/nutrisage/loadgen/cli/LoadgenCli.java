package io.nutrisage.loadgen.cli;

import io.nutrisage.loadgen.LoadgenException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loadgen} command line: {@code run}, {@code predict} and {@code batch}. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        versionProvider = LoadgenCli.Version.class,
        description = "Open-loop load generator for the NutriSage predictor service.",
        subcommands = {RunCommand.class, PredictCommand.class, BatchCommand.class, CommandLine.HelpCommand.class},
        footer = {
            "",
            "Exit codes: 0 ok, 1 run error, 2 invalid command line, 99 a --threshold was breached,"
                    + " 105 a run interrupted by SIGINT/SIGTERM (no threshold breached).",
            "Environment: TARGET_URL (--target), INPUT_PREFIX (--input), WORKERS (--workers)."
        })
public final class LoadgenCli {

    public static void main(String[] args) {
        configureLogging();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests and {@link #main}). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error writers and returns the exit code. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LoadgenCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("loadgen: " + message(e));
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.RUN_ERROR;
        });
        return cli.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof LoadgenException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.log.software.amazon.awssdk", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            // The -cli jar's manifest carries it; from a class folder (the tests, an IDE) there is none.
            String version = LoadgenCli.class.getPackage().getImplementationVersion();
            return new String[] {"loadgen " + (version == null ? "(not from its jar: version unknown)" : version)};
        }
    }
}
