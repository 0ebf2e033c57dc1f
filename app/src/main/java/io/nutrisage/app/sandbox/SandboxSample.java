package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.MetricId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;

/**
 * One sample of the sandbox's metrics, worked out from what was measured since the previous one. Pure: reading the
 * replicas and the front is the caller's job ({@link Readings}), and so is storing the values.
 *
 * <ul>
 *   <li>CPUUtilization: CPU time the serving tasks' replicas used ÷ the CPU they reserve, {@code tasks ×
 *       cpuUnits/1024 × seconds}, in % (ECS: the task's CPU units are its share of a vCPU).
 *   <li>MemoryUtilization: the heap in use ÷ the memory the serving tasks reserve, capped at 100 %. One JVM hosts every
 *       replica and cannot tell which retains which object, so the heap is shared out evenly.
 *   <li>ModelLatencyMs p90 and the mean confidence over every prediction of the serving replicas; the input means
 *       weighted by each replica's records.
 *   <li>Request rate = requests ÷ seconds; RequestCountPerTarget = requests ÷ registered targets (ALB: a per-target
 *       count, which a sandbox minute sums like CloudWatch's Sum over the period); 5xx per second from targets and
 *       the front; the front's p90 response time.
 *   <li>Task counts as the fleet reports them.
 * </ul>
 */
record SandboxSample(
        Instant time,
        Map<MetricId, Double> values,
        OptionalDouble cpuPercent,
        OptionalDouble requestsPerTarget,
        Histogram latencyMicros) {

    /** One serving task since the last sample: CPU time used and what its model measured. */
    record TaskReading(long cpuNanosUsed, ModelInterval model) {}

    /** Everything measured over one sample interval of {@code seconds}, ending at {@code time}. */
    record Readings(
            Instant time,
            double seconds,
            List<TaskReading> serving,
            RoundRobinFront.FrontInterval front,
            int registeredTargets,
            FleetStatus fleet,
            long heapUsedBytes) {}

    SandboxSample {
        values = Collections.unmodifiableMap(values);
    }

    static SandboxSample of(Readings r, int cpuUnitsPerTask, int memoryMiBPerTask) {
        Map<MetricId, Double> values = new EnumMap<>(MetricId.class);
        Histogram latency = ModelInterval.newHistogram();
        long cpuUsed = 0;
        double confidenceSum = 0;
        long predictions = 0;
        ModelInterval.WeightedMean sugars = ModelInterval.WeightedMean.NONE;
        ModelInterval.WeightedMean sodium = ModelInterval.WeightedMean.NONE;
        for (TaskReading task : r.serving()) {
            cpuUsed += Math.max(0, task.cpuNanosUsed());
            latency.add(task.model().latencyMicros());
            confidenceSum += task.model().confidenceSum();
            predictions += task.model().predictions();
            sugars = sugars.plus(task.model().sugars());
            sodium = sodium.plus(task.model().sodium());
        }
        OptionalDouble cpuPercent = OptionalDouble.empty();
        if (!r.serving().isEmpty()) {
            int tasks = r.serving().size();
            double reservedNanos = tasks * (cpuUnitsPerTask / 1024.0) * r.seconds() * 1e9;
            cpuPercent = OptionalDouble.of(100.0 * cpuUsed / reservedNanos);
            values.put(MetricId.CPU_UTILIZATION, cpuPercent.getAsDouble());
            values.put(
                    MetricId.MEMORY_UTILIZATION,
                    Math.min(100.0, 100.0 * r.heapUsedBytes() / (tasks * memoryMiBPerTask * 1024.0 * 1024.0)));
        }
        if (latency.getTotalCount() > 0) {
            values.put(MetricId.MODEL_LATENCY_P90, latency.getValueAtPercentile(90) / 1000.0);
        }
        if (predictions > 0) {
            values.put(MetricId.CONFIDENCE_AVG, confidenceSum / predictions);
        }
        sugars.mean().ifPresent(mean -> values.put(MetricId.INPUT_SUGARS_MEAN, mean));
        sodium.mean().ifPresent(mean -> values.put(MetricId.INPUT_SODIUM_MEAN, mean));
        RoundRobinFront.FrontInterval front = r.front();
        values.put(MetricId.REQUEST_RATE, front.requests() / r.seconds());
        OptionalDouble perTarget = OptionalDouble.empty();
        if (r.registeredTargets() > 0) {
            perTarget = OptionalDouble.of(front.requests() / (double) r.registeredTargets());
            values.put(MetricId.REQUEST_COUNT_PER_TARGET, perTarget.getAsDouble());
        }
        values.put(MetricId.TARGET_5XX, (front.target5xx() + front.elb5xx()) / r.seconds());
        if (front.responseTimeMicros().getTotalCount() > 0) {
            values.put(
                    MetricId.TARGET_RESPONSE_TIME_P90,
                    front.responseTimeMicros().getValueAtPercentile(90) / 1000.0);
        }
        values.put(MetricId.RUNNING_TASKS, (double) r.fleet().running());
        values.put(MetricId.DESIRED_TASKS, (double) r.fleet().desired());
        values.put(MetricId.PENDING_TASKS, (double) r.fleet().pending());
        return new SandboxSample(r.time(), values, cpuPercent, perTarget, latency);
    }
}
