package io.nutrisage.app.aws;

import java.time.Clock;
import java.util.Optional;

/**
 * The entry points the console's connect dialog uses. Every method blocks on I/O (run it off the FX thread) and
 * fails only with an {@link AwsAccessException} whose message tells the user what to do.
 */
public final class AwsTargets {
    private AwsTargets() {}

    /** STS GetCallerIdentity for the profile and region: "who am I" before connecting. */
    public static CallerIdentity whoAmI(AwsSettings settings) {
        try (AwsConnection connection = AwsConnection.open(settings)) {
            return connection.identity();
        }
    }

    /** Reads the names of a deployed stack from its CloudFormation outputs. */
    public static AwsTargetSpec resolveStack(AwsSettings settings, String stackOrEnvironment) {
        try (AwsConnection connection = AwsConnection.open(settings)) {
            return new StackResolver(connection).resolve(stackOrEnvironment);
        }
    }

    /** Connects to a stack: checks the identity first, so bad credentials fail here with the fix. */
    public static AwsMonitoringTarget connect(AwsTargetSpec spec, AwsSettings settings) {
        return connect(spec, settings, AwsPolling.defaults(), Clock.systemUTC());
    }

    public static AwsMonitoringTarget connect(
            AwsTargetSpec spec, AwsSettings settings, AwsPolling polling, Clock clock) {
        AwsConnection connection = AwsConnection.open(settings, clock);
        try {
            CallerIdentity identity = connection.identity();
            return new AwsMonitoringTarget(connection, spec, polling, clock, Optional.of(identity));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Connects to names typed by hand (see {@link HandEnteredNames}), remembering them in {@code recent} once the
     * identity check passed; nothing is resolved, so a wrong name shows up as a feed without data, not a failure.
     */
    public static AwsMonitoringTarget connectByHand(AwsTargetSpec spec, AwsSettings settings, RecentTargets recent) {
        return connect(settings, recent, "", connection -> spec);
    }

    /** Resolves {@code stackOrEnvironment} and connects, remembering the target in {@code recent}. */
    public static AwsMonitoringTarget connectToStack(
            String stackOrEnvironment, AwsSettings settings, RecentTargets recent) {
        return connect(settings, recent, stackOrEnvironment, connection -> new StackResolver(connection)
                .resolve(stackOrEnvironment));
    }

    /** Opens a connection, checks the identity, finds the spec and remembers the target; closes on failure. */
    private static AwsMonitoringTarget connect(
            AwsSettings settings,
            RecentTargets recent,
            String stackOrEnvironment,
            java.util.function.Function<AwsConnection, AwsTargetSpec> specOf) {
        AwsConnection connection = AwsConnection.open(settings);
        try {
            CallerIdentity identity = connection.identity();
            AwsTargetSpec spec = specOf.apply(connection);
            recent.remember(new RecentTargets.Entry(
                    settings.profile().orElse(""),
                    settings.region().orElse(connection.region().id()),
                    stackOrEnvironment,
                    spec,
                    java.time.Instant.now()));
            return new AwsMonitoringTarget(
                    connection, spec, AwsPolling.defaults(), Clock.systemUTC(), Optional.of(identity));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
