package io.nutrisage.app.aws;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A stub loaded with the NutriSage stack, the settings that point the real SDK at it, and a hand-moved clock. */
final class StubFixture implements AutoCloseable {
    /** 30 s into the minute after the stub's ten minutes of data. */
    static final Instant FIRST_MINUTE = Instant.parse("2026-11-23T11:50:00Z");

    static final Instant NOW = Instant.parse("2026-11-23T12:00:30Z");

    final AwsStub stub;
    final MutableClock clock = new MutableClock(NOW);

    StubFixture() throws IOException {
        stub = AwsStub.start();
        NutriSageStack.load(stub, FIRST_MINUTE);
    }

    /**
     * Dummy keys (the stub checks no signature) and one attempt so that every injected fault is seen. Timeouts are
     * generous: the machine is shared and the first call of each client loads many classes.
     */
    AwsSettings settings() {
        return settingsFor(stub);
    }

    /** {@link #settings()} for any stub. */
    static AwsSettings settingsFor(AwsStub stub) {
        return AwsSettings.of("nutrisage-test", AwsStub.REGION)
                .withEndpointOverride(stub.endpoint())
                .withCredentials(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret")))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10))
                .withRetries(1, Duration.ofMillis(5));
    }

    /** Settings whose attempt timeout the stub's {@link AwsStub.Fault#SLOW} answers exceed. */
    AwsSettings impatientSettings() {
        return settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    AwsTargetSpec spec() {
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

    AwsMonitoringTarget connect(AwsSettings settings, AwsPolling polling) {
        return AwsTargets.connect(spec(), settings, polling, clock);
    }

    AwsMonitoringTarget connect() {
        return connect(settings(), AwsPolling.unthrottled());
    }

    @Override
    public void close() {
        stub.close();
    }
}
