package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingActivitiesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalingPoliciesResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.NotScaledReason;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;

/**
 * Application Auto Scaling of the ECS service: activities (including not-scaled ones) and target-tracking policies
 * with the scalable target's capacity range. Activities do not say the capacity they started from: it is taken from
 * the previous activity (or a not-scaled reason's current capacity), else guessed from the alarm that caused it.
 */
final class AwsScaling implements ScalingSource {
    static final int MAX_ACTIVITY_PAGES = 4;
    private static final Pattern TO_COUNT = Pattern.compile("desired count to (\\d+)");
    /** The built-in ECS target-tracking default when a policy leaves a cooldown unset. */
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(300);

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final Refresher activitiesRefresher;
    private final Refresher policiesRefresher;
    private volatile List<ScalingActivity> activities = List.of();
    private volatile List<ScalingPolicy> policies = List.of();
    private volatile CapacityRange capacity = new CapacityRange(0, 0);

    AwsScaling(AwsConnection connection, AwsTargetSpec spec, AwsPolling polling, Clock clock, FeedHealth health) {
        this.connection = connection;
        this.spec = spec;
        String profile = connection.settings().profileLabel();
        this.activitiesRefresher = new Refresher(
                "Application Auto Scaling DescribeScalingActivities",
                polling.scalingInterval(),
                clock,
                health,
                profile);
        this.policiesRefresher = new Refresher(
                "Application Auto Scaling DescribeScalingPolicies", polling.policiesInterval(), clock, health, profile);
    }

    @Override
    public List<ScalingActivity> recentActivities() {
        activitiesRefresher.refresh(this::fetchActivities);
        return activities;
    }

    @Override
    public List<ScalingPolicy> policies() {
        policiesRefresher.refresh(this::fetchPolicies);
        return policies;
    }

    @Override
    public CapacityRange capacityRange() {
        policiesRefresher.refresh(this::fetchPolicies);
        return capacity;
    }

    void close() {
        activitiesRefresher.close();
        policiesRefresher.close();
    }

    private void fetchActivities() {
        List<software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity> raw = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeScalingActivitiesResponse page =
                    connection.call("Application Auto Scaling DescribeScalingActivities", () -> connection
                            .autoScaling()
                            .describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS)
                                    .resourceId(spec.scalableResourceId())
                                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                                    .includeNotScaledActivities(true)
                                    .maxResults(50)
                                    .nextToken(next)));
            raw.addAll(page.scalingActivities());
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_ACTIVITY_PAGES);
        activities = toActivities(raw);
    }

    /** Newest first, with from/to capacities reconstructed oldest first. */
    static List<ScalingActivity> toActivities(
            List<software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity> raw) {
        List<software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity> oldestFirst = raw.stream()
                .filter(a -> a.startTime() != null && a.activityId() != null)
                .sorted(Comparator.comparing(
                        software.amazon.awssdk.services.applicationautoscaling.model.ScalingActivity::startTime))
                .toList();
        List<ScalingActivity> out = new ArrayList<>();
        Integer previous = null;
        for (var a : oldestFirst) {
            String description = nullToEmpty(a.description());
            String cause = nullToEmpty(a.cause());
            Optional<Integer> current = a.notScaledReasons().stream()
                    .map(NotScaledReason::currentCapacity)
                    .filter(c -> c != null)
                    .findFirst();
            Optional<Integer> setTo = desiredCountIn(description);
            boolean notScaled = !a.notScaledReasons().isEmpty();
            int to;
            int from;
            if (notScaled) {
                to = current.orElse(previous != null ? previous : setTo.orElse(0));
                from = to;
            } else {
                to = setTo.orElse(previous == null ? 0 : previous);
                if (previous != null) {
                    from = previous;
                } else if (cause.contains("AlarmHigh")) {
                    from = Math.max(0, to - 1);
                } else if (cause.contains("AlarmLow")) {
                    from = to + 1;
                } else {
                    from = to;
                }
            }
            String status = a.statusCodeAsString() == null ? "" : a.statusCodeAsString();
            if (!a.notScaledReasons().isEmpty()) {
                description = description + " (not scaled: "
                        + a.notScaledReasons().stream()
                                .map(NotScaledReason::code)
                                .reduce((x, y) -> x + ", " + y)
                                .orElse("")
                        + ")";
            }
            out.add(new ScalingActivity(a.activityId(), a.startTime(), description, cause, status, from, to));
            if (notScaled ? current.isPresent() : "Successful".equals(status)) {
                previous = to;
            }
        }
        return out.reversed();
    }

    private void fetchPolicies() {
        List<ScalingPolicy> found = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeScalingPoliciesResponse page = connection.call(
                    "Application Auto Scaling DescribeScalingPolicies",
                    () -> connection.autoScaling().describeScalingPolicies(r -> r.serviceNamespace(ServiceNamespace.ECS)
                            .resourceId(spec.scalableResourceId())
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                            .nextToken(next)));
            for (var p : page.scalingPolicies()) {
                toPolicy(p.policyName(), p.targetTrackingScalingPolicyConfiguration())
                        .ifPresent(found::add);
            }
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_ACTIVITY_PAGES);
        DescribeScalableTargetsResponse targets = connection.call(
                "Application Auto Scaling DescribeScalableTargets",
                () -> connection.autoScaling().describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceIds(spec.scalableResourceId())
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
        targets.scalableTargets().stream()
                .filter(t -> t.minCapacity() != null && t.maxCapacity() != null)
                .findFirst()
                .ifPresent(t -> capacity = new CapacityRange(t.minCapacity(), t.maxCapacity()));
        policies = List.copyOf(found);
    }

    /**
     * A target-tracking policy on its series: ALBRequestCountPerTarget targets the per-minute sum, which is also the
     * unit of the console's REQUEST_COUNT_PER_TARGET series ("requests/target").
     */
    static Optional<ScalingPolicy> toPolicy(String name, TargetTrackingScalingPolicyConfiguration config) {
        if (config == null || config.targetValue() == null || config.predefinedMetricSpecification() == null) {
            return Optional.empty(); // step scaling or customized metrics: not drawn
        }
        String type = config.predefinedMetricSpecification().predefinedMetricTypeAsString();
        MetricId metric;
        double target = config.targetValue();
        switch (type) {
            case "ECSServiceAverageCPUUtilization" -> metric = MetricId.CPU_UTILIZATION;
            case "ECSServiceAverageMemoryUtilization" -> metric = MetricId.MEMORY_UTILIZATION;
            case "ALBRequestCountPerTarget" -> metric = MetricId.REQUEST_COUNT_PER_TARGET;
            default -> {
                return Optional.empty();
            }
        }
        if (!(target > 0)) {
            return Optional.empty();
        }
        return Optional.of(new ScalingPolicy(
                name, metric, target, seconds(config.scaleOutCooldown()), seconds(config.scaleInCooldown())));
    }

    private static Duration seconds(Integer value) {
        return value == null || value < 0 ? DEFAULT_COOLDOWN : Duration.ofSeconds(value);
    }

    private static Optional<Integer> desiredCountIn(String description) {
        Matcher m = TO_COUNT.matcher(description);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
