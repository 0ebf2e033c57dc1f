package io.nutrisage.app.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach AWS: a named profile and a region resolved through the SDK's default chains (environment, shared config
 * and credentials files, SSO, container and instance roles), plus retry and timeout limits. Secrets never pass
 * through here: {@code credentials} is only for tests and for callers that already hold a provider.
 *
 * @param profile named profile of {@code ~/.aws/config}; empty = the default chain ({@code AWS_PROFILE} or default)
 * @param region e.g. {@code eu-west-1}; empty = the default region chain ({@code AWS_REGION}, the profile's region)
 * @param endpointOverride one endpoint for every service (a stub); {@code AWS_ENDPOINT_URL[_<SERVICE>]} work as well
 * @param credentials a provider replacing the default chain (tests); empty = the default chain
 */
public record AwsSettings(
        Optional<String> profile,
        Optional<String> region,
        Optional<URI> endpointOverride,
        Optional<AwsCredentialsProvider> credentials,
        Duration apiCallTimeout,
        Duration apiCallAttemptTimeout,
        int maxAttempts,
        Duration retryBaseDelay) {

    /** Whole call including retries; a slow answer turns into a stale badge after this long, not a frozen view. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(20);

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(6);

    /** The SDK's standard/adaptive default. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public AwsSettings {
        profile = profile.map(String::strip).filter(p -> !p.isEmpty());
        region = region.map(String::strip).filter(r -> !r.isEmpty());
        Objects.requireNonNull(endpointOverride, "endpointOverride");
        Objects.requireNonNull(credentials, "credentials");
        requirePositive(apiCallTimeout, "apiCallTimeout");
        requirePositive(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        requirePositive(retryBaseDelay, "retryBaseDelay");
        endpointOverride.ifPresent(AwsSettings::requireAbsoluteHttp);
    }

    /** A profile and region as typed by the user; blank means "use the default chain". */
    public static AwsSettings of(String profile, String region) {
        return new AwsSettings(
                Optional.ofNullable(profile),
                Optional.ofNullable(region),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_API_CALL_TIMEOUT,
                DEFAULT_ATTEMPT_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS,
                Duration.ofMillis(100));
    }

    public AwsSettings withEndpointOverride(URI endpoint) {
        return new AwsSettings(
                profile,
                region,
                Optional.of(endpoint),
                credentials,
                apiCallTimeout,
                apiCallAttemptTimeout,
                maxAttempts,
                retryBaseDelay);
    }

    public AwsSettings withCredentials(AwsCredentialsProvider provider) {
        return new AwsSettings(
                profile,
                region,
                endpointOverride,
                Optional.of(provider),
                apiCallTimeout,
                apiCallAttemptTimeout,
                maxAttempts,
                retryBaseDelay);
    }

    public AwsSettings withTimeouts(Duration call, Duration attempt) {
        return new AwsSettings(
                profile, region, endpointOverride, credentials, call, attempt, maxAttempts, retryBaseDelay);
    }

    public AwsSettings withRetries(int attempts, Duration baseDelay) {
        return new AwsSettings(
                profile,
                region,
                endpointOverride,
                credentials,
                apiCallTimeout,
                apiCallAttemptTimeout,
                attempts,
                baseDelay);
    }

    /** The profile as the user knows it, for messages. */
    String profileLabel() {
        return profile.orElseGet(
                () -> Optional.ofNullable(System.getenv("AWS_PROFILE")).orElse("default"));
    }

    @Override
    public String toString() {
        // Never print the credentials provider: some providers render key ids.
        return "AwsSettings[profile=" + profile.orElse("(default chain)") + ", region="
                + region.orElse("(default chain)") + ", endpointOverride="
                + endpointOverride.map(URI::toString).orElse("none") + ", credentials="
                + (credentials.isPresent() ? "injected" : "default chain") + ", apiCallTimeout=" + apiCallTimeout
                + ", maxAttempts=" + maxAttempts + "]";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void requireAbsoluteHttp(URI uri) {
        String scheme = uri.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint override must be an http(s) URL with a host, got " + uri);
        }
    }
}
