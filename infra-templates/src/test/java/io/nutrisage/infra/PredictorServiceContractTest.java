package io.nutrisage.infra;

import static io.nutrisage.infra.Paths.at;
import static io.nutrisage.infra.Paths.list;
import static io.nutrisage.infra.Paths.map;
import static io.nutrisage.infra.Paths.parameterDefault;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The templates agree with what predictor-service emits and serves. For now the expected values are the shared
 * contract constants ({@link SharedContract}); when predictor-service is merged, point the four constants below
 * at its own constants (metric namespace and names, port, health path) so a rename there fails here.
 */
class PredictorServiceContractTest {

    static final String NAMESPACE = SharedContract.METRIC_NAMESPACE;
    static final String LATENCY_METRIC = SharedContract.LATENCY_METRIC;
    static final String CONFIDENCE_METRIC = SharedContract.CONFIDENCE_METRIC;
    static final int PORT = SharedContract.SERVICE_PORT;
    static final String HEALTH_PATH = SharedContract.HEALTH_PATH;

    private static Map<String, Object> monitoring;
    private static Map<String, Object> service;

    @BeforeAll
    static void parse() {
        monitoring = Stacks.named("monitoring").parse();
        service = Stacks.named("service").parse();
    }

    @Test
    void dashboardShowsLatencyAndConfidenceFromTheInferenceNamespace() throws Exception {
        JsonNode dashboard = dashboardBody();
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expression").forEach(expression -> expressions.add(expression.asText()));

        assertThat(expressions)
                .contains(
                        "SEARCH('{" + NAMESPACE + "} MetricName=\"" + LATENCY_METRIC + "\"', 'p90', 60)",
                        "SEARCH('{" + NAMESPACE + "} MetricName=\"" + CONFIDENCE_METRIC + "\"', 'Average', 60)");
        assertThat(at(monitoring, "Outputs", "MetricNamespace", "Value")).isEqualTo(NAMESPACE);
    }

    @Test
    void dashboardHasTheIssuesWidgets() throws Exception {
        JsonNode dashboard = dashboardBody();
        List<String> titles = new ArrayList<>();
        List<String> metricNames = new ArrayList<>();
        for (JsonNode widget : dashboard.path("widgets")) {
            titles.add(widget.path("properties").path("title").asText());
            for (JsonNode metric : widget.path("properties").path("metrics")) {
                if (metric.get(0).isTextual()) {
                    metricNames.add(metric.get(0).asText() + " " + metric.get(1).asText());
                }
            }
        }
        assertThat(at(monitoring, "Resources", "Dashboard", "Properties", "DashboardName"))
                .isEqualTo("NutriSage-ECS");
        assertThat(titles)
                .containsExactly(
                        "CPU and memory (%)",
                        "Tasks: running vs desired",
                        "Model latency p90 (ms) and average confidence",
                        "ALB requests, target 5xx and target response time",
                        "Input drift",
                        "Alarms");
        assertThat(metricNames)
                .containsExactly(
                        "AWS/ECS CPUUtilization",
                        "AWS/ECS MemoryUtilization",
                        "ECS/ContainerInsights RunningTaskCount",
                        "ECS/ContainerInsights DesiredTaskCount",
                        "ECS/ContainerInsights PendingTaskCount",
                        "AWS/ApplicationELB RequestCount",
                        "AWS/ApplicationELB HTTPCode_Target_5XX_Count",
                        "AWS/ApplicationELB TargetResponseTime");
    }

    @Test
    void latencyAlarmWatchesP90OfTheModelLatencyAbove500Ms() {
        Map<String, Object> alarm = map(monitoring, "Resources", "LatencyP90Alarm", "Properties");

        assertThat(alarm)
                .containsEntry("Namespace", NAMESPACE)
                .containsEntry("MetricName", LATENCY_METRIC)
                .containsEntry("ExtendedStatistic", "p90")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("AlarmActions", List.of(Map.of("Ref", "AlarmTopic")))
                .containsEntry("OKActions", List.of(Map.of("Ref", "AlarmTopic")));
        assertThat(parameterDefault(monitoring, "LatencyP90ThresholdMs")).isEqualTo("500");
    }

    @Test
    void highCpuAlarmIsAverageAbove80PercentFor3Minutes() {
        Map<String, Object> alarm = map(monitoring, "Resources", "HighCpuAlarm", "Properties");

        assertThat(alarm)
                .containsEntry("AlarmName", "NutriSage-HighCPU")
                .containsEntry("Namespace", "AWS/ECS")
                .containsEntry("MetricName", "CPUUtilization")
                .containsEntry("Statistic", "Average")
                .containsEntry("Period", 60)
                .containsEntry("EvaluationPeriods", 3)
                .containsEntry("ComparisonOperator", "GreaterThanThreshold")
                .containsEntry("Threshold", Map.of("Ref", "HighCpuThresholdPercent"));
        assertThat(parameterDefault(monitoring, "HighCpuThresholdPercent")).isEqualTo("80");
    }

    @Test
    void targetGroupAndContainerUseThePortAndHealthPathOfTheService() {
        Map<String, Object> targetGroup = map(service, "Resources", "TargetGroup", "Properties");
        Map<String, Object> container =
                map(list(service, "Resources", "TaskDefinition", "Properties", "ContainerDefinitions")
                        .get(0));

        assertThat(targetGroup)
                .containsEntry("Port", PORT)
                .containsEntry("Protocol", "HTTP")
                .containsEntry("HealthCheckPath", HEALTH_PATH);
        assertThat(at(container, "PortMappings", 0, "ContainerPort")).isEqualTo(PORT);
        assertThat(at(service, "Resources", "Service", "Properties", "LoadBalancers", 0, "ContainerPort"))
                .isEqualTo(PORT);
    }

    @Test
    void predictorContainerIsToldTheMetricNamespace() {
        Map<String, Object> container =
                map(list(service, "Resources", "TaskDefinition", "Properties", "ContainerDefinitions")
                        .get(0));

        assertThat(list(container, "Environment"))
                .contains(
                        Map.of("Name", "AWS_EMF_NAMESPACE", "Value", NAMESPACE),
                        Map.of("Name", "AWS_EMF_WRITE_TO_STDOUT", "Value", "true"),
                        Map.of("Name", "PORT", "Value", String.valueOf(PORT)));
    }

    @Test
    void tasksAcceptTheServicePortFromTheLoadBalancerSecurityGroupOnly() {
        List<?> ingress = list(service, "Resources", "TaskSecurityGroup", "Properties", "SecurityGroupIngress");
        Object loadBalancerGroup = Map.of("Fn::GetAtt", List.of("LoadBalancerSecurityGroup", "GroupId"));

        assertThat(ingress).hasSize(1);
        assertThat(map(ingress.get(0)))
                .containsEntry("FromPort", PORT)
                .containsEntry("ToPort", PORT)
                .containsEntry("SourceSecurityGroupId", loadBalancerGroup)
                .doesNotContainKeys("CidrIp", "CidrIpv6");
        assertThat(at(service, "Resources", "LoadBalancer", "Properties", "SecurityGroups"))
                .isEqualTo(List.of(loadBalancerGroup));
    }

    /** The dashboard JSON with every ${...} replaced by 0 (enough to parse it and read names). */
    private static JsonNode dashboardBody() throws Exception {
        Object sub = at(monitoring, "Resources", "Dashboard", "Properties", "DashboardBody", "Fn::Sub");
        String text = (String) ((List<?>) sub).get(0);
        return new ObjectMapper().readTree(text.replaceAll("\\$\\{[^}]+}", "0"));
    }
}
