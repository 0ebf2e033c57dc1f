package io.nutrisage.app.monitoring;

/**
 * The series the console charts, named as CloudWatch names them so both backends and the recording agree. Values
 * are per-second samples in the sandbox and per-period datapoints on AWS.
 */
public enum MetricId {
    CPU_UTILIZATION("AWS/ECS", "CPUUtilization", "%"),
    MEMORY_UTILIZATION("AWS/ECS", "MemoryUtilization", "%"),
    RUNNING_TASKS("ECS/ContainerInsights", "RunningTaskCount", "tasks"),
    DESIRED_TASKS("ECS/ContainerInsights", "DesiredTaskCount", "tasks"),
    PENDING_TASKS("ECS/ContainerInsights", "PendingTaskCount", "tasks"),
    MODEL_LATENCY_P90("NutriSage/Inference", "ModelLatencyMs p90", "ms"),
    CONFIDENCE_AVG("NutriSage/Inference", "Confidence avg", ""),
    /** Mean sugars of the graded inputs: the sandbox's per-sample mean, on AWS the minute's Average (drift). */
    INPUT_SUGARS_MEAN("NutriSage/Inference", "InputSugarsMean", "g/100 g"),
    /** Mean sodium of the graded inputs, like {@link #INPUT_SUGARS_MEAN}. */
    INPUT_SODIUM_MEAN("NutriSage/Inference", "InputSodiumMean", "g/100 g"),
    REQUEST_RATE("AWS/ApplicationELB", "RequestCount", "req/s"),
    REQUEST_COUNT_PER_TARGET("AWS/ApplicationELB", "RequestCountPerTarget", "requests/target"),
    TARGET_5XX("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "errors/s"),
    TARGET_RESPONSE_TIME_P90("AWS/ApplicationELB", "TargetResponseTime p90", "ms");

    private final String namespace;
    private final String metricName;
    private final String unit;

    MetricId(String namespace, String metricName, String unit) {
        this.namespace = namespace;
        this.metricName = metricName;
        this.unit = unit;
    }

    public String namespace() {
        return namespace;
    }

    /** CloudWatch metric name, with the statistic appended where the console shows one. */
    public String metricName() {
        return metricName;
    }

    public String unit() {
        return unit;
    }
}
