package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.MetricId;
import java.util.Optional;

/**
 * Every series the AWS backend reads in its single GetMetricData call, with the statistic and the conversion into the
 * console's units ({@link MetricId#unit()}): per-minute sums of requests and errors become per-second rates, seconds
 * become milliseconds; RequestCountPerTarget stays the per-minute sum its scaling policy targets. The input means are
 * the minute's Average of the per-second means every task writes, the statistic the drift band is defined for
 * (predictor-service's {@code DriftBaseline}). {@link #HEALTHY_HOSTS} has no {@link MetricId} yet and is read through
 * {@link AwsMetrics#readAll}.
 */
public enum AwsSeries {
    CPU_UTILIZATION(MetricId.CPU_UTILIZATION, "AWS/ECS", "CPUUtilization", "Average", Dimensions.ECS_SERVICE, 1),
    MEMORY_UTILIZATION(
            MetricId.MEMORY_UTILIZATION, "AWS/ECS", "MemoryUtilization", "Average", Dimensions.ECS_SERVICE, 1),
    RUNNING_TASKS(
            MetricId.RUNNING_TASKS, "ECS/ContainerInsights", "RunningTaskCount", "Average", Dimensions.ECS_SERVICE, 1),
    DESIRED_TASKS(
            MetricId.DESIRED_TASKS, "ECS/ContainerInsights", "DesiredTaskCount", "Average", Dimensions.ECS_SERVICE, 1),
    PENDING_TASKS(
            MetricId.PENDING_TASKS, "ECS/ContainerInsights", "PendingTaskCount", "Average", Dimensions.ECS_SERVICE, 1),
    MODEL_LATENCY_P90(MetricId.MODEL_LATENCY_P90, null, "ModelLatencyMs", "p90", Dimensions.INFERENCE, 1),
    CONFIDENCE_AVG(MetricId.CONFIDENCE_AVG, null, "Confidence", "Average", Dimensions.INFERENCE, 1),
    INPUT_SUGARS_MEAN(MetricId.INPUT_SUGARS_MEAN, null, "InputSugarsMean", "Average", Dimensions.INFERENCE, 1),
    INPUT_SODIUM_MEAN(MetricId.INPUT_SODIUM_MEAN, null, "InputSodiumMean", "Average", Dimensions.INFERENCE, 1),
    REQUEST_RATE(
            MetricId.REQUEST_RATE, "AWS/ApplicationELB", "RequestCount", "Sum", Dimensions.LOAD_BALANCER, 1 / 60.0),
    REQUEST_COUNT_PER_TARGET(
            MetricId.REQUEST_COUNT_PER_TARGET,
            "AWS/ApplicationELB",
            "RequestCountPerTarget",
            "Sum",
            Dimensions.TARGET_GROUP,
            1),
    TARGET_5XX(
            MetricId.TARGET_5XX,
            "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count",
            "Sum",
            Dimensions.TARGET_GROUP,
            1 / 60.0),
    TARGET_RESPONSE_TIME_P90(
            MetricId.TARGET_RESPONSE_TIME_P90,
            "AWS/ApplicationELB",
            "TargetResponseTime",
            "p90",
            Dimensions.TARGET_GROUP,
            1000),
    HEALTHY_HOSTS(null, "AWS/ApplicationELB", "HealthyHostCount", "Minimum", Dimensions.TARGET_GROUP, 1);

    /** Which names of the stack make up the series' dimensions. */
    enum Dimensions {
        ECS_SERVICE,
        INFERENCE,
        LOAD_BALANCER,
        TARGET_GROUP
    }

    private final MetricId portId;
    private final String namespace;
    private final String metricName;
    private final String stat;
    private final Dimensions dimensions;
    private final double scale;

    AwsSeries(MetricId portId, String namespace, String metricName, String stat, Dimensions dimensions, double scale) {
        this.portId = portId;
        this.namespace = namespace;
        this.metricName = metricName;
        this.stat = stat;
        this.dimensions = dimensions;
        this.scale = scale;
    }

    /** The console's series, if the monitoring port has one for it. */
    public Optional<MetricId> portId() {
        return Optional.ofNullable(portId);
    }

    /** The CloudWatch namespace; the inference series use the stack's (default {@code NutriSage/Inference}). */
    public String namespace(AwsTargetSpec spec) {
        return namespace == null ? spec.metricNamespace() : namespace;
    }

    public String metricName() {
        return metricName;
    }

    public String stat() {
        return stat;
    }

    Dimensions dimensions() {
        return dimensions;
    }

    /** Factor from CloudWatch's value (per 60 s period) into the console's unit. */
    public double scale() {
        return scale;
    }

    /** GetMetricData query id: must start with a lower-case letter. */
    String queryId() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<AwsSeries> byQueryId(String id) {
        for (AwsSeries s : values()) {
            if (s.queryId().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static Optional<AwsSeries> of(MetricId id) {
        for (AwsSeries s : values()) {
            if (s.portId == id) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
