package io.nutrisage.app.sandbox;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Application Auto Scaling target tracking, evaluated once per period on the period's datapoints. Pure: no clock, no
 * threads; the caller passes the end of each period.
 *
 * <ul>
 *   <li>Each policy owns a high alarm (3 consecutive datapoints above the target) and a low alarm (15 below 0.9 x
 *       target).
 *   <li>While a high alarm is in ALARM, capacity goes to {@code ceil(current x metric / target)}; with several
 *       policies the largest capacity wins.
 *   <li>During a policy's scale-out cooldown, the capacity the last scale-out added counts as part of the next
 *       scale-out: the proposal starts from the capacity before that activity, and scales out only when it is larger
 *       than the current capacity (a larger scale-out is not blocked, a repeated one is).
 *   <li>Scale-in happens only when every policy's low alarm is in ALARM, no scale-out or scale-in cooldown runs, and
 *       removes at most one task per activity (gradual); the largest proposal wins.
 *   <li>All capacities are clamped to [min, max]; a proposal equal to the current capacity is no activity.
 * </ul>
 */
public final class TargetTrackingScaler {
    private final AutoscalingSettings settings;
    private final String resourceId;
    private final Supplier<String> ids;
    private final List<PolicyState> policies = new ArrayList<>();
    private Instant lastScaleOut = Instant.MIN;
    /** The capacity before the last scale-out: the base of scale-out proposals during its cooldown. */
    private int capacityBeforeLastScaleOut;

    private Instant lastScaleIn = Instant.MIN;

    /**
     * @param resourceId the scalable target, e.g. {@code service/nutrisage/nutrisage-predictor}
     * @param ids unique ids for activities and alarm transitions
     */
    public TargetTrackingScaler(
            AutoscalingSettings settings, String resourceId, Instant createdAt, Supplier<String> ids) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        this.ids = Objects.requireNonNull(ids, "ids");
        for (ScalingPolicy policy : settings.policies()) {
            policies.add(new PolicyState(policy, createdAt));
        }
    }

    /** What one period changed: alarm transitions and at most one scaling activity. */
    public record PeriodOutcome(List<AlarmTransition> transitions, Optional<ScalingActivity> activity) {
        public PeriodOutcome {
            transitions = List.copyOf(transitions);
            Objects.requireNonNull(activity, "activity");
        }
    }

    /**
     * Evaluates the period ending at {@code periodEnd}.
     *
     * @param datapoints the period's value per metric; a missing metric is a missing datapoint
     * @param currentCapacity the service's desired count before this period's decision
     */
    public PeriodOutcome onPeriod(Instant periodEnd, Map<MetricId, Double> datapoints, int currentCapacity) {
        List<AlarmTransition> transitions = new ArrayList<>();
        for (PolicyState p : policies) {
            Double value = datapoints.get(p.policy.metric());
            OptionalDouble datapoint = value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
            p.high.evaluate(periodEnd, datapoint).ifPresent(transitions::add);
            p.low.evaluate(periodEnd, datapoint).ifPresent(transitions::add);
            if (value != null) {
                p.lastValue = value;
            }
        }
        return new PeriodOutcome(transitions, decide(periodEnd, currentCapacity));
    }

    private Optional<ScalingActivity> decide(Instant now, int current) {
        PolicyState outWinner = null;
        int outCapacity = current;
        for (PolicyState p : policies) {
            if (p.high.state() != AlarmState.ALARM) {
                continue;
            }
            // In the cooldown the metric does not yet show the capacity the last scale-out added (tasks are still
            // starting), so starting from the current capacity would count that capacity twice.
            boolean cooling = now.isBefore(plus(lastScaleOut, p.policy.scaleOutCooldown()));
            int base = cooling ? capacityBeforeLastScaleOut : current;
            int proposal = settings.capacity().clamp((int) Math.ceil(base * p.lastValue / p.policy.targetValue()));
            if (proposal > outCapacity) {
                outCapacity = proposal;
                outWinner = p;
            }
        }
        if (outWinner != null) {
            capacityBeforeLastScaleOut = current;
            lastScaleOut = now;
            return Optional.of(activity(now, current, outCapacity, outWinner.high, outWinner.policy));
        }

        boolean allReadyToScaleIn = policies.stream()
                .allMatch(p -> p.low.state() == AlarmState.ALARM
                        && !now.isBefore(plus(lastScaleIn, p.policy.scaleInCooldown()))
                        && !now.isBefore(plus(lastScaleOut, p.policy.scaleOutCooldown())));
        if (!allReadyToScaleIn) {
            return Optional.empty();
        }
        int inCapacity = Integer.MIN_VALUE;
        PolicyState inWinner = null;
        for (PolicyState p : policies) {
            int proportional = (int) Math.ceil(current * p.lastValue / p.policy.targetValue());
            int proposal = settings.capacity().clamp(Math.max(proportional, current - 1));
            if (proposal > inCapacity) {
                inCapacity = proposal;
                inWinner = p;
            }
        }
        if (inCapacity >= current) {
            return Optional.empty();
        }
        lastScaleIn = now;
        return Optional.of(activity(now, current, inCapacity, inWinner.low, inWinner.policy));
    }

    private Instant plus(Instant last, java.time.Duration awsCooldown) {
        return last == Instant.MIN ? Instant.MIN : last.plus(settings.toSandboxTime(awsCooldown));
    }

    private ScalingActivity activity(Instant now, int from, int to, AlarmEvaluator alarm, ScalingPolicy policy) {
        return new ScalingActivity(
                ids.get(),
                now,
                "Setting desired count to " + to + ".",
                "monitor alarm " + alarm.definition().name() + " in state ALARM triggered policy " + policy.name(),
                "Successful",
                from,
                to);
    }

    /** Current state of every policy's high and low alarm. */
    public List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        for (PolicyState p : policies) {
            alarms.add(p.high.snapshot());
            alarms.add(p.low.snapshot());
        }
        return alarms;
    }

    private final class PolicyState {
        final ScalingPolicy policy;
        final AlarmEvaluator high;
        final AlarmEvaluator low;
        double lastValue;

        PolicyState(ScalingPolicy policy, Instant createdAt) {
            this.policy = policy;
            // Target tracking names its alarms TargetTracking-<resource>-AlarmHigh-<uuid>.
            String suffix = UUID.nameUUIDFromBytes(
                            (resourceId + "/" + policy.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
            this.high = new AlarmEvaluator(
                    new AlarmDefinition(
                            Alarm.TARGET_TRACKING_PREFIX + resourceId + "-AlarmHigh-" + suffix,
                            "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policy.name() + ".",
                            policy.metric(),
                            AlarmDefinition.Comparison.GREATER_THAN,
                            policy.targetValue(),
                            AutoscalingSettings.HIGH_ALARM_DATAPOINTS,
                            AutoscalingSettings.HIGH_ALARM_DATAPOINTS),
                    createdAt,
                    ids);
            this.low = new AlarmEvaluator(
                    new AlarmDefinition(
                            Alarm.TARGET_TRACKING_PREFIX + resourceId + "-AlarmLow-" + suffix,
                            "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policy.name() + ".",
                            policy.metric(),
                            AlarmDefinition.Comparison.LESS_THAN,
                            AutoscalingSettings.LOW_ALARM_FACTOR * policy.targetValue(),
                            AutoscalingSettings.LOW_ALARM_DATAPOINTS,
                            AutoscalingSettings.LOW_ALARM_DATAPOINTS),
                    createdAt,
                    ids);
        }
    }
}
