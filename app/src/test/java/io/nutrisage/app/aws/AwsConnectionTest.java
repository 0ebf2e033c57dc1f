package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.AwsStub.Fault;
import io.nutrisage.app.aws.stub.NutriSageStack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsConnectionTest {
    private StubFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void identityComesFromStsGetCallerIdentityOverTheQueryProtocol() {
        try (AwsConnection connection = AwsConnection.open(fx.settings())) {
            CallerIdentity id = connection.identity();

            assertThat(id.account()).isEqualTo(AwsStub.ACCOUNT);
            assertThat(id.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/NutriSageConsole/alice");
            assertThat(fx.stub.requests()).singleElement().satisfies(r -> assertThat(r.protocol())
                    .isEqualTo("QUERY"));
        }
    }

    @Test
    void expiredTokenOnConnectFailsWithTheFixNotAStackTrace() {
        fx.stub.failNext(Fault.EXPIRED_TOKEN, 1, "GetCallerIdentity");

        assertThatThrownBy(() -> AwsTargets.connect(fx.spec(), fx.settings()))
                .isInstanceOfSatisfying(AwsAccessException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
                    assertThat(e.getMessage())
                            .isEqualTo("The AWS session of profile 'nutrisage-test' has expired (ExpiredToken)."
                                    + " Run `aws sso login --profile nutrisage-test` (IAM Identity Center) or refresh"
                                    + " the keys with `aws configure --profile nutrisage-test`; monitoring resumes by"
                                    + " itself once the credentials are valid.");
                });
    }

    @Test
    void missingCredentialsNameTheProfileAndBothWaysToLogIn(@TempDir Path dir) throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), "[someone-else]\naws_access_key_id = AKID\n");
        var provider = ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder()
                        .content(credentials)
                        .type(ProfileFile.Type.CREDENTIALS)
                        .build())
                .profileName("nutrisage-test")
                .build();
        AwsSettings settings = fx.settings().withCredentials(provider);

        assertThatThrownBy(() -> AwsTargets.whoAmI(settings)).isInstanceOfSatisfying(AwsAccessException.class, e -> {
            assertThat(e.problem().kind()).isEqualTo(Kind.CREDENTIALS_MISSING);
            assertThat(e.getMessage())
                    .contains("No AWS credentials found for profile 'nutrisage-test'")
                    .contains("aws sso login --profile nutrisage-test")
                    .contains("aws configure --profile nutrisage-test");
        });
        assertThat(fx.stub.requests()).isEmpty();
    }

    @Test
    void sdkEndpointOverrideFromTheEnvironmentChainReachesTheStubAndDisablesHostPrefixes() {
        // The SDK reads AWS_ENDPOINT_URL or the aws.endpointUrl system property (same chain) at client build time.
        String previous = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", fx.stub.endpoint().toString());
        AwsSettings noProgrammaticOverride = new AwsSettings(
                fx.settings().profile(),
                fx.settings().region(),
                java.util.Optional.empty(),
                fx.settings().credentials(),
                fx.settings().apiCallTimeout(),
                fx.settings().apiCallAttemptTimeout(),
                1,
                fx.settings().retryBaseDelay());
        try (AwsConnection connection = AwsConnection.open(noProgrammaticOverride)) {
            assertThat(connection.identity().account()).isEqualTo(AwsStub.ACCOUNT);
            assertThat(connection.logsEndpointOverridden()).isTrue();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", previous);
            }
        }
        try (AwsConnection real = AwsConnection.open(noProgrammaticOverride)) {
            assertThat(real.logsEndpointOverridden()).isFalse();
        }
    }

    @Test
    void logsCallsKeepThePlainStubHostWhenOverridden() {
        try (AwsMonitoringTarget target = fx.connect()) {
            target.logs().tail("", 10);

            assertThat(fx.stub.requests())
                    .filteredOn(r -> r.operation().equals("FilterLogEvents"))
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.host()).isEqualTo(fx.stub.endpoint().getAuthority());
                        assertThat(r.headers()).containsEntry("X-Amz-Target", "Logs_20140328.FilterLogEvents");
                    });
        }
    }

    @Test
    void costMeterCountsCallsAttemptsAndMetricsRequestedAndPricesThem() {
        try (AwsMonitoringTarget target = fx.connect()) {
            target.metrics().readAll(StubFixture.FIRST_MINUTE);
            target.alarms().alarms();
            target.fleet().status();
            fx.clock.advance(java.time.Duration.ofMinutes(30));

            ApiCallMeter.Usage usage = target.usage();

            assertThat(usage.calls("CloudWatch GetMetricData")).isEqualTo(4);
            assertThat(usage.calls("ECS DescribeServices")).isEqualTo(1);
            assertThat(usage.calls("STS GetCallerIdentity")).isEqualTo(1);
            assertThat(usage.metricsRequested()).isEqualTo(4 * 14);
            long otherCloudWatch =
                    usage.calls("CloudWatch DescribeAlarms") + usage.calls("CloudWatch DescribeAlarmHistory");
            assertThat(usage.cloudWatchOtherRequests()).isEqualTo(otherCloudWatch);
            assertThat(usage.costUsd()).isEqualTo(56 * 0.00001 + otherCloudWatch * 0.00001);
            assertThat(usage.costUsdPerHour()).isEqualTo(usage.costUsd() * 2);
            assertThat(usage.metricsRequestedPerHour()).isEqualTo(112);
        }
    }

    @Test
    void plannedCostOfDefaultPollingIsAFewCentsPerHour() {
        // 14 metrics every 30 s = 1,680 metrics/h = $0.0168; 3 alarm calls every 15 s = 720 requests/h = $0.0072.
        double perHour = ApiCallMeter.plannedUsdPerHour(
                14,
                AwsPolling.defaults().metricsInterval(),
                3,
                AwsPolling.defaults().alarmsInterval());

        assertThat(perHour).isCloseTo(0.0240, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void settingsNeverPrintCredentials() {
        assertThat(fx.settings().toString())
                .doesNotContain("AKIDEXAMPLE", "not-a-secret")
                .contains("injected");
        assertThat(NutriSageStack.ENV).isEqualTo("nutrisage");
    }
}
