package io.nutrisage.app.aws;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The SDK clients of one profile and region, sharing one HTTP connection pool, adaptive retries, call timeouts and an
 * {@link ApiCallMeter}. Endpoint overrides ({@link AwsSettings#endpointOverride()} or the SDK's own
 * {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>}) are honoured by every client; when one is in effect
 * for CloudWatch Logs, host-prefix injection is disabled (StartLiveTail would otherwise prepend {@code streaming-}).
 */
public final class AwsConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwsConnection.class);

    private final AwsSettings settings;
    private final Region region;
    private final ApiCallMeter meter;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final CloudWatchClient cloudWatch;
    private final EcsClient ecs;
    private final ApplicationAutoScalingClient autoScaling;
    private final CloudWatchLogsClient logs;
    private final CloudFormationClient cloudFormation;
    private final StsClient sts;
    private final boolean logsEndpointOverridden;

    private AwsConnection(AwsSettings settings, Region region, Clock clock) {
        this.settings = settings;
        this.region = region;
        this.meter = new ApiCallMeter(clock);
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(settings.apiCallAttemptTimeout())
                .maxConnections(16)
                .build();
        this.credentials = settings.credentials().orElseGet(() -> defaultCredentials(settings.profile()));
        this.cloudWatch = build(CloudWatchClient.builder(), false);
        this.ecs = build(EcsClient.builder(), false);
        this.autoScaling = build(ApplicationAutoScalingClient.builder(), false);
        this.cloudFormation = build(CloudFormationClient.builder(), false);
        this.sts = build(StsClient.builder(), false);
        CloudWatchLogsClient logsClient = build(CloudWatchLogsClient.builder(), false);
        this.logsEndpointOverridden =
                logsClient.serviceClientConfiguration().endpointOverride().isPresent();
        if (logsEndpointOverridden) {
            logsClient.close();
            logsClient = build(CloudWatchLogsClient.builder(), true);
        }
        this.logs = logsClient;
    }

    /**
     * Builds the clients; fails with a clear {@link AwsAccessException} when no region can be found. Credentials are
     * resolved lazily by the first call (see {@link #identity()}).
     */
    public static AwsConnection open(AwsSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    static AwsConnection open(AwsSettings settings, Clock clock) {
        Region region = settings.region().map(Region::of).orElseGet(() -> defaultRegion(settings));
        return new AwsConnection(settings, region, clock);
    }

    /** STS GetCallerIdentity: who the console acts as, or a clear message with the fix. */
    public CallerIdentity identity() {
        GetCallerIdentityResponse id = call("STS GetCallerIdentity", sts::getCallerIdentity);
        return new CallerIdentity(id.account(), id.arn(), id.userId());
    }

    public Region region() {
        return region;
    }

    public AwsSettings settings() {
        return settings;
    }

    public ApiCallMeter meter() {
        return meter;
    }

    /** Whether CloudWatch Logs goes to an overridden endpoint (then host-prefix injection is off). */
    public boolean logsEndpointOverridden() {
        return logsEndpointOverridden;
    }

    /** The endpoint every client uses when overridden, e.g. for display; empty for AWS's own endpoints. */
    public Optional<URI> cloudWatchEndpoint() {
        return cloudWatch.serviceClientConfiguration().endpointOverride();
    }

    CloudWatchClient cloudWatch() {
        return cloudWatch;
    }

    EcsClient ecs() {
        return ecs;
    }

    ApplicationAutoScalingClient autoScaling() {
        return autoScaling;
    }

    CloudWatchLogsClient logs() {
        return logs;
    }

    CloudFormationClient cloudFormation() {
        return cloudFormation;
    }

    /** Runs one SDK call, translating every failure into an {@link AwsAccessException} with a readable message. */
    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw AwsErrors.toException(e, operation, settings.profileLabel());
        }
    }

    @Override
    public void close() {
        // Closing the shared HTTP client aborts calls in flight, so nothing outlives the target.
        for (AutoCloseable c : new AutoCloseable[] {cloudWatch, ecs, autoScaling, logs, cloudFormation, sts, http}) {
            IoUtils.closeQuietly(c, null);
        }
        if (settings.credentials().isEmpty() && credentials instanceof AutoCloseable closeable) {
            IoUtils.closeQuietly(closeable, null);
        }
        LOG.debug("AWS clients for {} closed", region);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, boolean disableHostPrefix) {
        var retry = AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(settings.retryBaseDelay(), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                        settings.retryBaseDelay().multipliedBy(10), Duration.ofSeconds(20)))
                .build();
        var override = ClientOverrideConfiguration.builder()
                .retryStrategy(retry)
                .apiCallTimeout(settings.apiCallTimeout())
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                .addExecutionInterceptor(meter);
        if (disableHostPrefix) {
            override.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
        }
        builder.region(region).credentialsProvider(credentials).overrideConfiguration(override.build());
        builder.httpClient(http);
        settings.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider defaultCredentials(Optional<String> profile) {
        // An explicitly chosen profile wins over AWS_ACCESS_KEY_ID in the environment.
        return profile.<AwsCredentialsProvider>map(
                        p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    private static Region defaultRegion(AwsSettings settings) {
        try {
            var chain = DefaultAwsRegionProviderChain.builder();
            settings.profile().ifPresent(chain::profileName);
            return chain.build().getRegion();
        } catch (RuntimeException e) {
            throw AwsErrors.toException(e, "region lookup", settings.profileLabel());
        }
    }
}
