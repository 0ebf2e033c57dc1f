package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.infra.InfraDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the local sandbox behaves. Durations named {@code aws…} are in AWS time and compressed by the sandbox minute
 * ({@link AutoscalingSettings#period()}); {@code sampleInterval} is real time and divides the period.
 */
public record SandboxSettings(
        AutoscalingSettings autoscaling,
        Duration sampleInterval,
        Duration awsTaskStartDelay,
        Duration awsDeregistrationDelay,
        int cpuUnitsPerTask,
        int memoryMiBPerTask,
        int initialDesired,
        String clusterName,
        String serviceName,
        List<AlarmDefinition> alarms) {

    public SandboxSettings {
        Objects.requireNonNull(autoscaling, "autoscaling");
        if (sampleInterval.isZero() || sampleInterval.isNegative()) {
            throw new IllegalArgumentException("sample interval must be positive, got " + sampleInterval);
        }
        if (autoscaling.period().toNanos() % sampleInterval.toNanos() != 0) {
            throw new IllegalArgumentException("the sandbox minute (" + autoscaling.period()
                    + ") must be a whole multiple of the sample interval (" + sampleInterval + ")");
        }
        if (cpuUnitsPerTask <= 0 || memoryMiBPerTask <= 0) {
            throw new IllegalArgumentException("task CPU units and memory must be positive");
        }
        if (initialDesired < 0) {
            throw new IllegalArgumentException("initial desired count must not be negative");
        }
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(serviceName, "serviceName");
        alarms = List.copyOf(alarms);
    }

    /**
     * The infra templates' defaults with a sandbox minute of {@code sandboxMinute}: 1 vCPU / 2048 MiB tasks
     * (service.yaml), one task to start with, a 60 s task start-up and a 30 s deregistration delay (AWS time), and the
     * templates' two service alarms (monitoring.yaml: high CPU, p90 model latency).
     */
    public static SandboxSettings defaults(Duration sandboxMinute, Duration sampleInterval) {
        InfraDefaults infra = InfraDefaults.load();
        InfraDefaults.Names names = infra.names();
        return new SandboxSettings(
                AutoscalingSettings.defaults(sandboxMinute),
                sampleInterval,
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                1024,
                2048,
                1,
                names.cluster(),
                names.service(),
                List.of(
                        new AlarmDefinition(
                                names.highCpuAlarm(),
                                "Average CPU of the predictor service above the threshold for 3 minutes.",
                                MetricId.CPU_UTILIZATION,
                                AlarmDefinition.Comparison.GREATER_THAN,
                                infra.alarms().highCpuThresholdPercent(),
                                infra.alarms().highCpuEvaluationPeriods(),
                                infra.alarms().highCpuEvaluationPeriods()),
                        new AlarmDefinition(
                                names.latencyP90Alarm(),
                                "p90 of the model latency reported by predictor-service above the threshold for 3"
                                        + " minutes.",
                                MetricId.MODEL_LATENCY_P90,
                                AlarmDefinition.Comparison.GREATER_THAN,
                                infra.alarms().latencyP90ThresholdMs(),
                                3,
                                3)));
    }

    /**
     * The console's default: a one-second sandbox minute (60x), sampled every second. With rates kept real, a
     * per-period sum of requests per target then equals the per-second rate per target, so {@code nutrisage-demo}
     * steps through 1, 2 and 5 tasks (docs/decisions/0053).
     */
    public static SandboxSettings consoleDefaults() {
        return defaults(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    public String resourceId() {
        return "service/" + clusterName + "/" + serviceName;
    }

    public SandboxSettings withReplicaSizing(int cpuUnits, int memoryMiB) {
        return new SandboxSettings(
                autoscaling,
                sampleInterval,
                awsTaskStartDelay,
                awsDeregistrationDelay,
                cpuUnits,
                memoryMiB,
                initialDesired,
                clusterName,
                serviceName,
                alarms);
    }
}
