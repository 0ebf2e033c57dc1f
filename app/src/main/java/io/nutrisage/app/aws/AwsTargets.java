package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry points the console's connect dialog uses. Every method blocks on I/O (run it off the FX thread) and
 * fails only with an {@link AwsAccessException} whose message tells the user what to do.
 *
 * <p>Connecting retries by itself, with exponential backoff, when AWS throttles, answers 5xx, cannot be reached or
 * sends an unreadable answer ({@value #CONNECT_TRIES} tries, waiting 10 × {@link AwsSettings#retryBaseDelay()} and
 * doubling: 1, 2 and 4 s by default), on top of the SDK's own retries of each call; a connect that still fails says
 * how often it tried instead of promising a retry nobody makes.
 */
public final class AwsTargets {
    private static final Logger LOG = LoggerFactory.getLogger(AwsTargets.class);

    /** Tries of a connect (identity check and stack resolution) when AWS fails transiently. */
    static final int CONNECT_TRIES = 4;

    private static final Set<Kind> RETRIED_ON_CONNECT =
            Set.of(Kind.THROTTLED, Kind.SERVICE_ERROR, Kind.NETWORK, Kind.UNREADABLE_RESPONSE);

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
            CallerIdentity identity = retrying(settings, connection::identity);
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
            CallerIdentity identity = retrying(settings, connection::identity);
            AwsTargetSpec spec = retrying(settings, () -> specOf.apply(connection));
            recent.remember(new RecentTargets.Entry(
                    settings.profile().orElse(""),
                    connection.region().id(),
                    stackOrEnvironment,
                    spec,
                    java.time.Instant.now(),
                    settings.region().isEmpty()));
            return new AwsMonitoringTarget(
                    connection, spec, AwsPolling.defaults(), Clock.systemUTC(), Optional.of(identity));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Runs {@code attempt}, trying again after a backoff while it fails with a problem that waiting can cure, at most
     * {@value #CONNECT_TRIES} times; the last failure says so. Interrupted while waiting: a CANCELLED problem.
     */
    static <T> T retrying(AwsSettings settings, Supplier<T> attempt) {
        Duration waited = Duration.ZERO;
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (AwsAccessException e) {
                AwsProblem problem = e.problem();
                if (!RETRIED_ON_CONNECT.contains(problem.kind()) || tries == CONNECT_TRIES) {
                    AwsProblem told = gaveUp(problem, tries, waited);
                    throw told.equals(problem) ? e : new AwsAccessException(told, e.getCause());
                }
                Duration backoff = backoff(settings, tries);
                LOG.info("Connecting to AWS: {} Trying again in {} ms", problem.message(), backoff.toMillis());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AwsAccessException(new AwsProblem(Kind.CANCELLED, "Connecting cancelled."), e);
                }
                waited = waited.plus(backoff);
            }
        }
    }

    /** Before try {@code tries + 1}: 10 × the base delay, doubled each time, at most 20 s (the SDK's cap). */
    static Duration backoff(AwsSettings settings, int tries) {
        Duration d = settings.retryBaseDelay().multipliedBy(10L << Math.min(tries - 1, 10));
        return d.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20) : d;
    }

    /** The problem as the end of a connect: a "retrying"/"backing off" promise becomes what was tried. */
    private static AwsProblem gaveUp(AwsProblem problem, int tries, Duration waited) {
        String message = problem.message();
        for (String promise : new String[] {"; retrying.", "; backing off."}) {
            if (message.endsWith(promise)) {
                String base = message.substring(0, message.length() - promise.length());
                return new AwsProblem(
                        problem.kind(),
                        tries == 1
                                ? base + ". Connect again in a moment."
                                : String.format(
                                        java.util.Locale.ROOT,
                                        "%s; gave up after %d tries over %.1f s. Connect again in a moment.",
                                        base,
                                        tries,
                                        waited.toMillis() / 1000.0));
            }
        }
        return problem;
    }
}
