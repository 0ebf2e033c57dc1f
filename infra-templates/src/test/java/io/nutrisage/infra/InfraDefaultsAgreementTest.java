package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.at;
import static io.nutrisage.infra.Paths.parameterDefault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link InfraDefaults} (shipped for other modules) says what the templates say, and the shared contract agrees. */
class InfraDefaultsAgreementTest {

    private final InfraDefaults defaults = InfraDefaults.load();

    @Test
    void autoscalingDefaultsMatchTheTemplateAndTheSharedContract() {
        Map<String, Object> autoscaling = Stacks.named("autoscaling").parse();
        InfraDefaults.Autoscaling expected = defaults.autoscaling();

        assertThat(parameterDefault(autoscaling, "MinCapacity")).isEqualTo(String.valueOf(expected.minCapacity()));
        assertThat(parameterDefault(autoscaling, "MaxCapacity")).isEqualTo(String.valueOf(expected.maxCapacity()));
        assertThat(Double.parseDouble(parameterDefault(autoscaling, "RequestsPerTargetTarget")))
                .isEqualTo(expected.albRequestCountPerTargetTarget());
        assertThat(Double.parseDouble(parameterDefault(autoscaling, "CpuUtilizationTarget")))
                .isEqualTo(expected.cpuUtilizationTargetPercent());
        assertThat(parameterDefault(autoscaling, "ScaleOutCooldownSeconds"))
                .isEqualTo(String.valueOf(expected.scaleOutCooldownSeconds()));
        assertThat(parameterDefault(autoscaling, "ScaleInCooldownSeconds"))
                .isEqualTo(String.valueOf(expected.scaleInCooldownSeconds()));

        assertThat(expected.minCapacity()).isEqualTo(SharedContract.MIN_TASKS);
        assertThat(expected.maxCapacity()).isEqualTo(SharedContract.MAX_TASKS);
        assertThat(expected.albRequestCountPerTargetTarget()).isEqualTo(SharedContract.ALB_REQUESTS_PER_TARGET);
        assertThat(expected.cpuUtilizationTargetPercent()).isEqualTo(SharedContract.CPU_TARGET_PERCENT);
    }

    @Test
    void scalingPoliciesTrackRequestsPerTargetAndCpuWithTheDefaultTargets() {
        Map<String, Object> autoscaling = Stacks.named("autoscaling").parse();
        Map<String, Object> requests = Paths.map(
                autoscaling,
                "Resources",
                "RequestsPerTargetPolicy",
                "Properties",
                "TargetTrackingScalingPolicyConfiguration");
        Map<String, Object> cpu = Paths.map(
                autoscaling, "Resources", "CpuPolicy", "Properties", "TargetTrackingScalingPolicyConfiguration");

        assertThat(at(requests, "PredefinedMetricSpecification", "PredefinedMetricType"))
                .isEqualTo("ALBRequestCountPerTarget");
        assertThat(requests.get("TargetValue")).isEqualTo(Map.of("Ref", "RequestsPerTargetTarget"));
        assertThat(at(cpu, "PredefinedMetricSpecification", "PredefinedMetricType"))
                .isEqualTo("ECSServiceAverageCPUUtilization");
        assertThat(cpu.get("TargetValue")).isEqualTo(Map.of("Ref", "CpuUtilizationTarget"));
        for (Map<String, Object> policy : List.of(requests, cpu)) {
            assertThat(policy)
                    .containsEntry("ScaleOutCooldown", Map.of("Ref", "ScaleOutCooldownSeconds"))
                    .containsEntry("ScaleInCooldown", Map.of("Ref", "ScaleInCooldownSeconds"));
        }
    }

    @Test
    void serviceNamesPortAndHealthPathMatchTheTemplates() {
        Map<String, Object> service = Stacks.named("service").parse();
        Map<String, Object> cluster = Stacks.named("cluster").parse();

        assertThat(parameterDefault(cluster, "ClusterName"))
                .isEqualTo(defaults.service().clusterName());
        assertThat(parameterDefault(service, "ServiceName"))
                .isEqualTo(defaults.service().serviceName());
        assertThat(at(service, "Resources", "TargetGroup", "Properties", "Port"))
                .isEqualTo(defaults.service().containerPort());
        assertThat(at(service, "Resources", "TargetGroup", "Properties", "HealthCheckPath"))
                .isEqualTo(defaults.service().healthCheckPath());
        assertThat(defaults.service().containerPort()).isEqualTo(SharedContract.SERVICE_PORT);
        assertThat(defaults.service().healthCheckPath()).isEqualTo(SharedContract.HEALTH_PATH);
    }

    @Test
    void metricAndAlarmNamesMatchTheMonitoringTemplate() throws Exception {
        Map<String, Object> monitoring = Stacks.named("monitoring").parse();
        InfraDefaults.Alarms alarms = defaults.alarms();

        assertThat(defaults.metrics().namespace()).isEqualTo(SharedContract.METRIC_NAMESPACE);
        assertThat(defaults.metrics().latencyMetric()).isEqualTo(SharedContract.LATENCY_METRIC);
        assertThat(defaults.metrics().confidenceMetric()).isEqualTo(SharedContract.CONFIDENCE_METRIC);
        assertThat(at(monitoring, "Resources", "Dashboard", "Properties", "DashboardName"))
                .isEqualTo(defaults.metrics().dashboardName());
        String dashboard =
                (String) Paths.list(monitoring, "Resources", "Dashboard", "Properties", "DashboardBody", "Fn::Sub")
                        .get(0);
        JsonNode drift = new ObjectMapper()
                .readTree(dashboard.replaceAll("\\$\\{[^}]+}", "0"))
                .path("widgets")
                .get(4);
        assertThat(drift.findValue("expression").asText())
                .isEqualTo("SEARCH('{" + defaults.metrics().namespace() + "} MetricName=\""
                        + defaults.metrics().driftMetric() + "\"', 'Average', 60)");

        assertThat(at(monitoring, "Resources", "HighCpuAlarm", "Properties", "AlarmName"))
                .isEqualTo(alarms.highCpuName());
        assertThat(Double.parseDouble(parameterDefault(monitoring, "HighCpuThresholdPercent")))
                .isEqualTo(alarms.highCpuThresholdPercent());
        assertThat(at(monitoring, "Resources", "HighCpuAlarm", "Properties", "EvaluationPeriods"))
                .isEqualTo(alarms.highCpuEvaluationPeriods());
        assertThat(at(monitoring, "Resources", "HighCpuAlarm", "Properties", "Period"))
                .isEqualTo(alarms.highCpuPeriodSeconds());
        assertThat(at(monitoring, "Resources", "LatencyP90Alarm", "Properties", "AlarmName"))
                .isEqualTo(alarms.latencyP90Name());
        assertThat(Double.parseDouble(parameterDefault(monitoring, "LatencyP90ThresholdMs")))
                .isEqualTo(alarms.latencyP90ThresholdMs());
        assertThat(at(monitoring, "Resources", "Target5xxAlarm", "Properties", "AlarmName"))
                .isEqualTo(alarms.target5xxName());
        assertThat(at(monitoring, "Resources", "UnhealthyHostsAlarm", "Properties", "AlarmName"))
                .isEqualTo(alarms.unhealthyHostsName());
    }

    @Test
    void loadTestEnvironmentNamesMatchTheSharedContract() {
        assertThat(defaults.loadTest())
                .isEqualTo(new InfraDefaults.LoadTestEnvironment(
                        SharedContract.ENV_TARGET_URL, SharedContract.ENV_INPUT_PREFIX, SharedContract.ENV_WORKERS));
    }
}
