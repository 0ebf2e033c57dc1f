package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy and scripts/delete driven against a stand-in {@code aws} command (no AWS account is reachable
 * here): the order of stacks, change-set handling and parameters, error handling, --dry-run, and what delete
 * removes before each stack. The fake's behaviour is switched per run with {@code FAKE_*} environment variables
 * (see src/test/resources/fake-aws/aws).
 */
class DeployScriptsTest {

    private static final List<String> ORDER =
            List.of("network", "ecr", "cluster", "service", "autoscaling", "monitoring", "loadtest", "console-access");

    /** How {@link #parametersOf} shows a parameter passed with {@code UsePreviousValue=true}. */
    private static final String PREVIOUS = "<UsePreviousValue>";

    private static final String EXPIRED =
            "An error occurred (ExpiredToken) when calling the DescribeStacks operation: The security token included in the request is expired";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path fakeAwsDirectory;

    record Run(int exitCode, String output, List<String> calls) {
        List<String> callsContaining(String text) {
            return calls.stream().filter(call -> call.contains(text)).toList();
        }

        /** Position of the first call containing every text, -1 if none. */
        int indexOf(String... texts) {
            return IntStream.range(0, calls.size())
                    .filter(i -> List.of(texts).stream().allMatch(calls.get(i)::contains))
                    .findFirst()
                    .orElse(-1);
        }

        /** The lines the script printed as its error (prefix "deploy: " or "delete: "). */
        List<String> errorLines(String script) {
            return output.lines().filter(line -> line.startsWith(script + ": ")).toList();
        }
    }

    @BeforeEach
    void installFakeAws() throws IOException {
        Path aws = fakeAwsDirectory.resolve("aws");
        Files.copy(Path.of("src/test/resources/fake-aws/aws"), aws, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The deployed stacks have every parameter of their template (as SnakeYAML reads it).
        Files.createDirectories(fakeAwsDirectory.resolve("parameters"));
        for (Stacks.Stack stack : Stacks.all()) {
            deployedParameters(stack.suffix(), templateParameters(stack.suffix()));
        }
    }

    @Test
    void dryRunCreatesPrintsAndDeletesEveryChangeSetInDependencyOrder() throws Exception {
        Run run = run(false, "scripts/deploy", "--dry-run", "--image-tag", "abc123");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> created = run.callsContaining("create-change-set");
        assertThat(created).hasSize(ORDER.size());
        for (int i = 0; i < ORDER.size(); i++) {
            assertThat(created.get(i))
                    .contains("--stack-name nutrisage-" + ORDER.get(i) + " ")
                    .contains("--change-set-type CREATE")
                    .contains("templates/" + ORDER.get(i) + ".yaml")
                    .contains("--capabilities CAPABILITY_NAMED_IAM");
            assertThat(parametersOf(run, ORDER.get(i))).containsEntry("EnvironmentName", "nutrisage");
            assertThat(run.output()).contains("| Add | nutrisage-" + ORDER.get(i) + "-Resource |");
        }
        assertThat(parametersOf(run, "service")).containsEntry("ImageTag", "abc123");
        assertThat(run.callsContaining("execute-change-set")).isEmpty();
        assertThat(run.callsContaining("delete-change-set")).hasSize(ORDER.size());
        // CREATE change sets leave REVIEW_IN_PROGRESS stacks behind; a dry run removes them.
        assertThat(run.callsContaining("delete-stack")).hasSize(ORDER.size());
        assertThat(run.output()).contains("DRY RUN").contains("dry run: not executed");
    }

    @Test
    void dryRunWaitsUntilTheEmptyReviewStackIsDeletedBeforeGoingOn() throws Exception {
        Run run = run(false, "scripts/deploy", "--dry-run", "--image-tag", "abc123");

        assertThat(run.exitCode()).as(run.output()).isZero();
        for (int i = 0; i < ORDER.size(); i++) {
            String stack = "--stack-name nutrisage-" + ORDER.get(i);
            int deleted = run.indexOf("cloudformation delete-stack", stack);
            int waited = run.indexOf("wait stack-delete-complete", stack);
            assertThat(deleted).as(ORDER.get(i)).isNotNegative();
            assertThat(waited).as(ORDER.get(i)).isGreaterThan(deleted);
            if (i + 1 < ORDER.size()) {
                assertThat(run.indexOf("create-change-set", "--stack-name nutrisage-" + ORDER.get(i + 1) + " "))
                        .isGreaterThan(waited);
            }
        }

        // The fake keeps a deleted stack DELETE_IN_PROGRESS until someone waits: a rerun right away finds none.
        Run rerun = run(false, "scripts/deploy", "--dry-run", "--image-tag", "abc123");
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        assertThat(rerun.output()).doesNotContain("is being deleted");
    }

    @Test
    void deployExecutesUpdateChangeSetsInOrderAndPassesParametersToTheirStackOnly() throws Exception {
        Run run = run(
                true,
                "scripts/deploy",
                "--image-tag",
                "abc123",
                "--loadgen-tag",
                "lg7",
                "--param",
                "network.EnableNatGateway=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> executed = run.callsContaining("execute-change-set");
        assertThat(executed).hasSize(ORDER.size());
        for (int i = 0; i < ORDER.size(); i++) {
            assertThat(executed.get(i)).contains("--stack-name nutrisage-" + ORDER.get(i) + " ");
        }
        assertThat(run.callsContaining("--change-set-type UPDATE")).hasSize(ORDER.size());
        assertThat(run.callsContaining("wait stack-update-complete")).hasSize(ORDER.size());
        assertThat(run.callsContaining("\"ParameterKey\":\"EnableNatGateway\",\"ParameterValue\":\"true\""))
                .singleElement()
                .asString()
                .contains("--stack-name nutrisage-network ");
        assertThat(parametersOf(run, "loadtest")).containsEntry("ImageTag", "lg7");
        assertThat(parametersOf(run, "service")).containsEntry("ImageTag", "abc123");
        assertThat(run.callsContaining("ecr describe-images --repository-name nutrisage/predictor"))
                .singleElement()
                .asString()
                .contains("imageTag=abc123");
        assertThat(run.output()).contains("Target URL: http://nutrisage-123.eu-west-1.elb.amazonaws.com");
    }

    @Test
    void anUpdatePassesEveryTemplateParameterNotGivenWithUsePreviousValue() throws Exception {
        Run run = run(
                true,
                "scripts/deploy",
                "--image-tag",
                "abc123",
                "--param",
                "network.EnableNatGateway=true",
                "--param",
                "monitoring.AlarmEmail=ops@example.com");

        assertThat(run.exitCode()).as(run.output()).isZero();
        // Every parameter of every template (as SnakeYAML reads it) is passed exactly once: given or kept.
        for (String suffix : ORDER) {
            Map<String, String> passed = parametersOf(run, suffix);
            assertThat(passed)
                    .as(suffix)
                    .containsKeys(templateParameters(suffix).toArray(String[]::new));
            templateParameters(suffix).stream()
                    // Given, or wired from an earlier stack's output by stacks.conf.
                    .filter(key -> !List.of(
                                    "EnvironmentName",
                                    "ImageTag",
                                    "EnableNatGateway",
                                    "AlarmEmail",
                                    "TaskSubnets",
                                    "TaskAssignPublicIp",
                                    "TargetUrl")
                            .contains(key))
                    .forEach(key -> assertThat(passed).as(suffix).containsEntry(key, PREVIOUS));
        }
        assertThat(parametersOf(run, "network"))
                .containsEntry("EnableNatGateway", "true")
                .containsEntry("VpcCidr", PREVIOUS);
        assertThat(parametersOf(run, "monitoring")).containsEntry("AlarmEmail", "ops@example.com");

        // Left out next time: the deployed values stay (not the template defaults false and "").
        Run again = run(true, "scripts/deploy", "--image-tag", "abc124", "--only", "network,monitoring");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(parametersOf(again, "network")).containsEntry("EnableNatGateway", PREVIOUS);
        assertThat(parametersOf(again, "monitoring")).containsEntry("AlarmEmail", PREVIOUS);
        assertThat(again.callsContaining("\"ParameterKey\":\"EnableNatGateway\",\"UsePreviousValue\":true"))
                .singleElement()
                .asString()
                .contains("--stack-name nutrisage-network ");
    }

    @Test
    void anUpdateLeavesOutATemplateParameterTheDeployedStackDoesNotHaveYet() throws Exception {
        // UsePreviousValue for a parameter new in the template is rejected by CloudFormation: its default applies.
        List<String> deployed = new ArrayList<>(templateParameters("monitoring"));
        deployed.remove("LoadBalancer5xxPerMinuteThreshold");
        deployedParameters("monitoring", deployed);

        Run run = run(true, "scripts/deploy", "--only", "monitoring");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(parametersOf(run, "monitoring"))
                .doesNotContainKey("LoadBalancer5xxPerMinuteThreshold")
                .containsEntry("LatencyP90ThresholdMs", PREVIOUS);
    }

    @Test
    void aCreatePassesOnlyTheGivenValues() throws Exception {
        Run run = run(
                false, "scripts/deploy", "--dry-run", "--only", "network", "--param", "network.EnableNatGateway=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(parametersOf(run, "network"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("EnvironmentName", "nutrisage", "EnableNatGateway", "true"));
        assertThat(run.callsContaining("UsePreviousValue")).isEmpty();
    }

    @Test
    void anUpdateWithoutAnImageTagKeepsTheDeployedTags() throws Exception {
        Run run = run(true, "scripts/deploy", "--only", "service,loadtest");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(parametersOf(run, "service")).containsEntry("ImageTag", PREVIOUS);
        assertThat(parametersOf(run, "loadtest")).containsEntry("ImageTag", PREVIOUS);
        assertThat(run.callsContaining("ecr describe-images")).isEmpty();
    }

    @Test
    void creatingTheServiceWithoutAnImageTagFailsBeforeChangingAnything() throws Exception {
        Run run = run(false, "scripts/deploy");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("the image tag for nutrisage-service is missing")
                .contains("pass --image-tag");
        assertThat(run.callsContaining("create-change-set")).isEmpty();
    }

    @Test
    void deployRejectsAnUnknownStackBeforeCallingAws() throws Exception {
        Run run = run(true, "scripts/deploy", "--only", "netwerk");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("deploy: --only: no stack 'netwerk'");
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void deployRejectsAParameterTheTemplateDoesNotHaveBeforeCallingAws() throws Exception {
        Run run = run(true, "scripts/deploy", "--param", "network.EnableNatGatway=true");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("templates/network.yaml has no parameter EnableNatGatway")
                .contains("EnableNatGateway");
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void deployPrintsTheAccountAndRegionBeforeAnythingElse() throws Exception {
        Run run = run(true, "scripts/deploy", "--only", "network");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().findFirst())
                .hasValue("AWS account 123456789012, region eu-west-1, environment nutrisage");
        assertThat(run.calls().getFirst()).isEqualTo("sts get-caller-identity --query Account --output text");
    }

    @Test
    void deployTakesTheRegionFromTheAwsConfigurationAndStopsWithoutOne() throws Exception {
        Run configured = run(
                Map.of("FAKE_STACKS_EXIST", "1", "AWS_REGION", "", "FAKE_CONFIGURED_REGION", "us-east-2"),
                "scripts/deploy",
                "--only",
                "network");
        assertThat(configured.exitCode()).as(configured.output()).isZero();
        assertThat(configured.output()).startsWith("AWS account 123456789012, region us-east-2,");

        Run none = run(Map.of("FAKE_STACKS_EXIST", "1", "AWS_REGION", ""), "scripts/deploy", "--only", "network");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("no AWS region is set: export AWS_REGION=");
        assertThat(none.calls()).containsExactly("configure get region");
    }

    @Test
    void deployStopsOnExpiredCredentialsBeforeReadingAnyStack() throws Exception {
        String expired =
                "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired";
        Run run =
                run(Map.of("FAKE_STACKS_EXIST", "1", "FAKE_STS_ERROR", expired), "scripts/deploy", "--only", "network");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("the AWS credentials do not work")
                .contains(expired)
                .contains("aws sso login");
        assertThat(run.callsContaining("cloudformation")).isEmpty();
    }

    @Test
    void anExpiredTokenFromDescribeStacksStopsDeployInsteadOfCreatingTheStack() throws Exception {
        // Read as "does not exist", the dry run would go on to create every stack.
        for (List<String> options :
                List.of(List.of("--image-tag", "abc123"), List.of("--dry-run", "--image-tag", "abc123"))) {
            String mode = String.join(" ", options);
            List<String> command = new ArrayList<>(List.of("scripts/deploy"));
            command.addAll(options);
            Run run = run(Map.of("FAKE_DESCRIBE_STACKS_ERROR", EXPIRED), command.toArray(String[]::new));

            assertThat(run.exitCode()).as(mode).isEqualTo(1);
            assertThat(run.errorLines("deploy"))
                    .as(mode)
                    .singleElement()
                    .asString()
                    .contains("reading stack nutrisage-")
                    .contains(EXPIRED)
                    .contains("aws sso login");
            assertThat(run.output()).as(mode).doesNotContainPattern("line \\d+:");
            assertThat(run.callsContaining("create-change-set")).as(mode).isEmpty();
        }
    }

    @Test
    void accessDeniedIsNotMistakenForAMissingStack() throws Exception {
        String denied = "An error occurred (AccessDenied) when calling the DescribeStacks operation: User: "
                + "arn:aws:iam::123456789012:user/bob is not authorized to perform: cloudformation:DescribeStacks";
        Run run = run(Map.of("FAKE_DESCRIBE_STACKS_ERROR", denied), "scripts/deploy", "--only", "network");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("reading stack nutrisage-network failed: " + denied)
                .contains("use credentials allowed to deploy");
        assertThat(run.callsContaining("create-change-set")).isEmpty();
    }

    @Test
    void aStackBeingDeletedIsWaitedForAndThenCreated() throws Exception {
        Run run = run(
                Map.of("FAKE_STATUS", "nutrisage-network=DELETE_IN_PROGRESS"), "scripts/deploy", "--only", "network");

        assertThat(run.exitCode()).as(run.output()).isZero();
        int waited = run.indexOf("wait stack-delete-complete --stack-name nutrisage-network");
        assertThat(waited).isNotNegative();
        assertThat(run.indexOf("create-change-set", "--change-set-type CREATE")).isGreaterThan(waited);
        assertThat(run.output()).contains("nutrisage-network is being deleted: waiting");
    }

    @Test
    void aReviewInProgressStackIsCreatedUnlessAnotherChangeSetIsPending() throws Exception {
        Run run = run(
                Map.of("FAKE_STATUS", "nutrisage-network=REVIEW_IN_PROGRESS"), "scripts/deploy", "--only", "network");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.callsContaining("--change-set-type CREATE")).hasSize(1);

        Files.delete(fakeAwsDirectory.resolve("status/nutrisage-network"));
        Run pending = run(
                Map.of(
                        "FAKE_STATUS", "nutrisage-network=REVIEW_IN_PROGRESS",
                        "FAKE_PENDING_CHANGE_SETS", "nutrisage-network=deploy-20250101-120000"),
                "scripts/deploy",
                "--only",
                "network");
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("nutrisage-network has a pending change set (deploy-20250101-120000)")
                .contains("aws cloudformation delete-stack --stack-name nutrisage-network");
        assertThat(pending.callsContaining("create-change-set")).isEmpty();
    }

    @Test
    void aRollbackCompleteStackIsAClearError() throws Exception {
        Run run = run(
                Map.of("FAKE_STATUS", "nutrisage-network=ROLLBACK_COMPLETE"), "scripts/deploy", "--only", "network");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("nutrisage-network is ROLLBACK_COMPLETE")
                .contains("delete-stack --stack-name nutrisage-network");
        assertThat(run.callsContaining("create-change-set")).isEmpty();
    }

    @Test
    void theWiringPassesNetworkAndServiceOutputsAsParameters() throws Exception {
        Run run = run(true, "scripts/deploy", "--image-tag", "abc123");

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, String> wired =
                Map.of("TaskSubnets", "subnet-0aaa1111,subnet-0bbb2222", "TaskAssignPublicIp", "ENABLED");
        assertThat(parametersOf(run, "service")).containsAllEntriesOf(wired).doesNotContainKey("TargetUrl");
        assertThat(parametersOf(run, "loadtest"))
                .containsAllEntriesOf(wired)
                .containsEntry("TargetUrl", "http://nutrisage-123.eu-west-1.elb.amazonaws.com");
        for (String other : List.of("network", "ecr", "cluster", "autoscaling", "monitoring", "console-access")) {
            assertThat(parametersOf(run, other)).as(other).doesNotContainKeys("TaskSubnets", "TargetUrl");
        }
        assertThat(run.callsContaining(
                        "--stack-name nutrisage-network --query Stacks[0].Outputs[?OutputKey=='TaskSubnets']"))
                .hasSize(2);

        // A --param wins over the wiring.
        Run overridden =
                run(true, "scripts/deploy", "--only", "service", "--param", "service.TaskSubnets=subnet-x,subnet-y");
        assertThat(overridden.exitCode()).as(overridden.output()).isZero();
        assertThat(parametersOf(overridden, "service")).containsEntry("TaskSubnets", "subnet-x,subnet-y");
        assertThat(overridden.callsContaining("'TaskSubnets'")).isEmpty();
    }

    @Test
    void aDryRunWarnsAndSkipsAWiredParameterWhoseStackDoesNotExistYet() throws Exception {
        Run run = run(
                Map.of("FAKE_CHANGE_SET_INVALID", "nutrisage-service nutrisage-loadtest"),
                "scripts/deploy",
                "--dry-run",
                "--image-tag",
                "abc123");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains(
                        "warning: nutrisage-network has no TaskSubnets output yet (not deployed): TaskSubnets not passed")
                .contains("warning: nutrisage-service has no TargetUrl output yet (not deployed): TargetUrl not passed")
                .contains("change set FAILED: An error occurred (ValidationError) when calling the CreateChangeSet "
                        + "operation: Parameters: [TaskSubnets] must have values");
        assertThat(parametersOf(run, "service")).doesNotContainKeys("TaskSubnets", "TaskAssignPublicIp");
        // The stacks after it are still tried.
        assertThat(run.callsContaining("create-change-set")).hasSize(ORDER.size());
        assertThat(run.callsContaining("delete-change-set")).hasSize(ORDER.size() - 2);
    }

    @Test
    void aRealDeployStopsWhenAWiredOutputIsMissing() throws Exception {
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_STATUS", "nutrisage-network=ABSENT"),
                "scripts/deploy",
                "--only",
                "service",
                "--image-tag",
                "abc123");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("deploy"))
                .singleElement()
                .asString()
                .contains("nutrisage-service needs the TaskSubnets output of nutrisage-network, which is missing")
                .contains("--only network");
        assertThat(run.callsContaining("create-change-set")).isEmpty();
    }

    @Test
    void aSecondEnvironmentUsesOnlyItsOwnStacksAndNames() throws Exception {
        Run deploy = run(true, "scripts/deploy", "--environment", "rehearsal", "--image-tag", "abc123");

        assertThat(deploy.exitCode()).as(deploy.output()).isZero();
        for (String suffix : ORDER) {
            assertThat(deploy.callsContaining("create-change-set --stack-name rehearsal-" + suffix + " "))
                    .hasSize(1);
            assertThat(parametersOf(deploy, "rehearsal", suffix)).containsEntry("EnvironmentName", "rehearsal");
        }
        assertThat(parametersOf(deploy, "rehearsal", "loadtest"))
                .containsEntry("TargetUrl", "http://rehearsal-123.eu-west-1.elb.amazonaws.com");
        assertThat(deploy.callsContaining("ecr describe-images --repository-name rehearsal/predictor"))
                .hasSize(1);
        assertThat(withoutTagKeys(deploy.calls())).noneMatch(call -> call.contains("nutrisage-"));

        Run delete = run(
                Map.of(
                        "FAKE_STACKS_EXIST",
                        "1",
                        "FAKE_LOADTEST_TASKS",
                        "arn:aws:ecs:eu-west-1:123456789012:task/rehearsal-cluster/t1",
                        "FAKE_POLICY_USERS",
                        "alice"),
                "scripts/delete",
                "--environment",
                "rehearsal",
                "--yes");
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        assertThat(delete.callsContaining("ecs list-tasks --cluster rehearsal-cluster --family rehearsal-loadgen"))
                .hasSize(1);
        assertThat(
                        delete.callsContaining(
                                "detach-user-policy --user-name alice --policy-arn arn:aws:iam::123456789012:policy/rehearsal-console"))
                .hasSize(1);
        assertThat(delete.callsContaining("delete-stack --stack-name rehearsal-"))
                .hasSize(ORDER.size());
        assertThat(delete.calls()).noneMatch(call -> call.contains("nutrisage-"));
    }

    @Test
    void deleteDryRunListsStacksInReverseOrderAndDeletesNothing() throws Exception {
        Run run = run(true, "scripts/delete", "--dry-run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> listed = run.output()
                .lines()
                .filter(line -> line.startsWith("  nutrisage-"))
                .map(String::strip)
                .toList();
        assertThat(listed)
                .containsExactlyElementsOf(ORDER.reversed().stream()
                        .map(suffix -> "nutrisage-" + suffix)
                        .toList());
        assertThat(run.output())
                .contains(
                        "bucket nutrisage-loadtest-databucket-abc: 5 object versions and delete markers would be deleted")
                .contains("DRY RUN: nothing deleted.");
        assertThat(run.callsContaining("delete-stack")).isEmpty();
        assertThat(run.callsContaining("delete-objects")).isEmpty();
    }

    @Test
    void deleteEmptiesTheBucketThenDeletesStacksInReverseOrder() throws Exception {
        Run run = run(true, "scripts/delete", "--yes");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> deletions = run.calls().stream()
                .filter(call -> call.contains("delete-stack") || call.contains("delete-objects"))
                .map(call ->
                        call.contains("delete-objects") ? "empty bucket" : call.substring(call.indexOf("nutrisage-")))
                .toList();
        List<String> expected = new ArrayList<>();
        for (String suffix : ORDER.reversed()) {
            if (suffix.equals("loadtest")) {
                expected.add("empty bucket");
            }
            expected.add("nutrisage-" + suffix);
        }
        assertThat(deletions).containsExactlyElementsOf(expected);
        assertThat(run.callsContaining("wait stack-delete-complete")).hasSize(ORDER.size());
    }

    @Test
    void deletePrintsTheAccountFirstAndStopsOnBadCredentials() throws Exception {
        Run run = run(true, "scripts/delete", "--dry-run");
        assertThat(run.output().lines().findFirst())
                .hasValue("AWS account 123456789012, region eu-west-1, environment nutrisage");

        String invalid = "An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: "
                + "The security token included in the request is invalid.";
        Run bad = run(Map.of("FAKE_STACKS_EXIST", "1", "FAKE_STS_ERROR", invalid), "scripts/delete", "--yes");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.errorLines("delete"))
                .singleElement()
                .asString()
                .contains("The security token included in the request is invalid")
                .contains("aws sso login");
        assertThat(bad.callsContaining("cloudformation")).isEmpty();
    }

    @Test
    void anExpiredTokenStopsDeleteInsteadOfReportingThatNoStackExists() throws Exception {
        Run run =
                run(Map.of("FAKE_STACKS_EXIST", "1", "FAKE_DESCRIBE_STACKS_ERROR", EXPIRED), "scripts/delete", "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).doesNotContain("No NutriSage stacks");
        assertThat(run.errorLines("delete"))
                .singleElement()
                .asString()
                .contains("reading stack nutrisage-console-access failed: " + EXPIRED)
                .contains("aws sso login");
        assertThat(run.callsContaining("delete-stack")).isEmpty();
    }

    @Test
    void deleteDetachesTheConsolePolicyFromEveryRoleUserAndGroupBeforeDeletingItsStack() throws Exception {
        Run run = run(
                Map.of(
                        "FAKE_STACKS_EXIST", "1",
                        "FAKE_POLICY_ROLES", "ops-admin console-runner",
                        "FAKE_POLICY_USERS", "alice",
                        "FAKE_POLICY_GROUPS", "operators",
                        "FAKE_ATTACH_TO_ROLE", "console-runner"),
                "scripts/delete",
                "--yes",
                "--only",
                "console-access");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String policy = "--policy-arn arn:aws:iam::123456789012:policy/nutrisage-console";
        int deleted = run.indexOf("delete-stack --stack-name nutrisage-console-access");
        for (String detach : List.of(
                "iam detach-role-policy --role-name ops-admin " + policy,
                "iam detach-user-policy --user-name alice " + policy,
                "iam detach-group-policy --group-name operators " + policy)) {
            assertThat(run.indexOf(detach)).as(detach).isNotNegative().isLessThan(deleted);
        }
        // The role the stack attaches itself (AttachToRole) is CloudFormation's to detach.
        assertThat(run.callsContaining("--role-name console-runner")).isEmpty();
    }

    @Test
    void deleteStopsRunningLoadTestTasksBeforeDeletingTheLoadtestStack() throws Exception {
        String first = "arn:aws:ecs:eu-west-1:123456789012:task/nutrisage-cluster/0a1";
        String second = "arn:aws:ecs:eu-west-1:123456789012:task/nutrisage-cluster/0b2";
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_LOADTEST_TASKS", first + " " + second),
                "scripts/delete",
                "--yes");

        assertThat(run.exitCode()).as(run.output()).isZero();
        int listed = run.indexOf(
                "ecs list-tasks --cluster nutrisage-cluster --family nutrisage-loadgen --desired-status RUNNING");
        int stoppedFirst = run.indexOf("ecs stop-task --cluster nutrisage-cluster --task " + first);
        int stoppedSecond = run.indexOf("ecs stop-task --cluster nutrisage-cluster --task " + second);
        int waited = run.indexOf("ecs wait tasks-stopped --cluster nutrisage-cluster --tasks " + first + " " + second);
        int deleted = run.indexOf("delete-stack --stack-name nutrisage-loadtest");
        assertThat(listed).isNotNegative();
        assertThat(stoppedFirst).isGreaterThan(listed);
        assertThat(stoppedSecond).isGreaterThan(listed);
        assertThat(waited).isGreaterThan(Math.max(stoppedFirst, stoppedSecond));
        assertThat(deleted).isGreaterThan(waited);
        assertThat(run.calls().get(stoppedFirst)).contains("--reason");
    }

    @Test
    void deleteDryRunListsThePolicyAttachmentsAndTasksItWouldRemove() throws Exception {
        String task = "arn:aws:ecs:eu-west-1:123456789012:task/nutrisage-cluster/0a1";
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_LOADTEST_TASKS", task, "FAKE_POLICY_USERS", "alice"),
                "scripts/delete",
                "--dry-run");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("would detach arn:aws:iam::123456789012:policy/nutrisage-console from user alice")
                .contains("would stop load-test task " + task);
        assertThat(run.callsContaining("detach-")).isEmpty();
        assertThat(run.callsContaining("stop-task")).isEmpty();
        assertThat(run.callsContaining("delete-stack")).isEmpty();
    }

    @Test
    void deleteWaitsForAStackThatIsAlreadyBeingDeleted() throws Exception {
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_STATUS", "nutrisage-monitoring=DELETE_IN_PROGRESS"),
                "scripts/delete",
                "--yes");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.callsContaining("delete-stack --stack-name nutrisage-monitoring"))
                .isEmpty();
        int waited = run.indexOf("wait stack-delete-complete --stack-name nutrisage-monitoring");
        assertThat(waited).isNotNegative();
        assertThat(run.indexOf("delete-stack --stack-name nutrisage-autoscaling"))
                .isGreaterThan(waited);
        assertThat(run.output()).contains("nutrisage-monitoring: already being deleted, waiting for it");
    }

    @Test
    void deleteRetriesADeleteFailedStackAndReportsItsFailedResources() throws Exception {
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_STATUS", "nutrisage-loadtest=DELETE_FAILED"),
                "scripts/delete",
                "--yes");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains(
                        "== deleting nutrisage-loadtest\n  an earlier delete failed on these resources; deleting it again:")
                .contains("LoadTestSecurityGroup (AWS::EC2::SecurityGroup): resource sg-0123 has a dependent object");
        int emptied = run.indexOf("s3api delete-objects");
        assertThat(emptied).isNotNegative();
        assertThat(run.indexOf("delete-stack --stack-name nutrisage-loadtest")).isGreaterThan(emptied);
    }

    @Test
    void deleteStopsWithTheFailedResourcesWhenAStackCannotBeDeleted() throws Exception {
        Run run = run(
                Map.of("FAKE_STACKS_EXIST", "1", "FAKE_DELETE_FAILS", "nutrisage-loadtest"), "scripts/delete", "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("LoadTestSecurityGroup (AWS::EC2::SecurityGroup): resource sg-0123");
        assertThat(run.errorLines("delete"))
                .singleElement()
                .asString()
                .contains("nutrisage-loadtest was not deleted (DELETE_FAILED)")
                .contains("rerun delete");
        assertThat(run.callsContaining("delete-stack --stack-name nutrisage-monitoring"))
                .isEmpty();
    }

    @Test
    void deleteWithoutConfirmationDeletesNothing() throws Exception {
        Run run = run(true, "scripts/delete");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errorLines("delete")).singleElement().asString().contains("not confirmed");
        assertThat(run.callsContaining("delete-stack")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------

    /** The template's parameter names, as SnakeYAML reads them. */
    private static List<String> templateParameters(String suffix) {
        return List.copyOf(Paths.map(Stacks.named(suffix).parse(), "Parameters").keySet());
    }

    /** The parameter names the fake reports for the deployed stack. */
    private void deployedParameters(String suffix, List<String> keys) throws IOException {
        Files.writeString(fakeAwsDirectory.resolve("parameters").resolve(suffix), String.join(" ", keys) + "\n");
    }

    private static Map<String, String> parametersOf(Run run, String suffix) throws IOException {
        return parametersOf(run, "nutrisage", suffix);
    }

    /** The --parameters JSON of the stack's create-change-set call: key to value, or {@link #PREVIOUS}. */
    private static Map<String, String> parametersOf(Run run, String environment, String suffix) throws IOException {
        List<String> calls = run.callsContaining("create-change-set --stack-name " + environment + "-" + suffix + " ");
        assertThat(calls).as("create-change-set of " + suffix).hasSize(1);
        String call = calls.getFirst();
        int start = call.indexOf("--parameters ") + "--parameters ".length();
        int end = call.indexOf(" --capabilities ", start);
        List<Map<String, Object>> parameters =
                JSON.readValue(call.substring(start, end), new TypeReference<List<Map<String, Object>>>() {});
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Map<String, Object> parameter : parameters) {
            String key = (String) parameter.get("ParameterKey");
            boolean previous = Boolean.TRUE.equals(parameter.get("UsePreviousValue"));
            assertThat(previous ^ parameter.containsKey("ParameterValue"))
                    .as("exactly one of ParameterValue and UsePreviousValue for " + key)
                    .isTrue();
            assertThat(byKey.put(key, previous ? PREVIOUS : (String) parameter.get("ParameterValue")))
                    .as("passed twice: " + key)
                    .isNull();
        }
        return byKey;
    }

    /** The calls without the fixed tag key {@code nutrisage-environment} (not a name) and the checkout's path. */
    private static List<String> withoutTagKeys(List<String> calls) {
        return calls.stream()
                .map(call -> call.replace("Key=nutrisage-environment,", "").replace(Stacks.MODULE.toString(), ""))
                .toList();
    }

    private Run run(boolean stacksExist, String... command) throws Exception {
        return run(Map.of("FAKE_STACKS_EXIST", stacksExist ? "1" : "0"), command);
    }

    /** Runs a script with the fake first on PATH; {@code environment} sets FAKE_* switches ("" removes a variable). */
    private Run run(Map<String, String> environment, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("bash"));
        arguments.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("FAKE_"));
        Map<String, String> settings = new HashMap<>(Map.of("AWS_REGION", "eu-west-1"));
        settings.putAll(environment);
        settings.forEach((name, value) -> {
            if (!value.isEmpty()) {
                env.put(name, value);
            }
        });
        env.put("PATH", fakeAwsDirectory + ":" + System.getenv("PATH"));
        env.put("FAKE_AWS_DIR", fakeAwsDirectory.toString());
        Path log = fakeAwsDirectory.resolve("calls.log");
        Files.deleteIfExists(log); // each run's own calls (the stack statuses stay)
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("script did not finish: " + List.of(command));
        }
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(process.exitValue(), output, calls);
    }
}
