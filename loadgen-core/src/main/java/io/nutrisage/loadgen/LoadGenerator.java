package io.nutrisage.loadgen;

/**
 * Entry point of the library:
 *
 * <pre>{@code
 * RunDefinition definition = RunDefinition.builder(URI.create("http://127.0.0.1:8000"))
 *         .profile(RateProfile.NUTRISAGE_DEMO)
 *         .timeScale(0.1)
 *         .build();
 * LoadRun run = LoadGenerator.create(definition);
 * run.addListener(snapshot -> System.out.println(snapshot.achievedRate()));
 * run.start();
 * RunSummary summary = run.awaitCompletion();
 * }</pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    /** A run ready to {@link LoadRun#start() start}. */
    public static LoadRun create(RunDefinition definition) {
        return new LoadRun(definition);
    }
}
