package io.nutrisage.infra.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS-published metrics the stack's dashboard, alarms and console read, with the dimension sets AWS documents for
 * each, so that a reference to a metric AWS never publishes (a misspelt name, a dimension set that does not exist)
 * fails like one to a metric predictor-service never emits.
 *
 * <ul>
 *   <li>AWS/ECS: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/available-metrics.html
 *       (CPUUtilization and MemoryUtilization per ClusterName, and per ClusterName + ServiceName);
 *   <li>ECS/ContainerInsights: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html
 *       (task counts per ClusterName + ServiceName);
 *   <li>AWS/ApplicationELB: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
 *       (load balancer metrics per LoadBalancer, target metrics per TargetGroup, and per LoadBalancer + TargetGroup;
 *       the per-AvailabilityZone sets are left out: nothing here reads them).
 * </ul>
 */
public final class AwsMetricCatalog {

    /** One documented metric and one of its documented dimension sets. */
    public record Documented(String namespace, String name, Set<String> dimensionNames) {}

    private static final Set<String> SERVICE = Set.of("ClusterName", "ServiceName");
    private static final Set<String> CLUSTER = Set.of("ClusterName");
    private static final Set<String> LOAD_BALANCER = Set.of("LoadBalancer");
    private static final Set<String> TARGET_GROUP = Set.of("TargetGroup");
    private static final Set<String> LOAD_BALANCER_TARGET_GROUP = Set.of("LoadBalancer", "TargetGroup");

    public static final List<Documented> DOCUMENTED = documented();

    private AwsMetricCatalog() {}

    private static List<Documented> documented() {
        List<Documented> d = new ArrayList<>();
        for (String name : List.of("CPUUtilization", "MemoryUtilization")) {
            d.add(new Documented("AWS/ECS", name, SERVICE));
            d.add(new Documented("AWS/ECS", name, CLUSTER));
        }
        for (String name : List.of(
                "RunningTaskCount",
                "DesiredTaskCount",
                "PendingTaskCount",
                "CpuUtilized",
                "CpuReserved",
                "MemoryUtilized",
                "MemoryReserved")) {
            d.add(new Documented("ECS/ContainerInsights", name, SERVICE));
        }
        for (String name :
                List.of("RequestCount", "HTTPCode_ELB_5XX_Count", "HTTPCode_ELB_4XX_Count", "TargetResponseTime")) {
            d.add(new Documented("AWS/ApplicationELB", name, LOAD_BALANCER));
        }
        for (String name : List.of(
                "RequestCount",
                "TargetResponseTime",
                "HTTPCode_Target_5XX_Count",
                "HTTPCode_Target_4XX_Count",
                "HTTPCode_Target_2XX_Count",
                "HealthyHostCount",
                "UnHealthyHostCount",
                "RequestCountPerTarget")) {
            d.add(new Documented("AWS/ApplicationELB", name, LOAD_BALANCER_TARGET_GROUP));
        }
        for (String name : List.of("RequestCountPerTarget", "HTTPCode_Target_5XX_Count", "TargetResponseTime")) {
            d.add(new Documented("AWS/ApplicationELB", name, TARGET_GROUP));
        }
        return List.copyOf(d);
    }

    /**
     * The AWS metrics a deployed stack has, given the values its resources give the dimensions (ClusterName,
     * ServiceName, LoadBalancer, TargetGroup); a documented set with a dimension the stack has no value for is left
     * out.
     */
    public static Set<MetricIdentity> publishedFor(Map<String, String> dimensionValues) {
        Set<MetricIdentity> metrics = new LinkedHashSet<>();
        for (Documented documented : DOCUMENTED) {
            if (dimensionValues.keySet().containsAll(documented.dimensionNames())) {
                Map<String, String> dimensions = new java.util.LinkedHashMap<>();
                documented.dimensionNames().forEach(n -> dimensions.put(n, dimensionValues.get(n)));
                metrics.add(new MetricIdentity(documented.namespace(), documented.name(), dimensions, ""));
            }
        }
        return metrics;
    }

    /** The dimension values the evaluated stacks give AWS's metrics of their service and load balancer. */
    public static Map<String, String> dimensionValuesOf(DeployedStacks stacks) {
        Map<String, String> exports = stacks.exports();
        String prefix = stacks.environment() + "-";
        return Map.of(
                "ClusterName", exports.get(prefix + "ClusterName"),
                "ServiceName", exports.get(prefix + "ServiceName"),
                "LoadBalancer", exports.get(prefix + "LoadBalancerFullName"),
                "TargetGroup", exports.get(prefix + "TargetGroupFullName"));
    }
}
