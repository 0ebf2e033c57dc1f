package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The sandbox's defaults are the infra templates' defaults (read from infra-templates/templates in this repo). */
class InfraTemplatesAgreementTest {
    private static final Path TEMPLATES = Path.of("..", "infra-templates", "templates");

    @Test
    void autoscalingDefaultsMatchAutoscalingYaml() throws IOException {
        Map<String, Object> parameters = parameters("autoscaling.yaml");
        AutoscalingSettings settings = AutoscalingSettings.defaults(Duration.ofMinutes(1));

        assertThat(settings.capacity().min()).isEqualTo(defaultOf(parameters, "MinCapacity"));
        assertThat(settings.capacity().max()).isEqualTo(defaultOf(parameters, "MaxCapacity"));
        ScalingPolicy requests = policy(settings, MetricId.REQUEST_COUNT_PER_TARGET);
        ScalingPolicy cpu = policy(settings, MetricId.CPU_UTILIZATION);
        assertThat(requests.targetValue()).isEqualTo(defaultOf(parameters, "RequestsPerTargetTarget"));
        assertThat(cpu.targetValue()).isEqualTo(defaultOf(parameters, "CpuUtilizationTarget"));
        for (ScalingPolicy p : settings.policies()) {
            assertThat(p.scaleOutCooldown().toSeconds()).isEqualTo(defaultOf(parameters, "ScaleOutCooldownSeconds"));
            assertThat(p.scaleInCooldown().toSeconds()).isEqualTo(defaultOf(parameters, "ScaleInCooldownSeconds"));
        }
        String template = Files.readString(TEMPLATES.resolve("autoscaling.yaml"));
        assertThat(template)
                .contains("PolicyName: !Sub ${EnvironmentName}-alb-requests-per-target")
                .contains("PolicyName: !Sub ${EnvironmentName}-cpu")
                .contains("PredefinedMetricType: ALBRequestCountPerTarget")
                .contains("PredefinedMetricType: ECSServiceAverageCPUUtilization");
        assertThat(requests.name()).isEqualTo("nutrisage-alb-requests-per-target");
        assertThat(cpu.name()).isEqualTo("nutrisage-cpu");
    }

    @Test
    @SuppressWarnings("unchecked")
    void localAlarmsMatchMonitoringYaml() throws IOException {
        Map<String, Object> template = load("monitoring.yaml");
        Map<String, Object> parameters = (Map<String, Object>) template.get("Parameters");
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        var settings = SandboxSettings.consoleDefaults();

        for (AlarmDefinition alarm : settings.alarms()) {
            Map<String, Object> properties = resources.values().stream()
                    .map(r -> (Map<String, Object>) ((Map<String, Object>) r).get("Properties"))
                    .filter(p -> p != null && alarm.name().equals(p.get("AlarmName")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no alarm " + alarm.name() + " in monitoring.yaml"));
            assertThat(((Number) properties.get("EvaluationPeriods")).intValue())
                    .isEqualTo(alarm.evaluationPeriods());
            assertThat(((Number) properties.get("DatapointsToAlarm")).intValue())
                    .isEqualTo(alarm.datapointsToAlarm());
            assertThat(properties.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(properties.get("MetricName"))
                    .isEqualTo(alarm.metric().metricName().replace(" p90", ""));
            String thresholdParameter = (String) properties.get("Threshold");
            assertThat((double) defaultOf(parameters, thresholdParameter)).isEqualTo(alarm.threshold());
        }
    }

    private static ScalingPolicy policy(AutoscalingSettings settings, MetricId metric) {
        return settings.policies().stream()
                .filter(p -> p.metric() == metric)
                .findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(String file) throws IOException {
        return (Map<String, Object>) load(file).get("Parameters");
    }

    /** Loads a template with its short-form intrinsic tags ({@code !Ref X}) read as plain values. */
    private static Map<String, Object> load(String file) throws IOException {
        String text = Files.readString(TEMPLATES.resolve(file))
                .replaceAll(
                        "!(Ref|Sub|GetAtt|ImportValue|If|Equals|Not|Join|Select|Split|FindInMap|Base64|GetAZs|Cidr|And|Or|Condition)\\b",
                        "");
        return new Yaml().load(text);
    }

    @SuppressWarnings("unchecked")
    private static long defaultOf(Map<String, Object> parameters, String name) {
        Map<String, Object> parameter = (Map<String, Object>) parameters.get(name);
        assertThat(parameter).as("parameter " + name).isNotNull();
        return ((Number) parameter.get("Default")).longValue();
    }
}
