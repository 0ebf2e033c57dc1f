package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy and scripts/delete driven against a stand-in {@code aws} command (no AWS account is reachable
 * here): the order of stacks, change-set handling, --dry-run and the bucket emptying before its stack.
 */
class DeployScriptsTest {

    private static final List<String> ORDER =
            List.of("network", "ecr", "cluster", "service", "autoscaling", "monitoring", "loadtest", "console-access");

    @TempDir
    Path fakeAwsDirectory;

    record Run(int exitCode, String output, List<String> calls) {
        List<String> callsContaining(String text) {
            return calls.stream().filter(call -> call.contains(text)).toList();
        }
    }

    @BeforeEach
    void installFakeAws() throws IOException {
        Path aws = fakeAwsDirectory.resolve("aws");
        Files.copy(Path.of("src/test/resources/fake-aws/aws"), aws, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
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
                    .contains("ParameterKey=EnvironmentName,ParameterValue=nutrisage")
                    .contains("--capabilities CAPABILITY_NAMED_IAM");
            assertThat(run.output()).contains("| Add | nutrisage-" + ORDER.get(i) + "-Resource |");
        }
        assertThat(created.get(3)).contains("ParameterKey=ImageTag,ParameterValue=abc123");
        assertThat(run.callsContaining("execute-change-set")).isEmpty();
        assertThat(run.callsContaining("delete-change-set")).hasSize(ORDER.size());
        // CREATE change sets leave REVIEW_IN_PROGRESS stacks behind; a dry run removes them.
        assertThat(run.callsContaining("delete-stack")).hasSize(ORDER.size());
        assertThat(run.output()).contains("DRY RUN").contains("dry run: not executed");
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
        assertThat(run.callsContaining("ParameterKey=EnableNatGateway,ParameterValue=true"))
                .singleElement()
                .asString()
                .contains("--stack-name nutrisage-network ");
        assertThat(run.callsContaining("ParameterKey=ImageTag,ParameterValue=lg7"))
                .singleElement()
                .asString()
                .contains("--stack-name nutrisage-loadtest ");
        assertThat(run.callsContaining("ecr describe-images --repository-name nutrisage/predictor"))
                .singleElement()
                .asString()
                .contains("imageTag=abc123");
        assertThat(run.output()).contains("Target URL: http://nutrisage-123.eu-west-1.elb.amazonaws.com");
    }

    @Test
    void deployRejectsAnUnknownStackBeforeCallingAws() throws Exception {
        Run run = run(true, "scripts/deploy", "--only", "netwerk");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("deploy: --only: no stack 'netwerk'");
        assertThat(run.calls()).isEmpty();
    }

    @Test
    void deployOfTheServiceWithoutAnImageTagFailsBeforeChangingAnything() throws Exception {
        Run run = run(true, "scripts/deploy", "--only", "service");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("the predictor image tag is missing: pass --image-tag");
        assertThat(run.callsContaining("create-change-set")).isEmpty();
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
                        "Bucket nutrisage-loadtest-databucket-abc: 5 object versions and delete markers would be deleted.")
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

    private Run run(boolean stacksExist, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("bash"));
        arguments.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("PATH", fakeAwsDirectory + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_AWS_DIR", fakeAwsDirectory.toString());
        builder.environment().put("FAKE_STACKS_EXIST", stacksExist ? "1" : "0");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("script did not finish: " + List.of(command));
        }
        Path log = fakeAwsDirectory.resolve("calls.log");
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(process.exitValue(), output, calls);
    }
}
