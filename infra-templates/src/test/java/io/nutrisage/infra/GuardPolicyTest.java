package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.cfn.CfnGuard;
import io.nutrisage.infra.cfn.ValidationTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cfn-guard policy rules: the project's own (rules/nutrisage.guard) and the AWS Control Tower rules chosen in
 * rules/control-tower-rules.txt, both run with the cfn-guard binary from npm @cdklabs/cdk-validator-cfnguard.
 */
class GuardPolicyTest {

    private static final Path OWN_RULES = Path.of("rules/nutrisage.guard");
    private static final Path CONTROL_TOWER_SELECTION = Path.of("rules/control-tower-rules.txt");
    private static final Path BROKEN = Path.of("src/test/resources/broken/policy-violations.yaml");

    private static CfnGuard guard;
    private static List<Decision> decisions;

    record Decision(boolean apply, String rule, String reason) {}

    @BeforeAll
    static void locateTools() throws IOException {
        guard = new CfnGuard(ValidationTools.cfnGuard());
        decisions = Files.readAllLines(CONTROL_TOWER_SELECTION).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+", 3))
                .map(fields -> new Decision(fields[0].equals("apply"), fields[1], fields.length > 2 ? fields[2] : ""))
                .toList();
    }

    private static List<Path> appliedRules() {
        List<Path> rules = new ArrayList<>(List.of(OWN_RULES));
        decisions.stream()
                .filter(Decision::apply)
                .map(decision -> ValidationTools.controlTowerRules().resolve(decision.rule()))
                .forEach(rules::add);
        return rules;
    }

    @ParameterizedTest
    @MethodSource("io.nutrisage.infra.Stacks#withOptional")
    void everyTemplatePassesOwnAndControlTowerRules(Stacks.Stack stack) {
        CfnGuard.Result result = guard.validate(stack.template(), appliedRules());

        assertThat(result.passed()).as(result.output()).isTrue();
    }

    @Test
    void brokenTemplateViolatesEveryOwnRule() throws IOException {
        CfnGuard.Result result = guard.validate(BROKEN, List.of(OWN_RULES));

        assertThat(result.exitCode()).isEqualTo(CfnGuard.VIOLATION);
        assertThat(failedRules(result.output())).containsExactlyInAnyOrderElementsOf(ownRuleNames());
        assertThat(result.output())
                .contains("[NUTRISAGE.FARGATE]: ECS services run on Fargate")
                .contains("[NUTRISAGE.AWSLOGS]: Every container logs with the awslogs driver")
                .contains("[NUTRISAGE.CONTAINER_INSIGHTS]: ECS clusters have Container Insights enabled")
                .contains("[NUTRISAGE.SCALING_POLICIES]: An ECS scalable target has a target-tracking policy on"
                        + " ALBRequestCountPerTarget")
                .contains("[NUTRISAGE.TASK_INGRESS]: Ingress to the task port 8000 never comes from an IPv4 CIDR")
                .contains("[NUTRISAGE.TASK_INGRESS]: No ingress rule opens all protocols")
                .contains("[NUTRISAGE.LOG_RETENTION]: Log groups have a retention period")
                .contains("[NUTRISAGE.IAM_ACTION]: IAM policies never allow Action \"*\"");
    }

    @Test
    void brokenTemplateViolatesControlTowerRules() {
        CfnGuard.Result result = guard.validate(BROKEN, appliedRules());

        assertThat(result.exitCode()).isEqualTo(CfnGuard.VIOLATION);
        assertThat(failedRules(result.output()))
                .contains(
                        "ct-ec2-pr-3.guard/vpc_sg_open_only_to_authorized_ports_check",
                        "ct-ecs-pr-2.guard/ecs_container_insights_enabled_check",
                        "ct-ecs-pr-3.guard/ecs_task_definition_nonroot_user_check",
                        "ct-ecs-pr-4.guard/ecs_awsvpc_networking_enabled_check",
                        "ct-ecs-pr-6.guard/ecs_containers_readonly_access_check",
                        "ct-iam-pr-1.guard/iam_inline_policy_no_statements_with_admin_access_check",
                        "ct-iam-pr-2.guard/iam_managed_policy_no_statements_with_admin_access_check",
                        "ct-s3-pr-1.guard/s3_bucket_level_public_access_prohibited_check",
                        "ct-s3-pr-10.guard/s3_bucket_default_encryption_kms_check",
                        "ct-s3-pr-11.guard/s3_bucket_versioning_enabled_check");
    }

    @Test
    void everyControlTowerRuleOfTheUsedServicesIsAppliedOrSkippedWithAReason() throws IOException {
        Set<String> decided = new TreeSet<>();
        for (Decision decision : decisions) {
            assertThat(ValidationTools.controlTowerRules().resolve(decision.rule()))
                    .as("rule file listed in %s", CONTROL_TOWER_SELECTION)
                    .isRegularFile();
            assertThat(decision.apply() || decision.reason().length() > 10)
                    .as("skipped rule %s needs a reason", decision.rule())
                    .isTrue();
            assertThat(decided.add(decision.rule()))
                    .as("decided twice: %s", decision.rule())
                    .isTrue();
        }
        Set<String> shipped = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        decided.forEach(rule -> services.add(rule.substring(0, rule.indexOf('/'))));
        for (String service : services) {
            try (Stream<Path> files =
                    Files.list(ValidationTools.controlTowerRules().resolve(service))) {
                files.map(file -> service + "/" + file.getFileName()).forEach(shipped::add);
            }
        }
        assertThat(decided).containsExactlyInAnyOrderElementsOf(shipped);
        assertThat(services)
                .containsExactlyInAnyOrder(
                        "cloudwatch", "ec2", "ecr", "ecs", "elasticloadbalancing", "identityandaccessmanagement", "s3");
    }

    /** Names like {@code nutrisage.guard/nutrisage_log_retention_set} from the FAILED summary lines. */
    private static Set<String> failedRules(String output) {
        Set<String> failed = new TreeSet<>();
        output.lines()
                .map(String::strip)
                .filter(line -> line.endsWith(" FAIL") && line.contains(".guard/"))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .forEach(failed::add);
        return failed;
    }

    private static List<String> ownRuleNames() throws IOException {
        return Files.readAllLines(OWN_RULES).stream()
                .filter(line -> line.startsWith("rule nutrisage_"))
                .map(line -> "nutrisage.guard/" + line.split("\\s+")[1])
                .toList();
    }
}
