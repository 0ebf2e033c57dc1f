package io.nutrisage.app.aws;

import io.nutrisage.infra.InfraDefaults;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The names of one deployed NutriSage stack, as its CloudFormation outputs give them (see {@link StackResolver}) or as
 * typed by hand. Blank optional fields switch the matching feed off.
 *
 * @param name a label: the stack (environment) name, shown in the target bar
 * @param loadBalancerFullName ALB dimension value {@code app/<name>/<id>}
 * @param targetGroupFullName target group dimension value {@code targetgroup/<name>/<id>}
 * @param inferenceDimensionName dimension on predictor-service's EMF metrics; blank = metrics without dimensions
 * @param alarmNames alarms to show; the service's target-tracking alarms are added automatically
 * @param dashboardName CloudWatch dashboard, for a link; may be blank
 * @param loadTestTaskDefinition load-generator task definition (ARN or family); may be blank
 */
public record AwsTargetSpec(
        String name,
        String clusterName,
        String serviceName,
        String loadBalancerFullName,
        String targetGroupFullName,
        URI targetUrl,
        String logGroupName,
        String metricNamespace,
        String inferenceDimensionName,
        String inferenceDimensionValue,
        List<String> alarmNames,
        String dashboardName,
        String loadTestTaskDefinition) {

    private static final InfraDefaults INFRA = InfraDefaults.load();

    /** predictor-service's namespace, as the stack's dashboard and alarms read it. */
    public static final String DEFAULT_NAMESPACE = INFRA.metrics().namespace();

    /**
     * The dimension on predictor-service's metrics; its value is the ECS service name, which the stack passes to the
     * predictor as SERVICE_NAME.
     */
    public static final String DEFAULT_INFERENCE_DIMENSION_NAME =
            INFRA.metrics().inferenceDimension();

    public AwsTargetSpec {
        name = required(name, "name");
        clusterName = required(clusterName, "cluster name");
        serviceName = required(serviceName, "service name");
        loadBalancerFullName = optional(loadBalancerFullName);
        targetGroupFullName = optional(targetGroupFullName);
        if (!loadBalancerFullName.isEmpty() && !loadBalancerFullName.startsWith("app/")) {
            throw new IllegalArgumentException(
                    "load balancer full name must look like app/<name>/<id>, got '" + loadBalancerFullName + "'");
        }
        if (!targetGroupFullName.isEmpty() && !targetGroupFullName.startsWith("targetgroup/")) {
            throw new IllegalArgumentException(
                    "target group full name must look like targetgroup/<name>/<id>, got '" + targetGroupFullName + "'");
        }
        Objects.requireNonNull(targetUrl, "target URL");
        logGroupName = optional(logGroupName);
        metricNamespace = optional(metricNamespace).isEmpty() ? DEFAULT_NAMESPACE : metricNamespace.strip();
        inferenceDimensionName = optional(inferenceDimensionName);
        inferenceDimensionValue = optional(inferenceDimensionValue);
        if (!inferenceDimensionName.isEmpty() && inferenceDimensionValue.isEmpty()) {
            throw new IllegalArgumentException(
                    "inference dimension '" + inferenceDimensionName + "' needs a value (e.g. nutrisage-predictor)");
        }
        alarmNames = alarmNames == null
                ? List.of()
                : alarmNames.stream()
                        .map(String::strip)
                        .filter(a -> !a.isEmpty())
                        .distinct()
                        .toList();
        dashboardName = optional(dashboardName);
        loadTestTaskDefinition = optional(loadTestTaskDefinition);
    }

    /**
     * Names typed by hand, with the stack's namespace and inference dimension; the dimension's value is the service
     * name, as the stack sets it.
     */
    public static AwsTargetSpec byHand(
            String cluster, String service, String loadBalancer, String targetGroup, URI url, String logGroup) {
        return new AwsTargetSpec(
                cluster + "/" + service,
                cluster,
                service,
                loadBalancer,
                targetGroup,
                url,
                logGroup,
                DEFAULT_NAMESPACE,
                DEFAULT_INFERENCE_DIMENSION_NAME,
                service,
                List.of(),
                "",
                "");
    }

    public AwsTargetSpec withLoadTest(String taskDefinition) {
        return new AwsTargetSpec(
                name,
                clusterName,
                serviceName,
                loadBalancerFullName,
                targetGroupFullName,
                targetUrl,
                logGroupName,
                metricNamespace,
                inferenceDimensionName,
                inferenceDimensionValue,
                alarmNames,
                dashboardName,
                taskDefinition);
    }

    /** Application Auto Scaling resource id of the ECS service. */
    public String scalableResourceId() {
        return "service/" + clusterName + "/" + serviceName;
    }

    /** Prefix of the alarms target tracking creates for this service. */
    public String targetTrackingAlarmPrefix() {
        return io.nutrisage.app.monitoring.Alarm.TARGET_TRACKING_PREFIX + scalableResourceId() + "-";
    }

    public boolean hasLoadBalancer() {
        return !loadBalancerFullName.isEmpty();
    }

    public boolean hasTargetGroup() {
        return hasLoadBalancer() && !targetGroupFullName.isEmpty();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value.strip();
    }

    private static String optional(String value) {
        return value == null ? "" : value.strip();
    }
}
