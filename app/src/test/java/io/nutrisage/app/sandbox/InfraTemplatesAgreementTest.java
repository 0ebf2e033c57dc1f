package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.infra.contract.DeployedStacks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's autoscaling and alarms are the deployed stack's: the infra templates are evaluated for the default
 * environment (as scripts/deploy creates them) and each policy and alarm of the sandbox is compared with the
 * resource the stack creates.
 */
class InfraTemplatesAgreementTest {
    private static final DeployedStacks STACKS = DeployedStacks.evaluate(Path.of("..", "infra-templates"), "nutrisage");

    @Test
    void autoscalingIsTheAutoscalingStacks() {
        DeployedStacks.Stack autoscaling = STACKS.stack("autoscaling");
        AutoscalingSettings settings = AutoscalingSettings.defaults(Duration.ofMinutes(1));
        Map<String, Object> target = autoscaling.properties("ScalableTarget");

        assertThat(settings.capacity().min()).isEqualTo(Integer.parseInt(String.valueOf(target.get("MinCapacity"))));
        assertThat(settings.capacity().max()).isEqualTo(Integer.parseInt(String.valueOf(target.get("MaxCapacity"))));
        assertThat(target.get("ResourceId"))
                .isEqualTo(SandboxSettings.consoleDefaults().resourceId());
        for (var entry : Map.of(
                        "RequestsPerTargetPolicy", MetricId.REQUEST_COUNT_PER_TARGET,
                        "CpuPolicy", MetricId.CPU_UTILIZATION)
                .entrySet()) {
            Map<String, Object> policy = autoscaling.properties(entry.getKey());
            @SuppressWarnings("unchecked")
            Map<String, Object> tracking = (Map<String, Object>) policy.get("TargetTrackingScalingPolicyConfiguration");
            ScalingPolicy sandbox = settings.policies().stream()
                    .filter(p -> p.metric() == entry.getValue())
                    .findFirst()
                    .orElseThrow();
            assertThat(sandbox.name()).isEqualTo(policy.get("PolicyName"));
            assertThat(sandbox.targetValue())
                    .isEqualTo(Double.parseDouble(String.valueOf(tracking.get("TargetValue"))));
            assertThat(sandbox.scaleOutCooldown().toSeconds())
                    .isEqualTo(Long.parseLong(String.valueOf(tracking.get("ScaleOutCooldown"))));
            assertThat(sandbox.scaleInCooldown().toSeconds())
                    .isEqualTo(Long.parseLong(String.valueOf(tracking.get("ScaleInCooldown"))));
        }
    }

    @Test
    void sandboxAlarmsAreTheMonitoringStacksAlarmsOfTheSameName() {
        Map<String, Map<String, Object>> alarms = STACKS.stack("monitoring").resourcesOfType("AWS::CloudWatch::Alarm");

        for (AlarmDefinition alarm : SandboxSettings.consoleDefaults().alarms()) {
            Map<String, Object> properties = alarms.values().stream()
                    .filter(p -> alarm.name().equals(p.get("AlarmName")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no alarm " + alarm.name() + " in the monitoring stack"));
            assertThat(((Number) properties.get("EvaluationPeriods")).intValue())
                    .isEqualTo(alarm.evaluationPeriods());
            assertThat(((Number) properties.get("DatapointsToAlarm")).intValue())
                    .isEqualTo(alarm.datapointsToAlarm());
            assertThat(properties.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(properties.get("MetricName"))
                    .isEqualTo(alarm.metric().metricName().replace(" p90", ""));
            assertThat(Double.parseDouble(String.valueOf(properties.get("Threshold"))))
                    .isEqualTo(alarm.threshold());
        }
    }
}
