package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.at;
import static io.nutrisage.infra.Paths.parameterDefault;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.contract.DeployedStacks;
import io.nutrisage.loadgen.cli.LoadgenCli;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.metrics.ModelMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link InfraDefaults}, the one place other modules take the stack's names and defaults from, says what the
 * templates create: the stacks are evaluated for an environment and each name they give a resource is compared.
 */
class InfraDefaultsAgreementTest {

    private final InfraDefaults defaults = InfraDefaults.load();

    @ParameterizedTest
    @ValueSource(strings = {"nutrisage", "blue-env"})
    void everySharedNameIsTheNameTheStacksGiveTheResource(String environment) {
        DeployedStacks stacks = DeployedStacks.evaluate(Stacks.MODULE, environment);
        InfraDefaults.Names names = defaults.forEnvironment(environment);

        assertThat(stacks.stack("cluster").properties("Cluster").get("ClusterName"))
                .isEqualTo(names.cluster());
        DeployedStacks.Stack service = stacks.stack("service");
        assertThat(service.properties("Service").get("ServiceName")).isEqualTo(names.service());
        assertThat(service.properties("TaskDefinition").get("Family")).isEqualTo(names.predictorTaskFamily());
        assertThat(service.properties("LogGroup").get("LogGroupName")).isEqualTo(names.predictorLogGroup());
        DeployedStacks.Stack ecr = stacks.stack("ecr");
        assertThat(ecr.properties("PredictorRepository").get("RepositoryName")).isEqualTo(names.predictorRepository());
        assertThat(ecr.properties("LoadGeneratorRepository").get("RepositoryName"))
                .isEqualTo(names.loadTestRepository());
        DeployedStacks.Stack autoscaling = stacks.stack("autoscaling");
        assertThat(autoscaling.properties("RequestsPerTargetPolicy").get("PolicyName"))
                .isEqualTo(names.requestsPerTargetPolicy());
        assertThat(autoscaling.properties("CpuPolicy").get("PolicyName")).isEqualTo(names.cpuPolicy());
        DeployedStacks.Stack monitoring = stacks.stack("monitoring");
        assertThat(monitoring.properties("Dashboard").get("DashboardName")).isEqualTo(names.dashboard());
        assertThat(monitoring.properties("AlarmTopic").get("TopicName")).isEqualTo(names.alarmTopic());
        assertThat(monitoring.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                        .map(alarm -> alarm.get("AlarmName")))
                .containsExactlyElementsOf(names.stackAlarms());
        DeployedStacks.Stack loadtest = stacks.stack("loadtest");
        assertThat(loadtest.properties("TaskDefinition").get("Family")).isEqualTo(names.loadTestTaskFamily());
        assertThat(loadtest.properties("LogGroup").get("LogGroupName")).isEqualTo(names.loadTestLogGroup());
        assertThat(loadtest.output("LoadTestTaskDefinitionFamily")).isEqualTo(names.loadTestTaskFamily());
        assertThat(stacks.stack("console-access").properties("ConsolePolicy").get("ManagedPolicyName"))
                .isEqualTo(names.consolePolicy());
        assertThat(names.scalableResourceId()).isEqualTo("service/" + environment + "/" + environment + "-predictor");
    }

    @Test
    void aSecondEnvironmentInTheSameAccountSharesNoResourceName() {
        Map<String, Object> blue = physicalNames(DeployedStacks.evaluate(Stacks.MODULE, "blue-env"));
        Map<String, Object> green = physicalNames(DeployedStacks.evaluate(Stacks.MODULE, "green-env"));

        assertThat(blue).hasSizeGreaterThan(20);
        List<String> shared = new ArrayList<>();
        blue.forEach((where, name) -> {
            if (name.equals(green.get(where))) {
                shared.add(where + " = " + name);
            }
        });
        assertThat(shared).as("names two environments would collide on").isEmpty();
    }

    @Test
    void anEnvironmentNameTheTemplatesRefuseIsRefused() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> defaults.forEnvironment("Blue_env")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment name must match [a-z][a-z0-9-]{1,20}, got 'Blue_env'");
        assertThat(Paths.parameterDefault(Stacks.named("network").parse(), "EnvironmentName"))
                .isEqualTo(defaults.defaultEnvironment());
    }

    @Test
    void autoscalingDefaultsMatchTheTemplate() {
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
    void portAndHealthPathsAreThePredictorsOwn() {
        DeployedStacks.Stack service =
                DeployedStacks.evaluate(Stacks.MODULE, "blue-env").stack("service");

        assertThat(defaults.service().containerPort()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(defaults.service().containerHealthCheckPath()).isEqualTo(ServerConfig.HEALTH_PATH);
        assertThat(defaults.service().healthCheckPath()).isEqualTo("/ready");
        assertThat(service.properties("TargetGroup"))
                .containsEntry("Port", defaults.service().containerPort())
                .containsEntry("HealthCheckPath", defaults.service().healthCheckPath());
        assertThat(at(service.properties("TaskDefinition"), "ContainerDefinitions", 0, "HealthCheck", "Command"))
                .isEqualTo(List.of(
                        "CMD-SHELL",
                        "wget -q -O /dev/null http://127.0.0.1:" + ServerConfig.DEFAULT_PORT + ServerConfig.HEALTH_PATH
                                + " || exit 1"));
    }

    @Test
    void metricNamesAreThePredictorsOwnAndAlarmDefaultsTheTemplates() {
        Map<String, Object> monitoring = Stacks.named("monitoring").parse();
        InfraDefaults.Metrics metrics = defaults.metrics();
        InfraDefaults.Alarms alarms = defaults.alarms();

        assertThat(metrics)
                .isEqualTo(new InfraDefaults.Metrics(
                        ModelMetrics.NAMESPACE,
                        ModelMetrics.DIMENSION,
                        ModelMetrics.MODEL_LATENCY_MS,
                        ModelMetrics.CONFIDENCE,
                        ModelMetrics.INPUT_SUGARS_MEAN,
                        ModelMetrics.INPUT_SODIUM_MEAN));
        assertThat(Double.parseDouble(parameterDefault(monitoring, "HighCpuThresholdPercent")))
                .isEqualTo(alarms.highCpuThresholdPercent());
        assertThat(at(monitoring, "Resources", "HighCpuAlarm", "Properties", "EvaluationPeriods"))
                .isEqualTo(alarms.highCpuEvaluationPeriods());
        assertThat(at(monitoring, "Resources", "HighCpuAlarm", "Properties", "Period"))
                .isEqualTo(alarms.highCpuPeriodSeconds());
        assertThat(Double.parseDouble(parameterDefault(monitoring, "LatencyP90ThresholdMs")))
                .isEqualTo(alarms.latencyP90ThresholdMs());
    }

    @Test
    void loadTestEnvironmentNamesAreTheOnesLoadgenReads() {
        CommandLine cli = new CommandLine(new LoadgenCli());
        cli.setInterpolateVariables(false);
        CommandLine.Model.CommandSpec run = cli.getSubcommands().get("run").getCommandSpec();

        assertThat(run.findOption("--target").defaultValue())
                .startsWith("${env:" + defaults.loadTest().targetUrl());
        assertThat(run.findOption("--input").defaultValue())
                .startsWith("${env:" + defaults.loadTest().inputPrefix());
        assertThat(run.findOption("--workers").defaultValue())
                .startsWith("${env:" + defaults.loadTest().workers());
    }

    /** Every name-like property of every resource, by {@code stack/Resource.Property}. */
    private static Map<String, Object> physicalNames(DeployedStacks stacks) {
        Set<String> nameProperties = Set.of(
                "Name",
                "ClusterName",
                "ServiceName",
                "Family",
                "LogGroupName",
                "RepositoryName",
                "AlarmName",
                "DashboardName",
                "TopicName",
                "ManagedPolicyName",
                "PolicyName");
        Map<String, Object> names = new LinkedHashMap<>();
        for (DeployedStacks.Stack stack : stacks.all()) {
            stack.resources().keySet().forEach(id -> stack.properties(id).forEach((property, value) -> {
                if (nameProperties.contains(property) && value instanceof String) {
                    names.put(stack.suffix() + "/" + id + "." + property, value);
                }
            }));
        }
        return names;
    }
}
