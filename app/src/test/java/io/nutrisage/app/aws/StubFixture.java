package io.nutrisage.app.aws;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS stub every AWS test shares: loaded with the NutriSage stack, the settings that point the real SDK at it,
 * and a clock. {@link #StubFixture()} pins time to {@link #NOW} on a hand-moved clock, which the stub shares (log
 * events are ingested on it), for exact tests; {@link #live()} loads the ten minutes before the real clock's last
 * complete minute, for the GUI tests that run on it.
 */
public final class StubFixture implements AutoCloseable {
    /** 30 s into the minute after the stub's ten minutes of data. */
    public static final Instant FIRST_MINUTE = Instant.parse("2026-11-23T11:50:00Z");

    public static final Instant NOW = Instant.parse("2026-11-23T12:00:30Z");

    final AwsStub stub;
    final MutableClock clock;
    private final Instant firstMinute;

    public StubFixture() throws IOException {
        this(FIRST_MINUTE, NOW, true);
        stub.clock(clock);
    }

    /** A stub with no stack loaded, for a test that loads its own (e.g. the stacks evaluated from the templates). */
    public static StubFixture bare() throws IOException {
        StubFixture fixture = new StubFixture(FIRST_MINUTE, NOW, false);
        fixture.stub.clock(fixture.clock);
        return fixture;
    }

    private StubFixture(Instant firstMinute, Instant now, boolean loaded) throws IOException {
        this.firstMinute = firstMinute;
        this.clock = new MutableClock(now);
        stub = AwsStub.start();
        if (loaded) {
            NutriSageStack.load(stub, firstMinute);
        }
    }

    /** Ten minutes of data ending with the last complete minute before now: for a console on the real clock. */
    public static StubFixture live() throws IOException {
        Instant now = Instant.now();
        return new StubFixture(now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)), now, true);
    }

    public AwsStub stub() {
        return stub;
    }

    /** The first minute of the stack's data. */
    public Instant firstMinute() {
        return firstMinute;
    }

    /**
     * Dummy keys (the stub checks no signature) and one attempt so that every injected fault is seen. Timeouts are
     * generous: the machine is shared and the first call of each client loads many classes.
     */
    public AwsSettings settings() {
        return settingsFor(stub);
    }

    /** {@link #settings()} for any stub. */
    public static AwsSettings settingsFor(AwsStub stub) {
        return pointAt(stub, AwsSettings.of("nutrisage-test", AwsStub.REGION)).withRetries(1, Duration.ofMillis(5));
    }

    /** {@code settings} (a profile and region the user chose) sent to this stub instead of AWS, with dummy keys. */
    public AwsSettings pointAt(AwsSettings settings) {
        return pointAt(stub, settings);
    }

    private static AwsSettings pointAt(AwsStub stub, AwsSettings settings) {
        return settings.withEndpointOverride(stub.endpoint())
                .withCredentials(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret")))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    /** Settings whose attempt timeout the stub's {@link AwsStub.Fault#SLOW} answers exceed. */
    public AwsSettings impatientSettings() {
        return settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    public AwsTargetSpec spec() {
        return new AwsTargetSpec(
                NutriSageStack.ENV,
                NutriSageStack.CLUSTER,
                NutriSageStack.SERVICE,
                NutriSageStack.LOAD_BALANCER,
                NutriSageStack.TARGET_GROUP,
                URI.create(NutriSageStack.TARGET_URL),
                NutriSageStack.LOG_GROUP,
                "NutriSage/Inference",
                "ServiceName",
                "nutrisage-predictor",
                NutriSageStack.STACK_ALARMS,
                NutriSageStack.names().dashboard(),
                "");
    }

    public AwsMonitoringTarget connect(AwsSettings settings, AwsPolling polling) {
        return AwsTargets.connect(spec(), settings, polling, clock);
    }

    public AwsMonitoringTarget connect() {
        return connect(settings(), AwsPolling.unthrottled());
    }

    @Override
    public void close() {
        stub.close();
    }
}
