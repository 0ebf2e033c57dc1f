package io.nutrisage.app.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;

/**
 * Counts the API calls, HTTP attempts and CloudWatch metrics requested by the console's SDK clients, and estimates
 * their cost from CloudWatch's list prices (docs/decisions/0062): GetMetricData $0.01 per 1,000 metrics requested,
 * other CloudWatch API requests $0.01 per 1,000 requests; ECS, Application Auto Scaling, CloudFormation, STS and
 * FilterLogEvents calls are not billed per request. Attempts are counted because a retried call is sent again.
 */
public final class ApiCallMeter implements ExecutionInterceptor {
    /** US dollars per metric requested by GetMetricData. */
    public static final double USD_PER_METRIC_REQUESTED = 0.01 / 1000;

    /** US dollars per other CloudWatch API request (DescribeAlarms, DescribeAlarmHistory…). */
    public static final double USD_PER_CLOUDWATCH_REQUEST = 0.01 / 1000;

    private final Clock clock;
    private final Instant started;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder metricsRequested = new LongAdder();
    private final LongAdder cloudWatchOtherRequests = new LongAdder();

    public ApiCallMeter(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = serviceLabel(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.increment();
        if (context.request() instanceof GetMetricDataRequest request) {
            metricsRequested.add(request.metricDataQueries().stream()
                    .filter(q -> q.metricStat() != null)
                    .count());
        } else if ("CloudWatch".equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
            cloudWatchOtherRequests.increment();
        }
    }

    /** The SDK's service names ({@code Ecs}, {@code Sts}…) as AWS writes them, e.g. {@code ECS DescribeServices}. */
    static String serviceLabel(String sdkName) {
        return switch (String.valueOf(sdkName)) {
            case "Ecs" -> "ECS";
            case "Sts" -> "STS";
            case "CloudWatchLogs" -> "CloudWatch Logs";
            case "ApplicationAutoScaling" -> "Application Auto Scaling";
            default -> String.valueOf(sdkName);
        };
    }

    public Usage usage() {
        Map<String, Long> byOperation = new TreeMap<>();
        calls.forEach((k, v) -> byOperation.put(k, v.sum()));
        return new Usage(
                Duration.between(started, clock.instant()),
                byOperation,
                attempts.sum(),
                metricsRequested.sum(),
                cloudWatchOtherRequests.sum());
    }

    /** Counts since the meter started and the cost they imply. */
    public record Usage(
            Duration elapsed,
            Map<String, Long> callsByOperation,
            long attempts,
            long metricsRequested,
            long cloudWatchOtherRequests) {
        public Usage {
            callsByOperation = Map.copyOf(callsByOperation);
        }

        public long calls() {
            return callsByOperation.values().stream().mapToLong(Long::longValue).sum();
        }

        public long calls(String serviceAndOperation) {
            return callsByOperation.getOrDefault(serviceAndOperation, 0L);
        }

        public double costUsd() {
            return metricsRequested * USD_PER_METRIC_REQUESTED + cloudWatchOtherRequests * USD_PER_CLOUDWATCH_REQUEST;
        }

        /** Cost extrapolated to one hour of monitoring at the rate seen so far (0 before the first minute). */
        public double costUsdPerHour() {
            double hours = elapsed.toMillis() / 3_600_000.0;
            return hours < 1.0 / 60 ? 0 : costUsd() / hours;
        }

        public double metricsRequestedPerHour() {
            double hours = elapsed.toMillis() / 3_600_000.0;
            return hours < 1.0 / 60 ? 0 : metricsRequested / hours;
        }
    }

    /**
     * The planned cost of one hour of monitoring: {@code series} metrics per GetMetricData refresh every
     * {@code metricsInterval}, and {@code otherCloudWatchCallsPerRefresh} alarm calls every {@code alarmsInterval}.
     */
    public static double plannedUsdPerHour(
            int series, Duration metricsInterval, int otherCloudWatchCallsPerRefresh, Duration alarmsInterval) {
        double metricRefreshes = 3600.0 / Math.max(1, metricsInterval.toSeconds());
        double alarmRefreshes = 3600.0 / Math.max(1, alarmsInterval.toSeconds());
        return series * metricRefreshes * USD_PER_METRIC_REQUESTED
                + otherCloudWatchCallsPerRefresh * alarmRefreshes * USD_PER_CLOUDWATCH_REQUEST;
    }
}
