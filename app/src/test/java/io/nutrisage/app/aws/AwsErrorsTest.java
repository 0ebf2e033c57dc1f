package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.aws.stub.AwsStub.Fault;
import io.nutrisage.app.aws.stub.NutriSageStack;
import java.net.ConnectException;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            AccessDeniedException | 400 | ACCESS_DENIED       | Attach the NutriSage console-access managed policy
            ExpiredToken          | 400 | CREDENTIALS_EXPIRED | aws sso login --profile dev
            InvalidClientTokenId  | 403 | CREDENTIALS_EXPIRED | AWS rejected the credentials of profile 'dev'
            ThrottlingException   | 400 | THROTTLED           | ECS DescribeServices: throttled by AWS
            InternalFailure       | 500 | SERVICE_ERROR       | AWS answered InternalFailure: boom; retrying.
            ClusterNotFoundException | 400 | NOT_FOUND        | ECS DescribeServices: ClusterNotFoundException: boom
            """)
    void serviceErrorsBecomeProblemsWithTheirFix(String code, int status, Kind kind, String text) {
        AwsServiceException e = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("boom")
                        .build())
                .build();

        AwsProblem problem = AwsErrors.classify(e, "ECS DescribeServices", "dev");

        assertThat(problem.kind()).isEqualTo(kind);
        assertThat(problem.message()).contains(text).doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain | CREDENTIALS_MISSING | aws configure --profile dev
            The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile. | CREDENTIALS_EXPIRED | Run `aws sso login --profile dev`
            Unable to load region from any of the providers in the chain | NO_REGION | AWS_REGION
            """)
    void clientSideCredentialAndRegionProblemsNameTheCommandToRun(String sdkMessage, Kind kind, String text) {
        AwsProblem problem = AwsErrors.classify(
                SdkClientException.builder().message(sdkMessage).build(), "STS GetCallerIdentity", "dev");

        assertThat(problem.kind()).isEqualTo(kind);
        assertThat(problem.message()).contains(text);
        assertThat(kind.needsUserAction()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Connection refused
            """)
    void ioFailuresAreNetworkProblemsThatRetry(String message) {
        AwsProblem problem = AwsErrors.classify(
                SdkClientException.builder()
                        .message("Unable to execute HTTP request: " + message)
                        .cause(new ConnectException(message))
                        .build(),
                "CloudWatch GetMetricData",
                "dev");

        assertThat(problem.kind()).isEqualTo(Kind.NETWORK);
        assertThat(problem.kind().needsUserAction()).isFalse();
        assertThat(problem.message()).startsWith("CloudWatch GetMetricData: network problem (Unable to execute HTTP");
    }

    /**
     * The real SDK against the stub answering 200 with an HTML page under each protocol's content type (awsJson1_1,
     * Smithy RPC v2 CBOR, awsQuery XML): the parse failure is named as such, not as a network problem.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CloudWatch Logs FilterLogEvents | FilterLogEvents
            ECS DescribeServices            | DescribeServices
            CloudWatch GetMetricData        | GetMetricData
            STS GetCallerIdentity           | GetCallerIdentity
            CloudFormation DescribeStacks   | DescribeStacks
            """)
    void aResponseTheSdkCannotParseIsAnUnreadableResponseNotANetworkProblem(String label, String operation)
            throws Exception {
        try (StubFixture fx = new StubFixture();
                AwsConnection connection = AwsConnection.open(fx.settings())) {
            fx.stub.failNext(Fault.GARBAGE, 1, operation);
            Supplier<?> call =
                    switch (operation) {
                        case "FilterLogEvents" ->
                            () -> connection.logs().filterLogEvents(r -> r.logGroupName(NutriSageStack.LOG_GROUP));
                        case "DescribeServices" ->
                            () -> connection.ecs().describeServices(r -> r.cluster(NutriSageStack.CLUSTER)
                                    .services(NutriSageStack.SERVICE));
                        case "GetMetricData" ->
                            () -> connection.cloudWatch().getMetricData(r -> r.startTime(StubFixture.FIRST_MINUTE)
                                    .endTime(StubFixture.NOW)
                                    .metricDataQueries(q -> q.id("m1").expression("SEARCH('x', 'Average', 60)")));
                        case "GetCallerIdentity" -> connection::identity;
                        default ->
                            () -> connection.cloudFormation().describeStacks(r -> r.stackName(NutriSageStack.ENV));
                    };

            AwsAccessException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    AwsAccessException.class, () -> connection.call(label, call));

            assertThat(e.problem().kind()).isEqualTo(Kind.UNREADABLE_RESPONSE);
            assertThat(e.problem().message())
                    .startsWith(label + ": AWS sent a response the console cannot read (")
                    .containsAnyOf(
                            "Unexpected character ('<'", "Invalid CBOR value token", "\"meta\" must be terminated")
                    .doesNotContain("network", "thirdparty", "Exception", "\n", "\tat ");
            assertThat(e.problem().kind().needsUserAction()).isFalse();
        }
    }
}
