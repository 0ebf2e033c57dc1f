package io.nutrisage.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource.CapacityRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTrackingScalerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AtomicInteger ids = new AtomicInteger();
    private int capacity = 1;
    private Instant now = T0;
    private final List<ScalingActivity> activities = new ArrayList<>();
    private final List<AlarmTransition> transitions = new ArrayList<>();

    private TargetTrackingScaler scaler(AutoscalingSettings settings) {
        return new TargetTrackingScaler(
                settings, "service/nutrisage-cluster/nutrisage", T0, () -> "id-" + ids.incrementAndGet());
    }

    private static AutoscalingSettings cpuOnly(int min, int max) {
        return new AutoscalingSettings(
                new CapacityRange(min, max),
                List.of(new ScalingPolicy(
                        "nutrisage-cpu",
                        MetricId.CPU_UTILIZATION,
                        40,
                        Duration.ofSeconds(300),
                        Duration.ofSeconds(300))),
                MINUTE);
    }

    /** Feeds one datapoint per minute and applies any activity to the capacity. */
    private Optional<ScalingActivity> period(TargetTrackingScaler scaler, Map<MetricId, Double> values) {
        now = now.plus(MINUTE);
        var outcome = scaler.onPeriod(now, values, capacity);
        transitions.addAll(outcome.transitions());
        outcome.activity().ifPresent(a -> {
            activities.add(a);
            capacity = a.toCapacity();
        });
        return outcome.activity();
    }

    @Test
    void highAlarmNeedsThreeConsecutiveDatapointsAboveTargetThenScalesOutProportionally() {
        var scaler = scaler(cpuOnly(1, 5));
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0))).isEmpty();
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0))).isEmpty();
        Optional<ScalingActivity> third = period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));

        // ceil(1 x 90 / 40) = 3
        assertThat(third).hasValueSatisfying(a -> {
            assertThat(a.description()).isEqualTo("Setting desired count to 3.");
            assertThat(a.cause())
                    .startsWith("monitor alarm TargetTracking-service/nutrisage-cluster/nutrisage-AlarmHigh-")
                    .endsWith(" in state ALARM triggered policy nutrisage-cpu");
            assertThat(a.statusCode()).isEqualTo("Successful");
            assertThat(a.startTime()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        });
        assertThat(transitions)
                .filteredOn(t -> t.alarmName().contains("AlarmHigh") && t.to() == AlarmState.ALARM)
                .singleElement()
                .satisfies(t -> assertThat(t.reason())
                        .isEqualTo(
                                "Threshold Crossed: 3 datapoints [90.0 (23/11/26 17:01:00), 90.0 (23/11/26 17:02:00),"
                                        + " 90.0 (23/11/26 17:03:00)] were greater than the threshold (40.0)."));
    }

    @Test
    void aDipBelowTargetResetsTheHighAlarmCount() {
        var scaler = scaler(cpuOnly(1, 5));
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 30.0));
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        assertThat(activities).isEmpty();
    }

    @ParameterizedTest(name = "{0} tasks at {1} % CPU -> {2}")
    @CsvSource(textBlock = """
            1,  41, 2
            2,  90, 5
            3,  60, 5
            4, 400, 5
            """)
    void scaleOutIsProportionalAndClampedToMax(int current, double cpu, int expected) {
        capacity = current;
        var scaler = scaler(cpuOnly(1, 5));
        for (int i = 0; i < 3; i++) {
            period(scaler, Map.of(MetricId.CPU_UTILIZATION, cpu));
        }
        assertThat(capacity).isEqualTo(expected);
    }

    @Test
    void scaleOutCooldownOf300SecondsBlocksTheNextScaleOutForFivePeriods() {
        var scaler = scaler(cpuOnly(1, 10));
        for (int i = 0; i < 3; i++) {
            period(scaler, Map.of(MetricId.CPU_UTILIZATION, 50.0));
        }
        assertThat(capacity).isEqualTo(2);
        // 17:03 scaled; the alarm stays in ALARM; next allowed at 17:08.
        for (int i = 0; i < 4; i++) {
            assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 50.0))).isEmpty();
        }
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 50.0)))
                .hasValueSatisfying(a -> assertThat(a.startTime()).isEqualTo(T0.plus(Duration.ofMinutes(8))));
        assertThat(capacity).isEqualTo(3);
    }

    @Test
    void duringTheScaleOutCooldownOnlyALargerScaleOutHappensCountingTheCapacityAlreadyAdded() {
        var scaler = scaler(cpuOnly(1, 10));
        for (int i = 0; i < 3; i++) {
            period(scaler, Map.of(MetricId.CPU_UTILIZATION, 50.0));
        }
        assertThat(capacity).isEqualTo(2);

        // 17:04, in the 17:03 cooldown: the 1 task added counts, so the proposal starts from 1 task:
        // ceil(1 x 120 / 40) = 3 > 2 scales out (AWS: "scales out only if the new calculated capacity is larger").
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 120.0))).hasValueSatisfying(a -> {
            assertThat(a.startTime()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
            assertThat(a.fromCapacity()).isEqualTo(2);
            assertThat(a.description()).isEqualTo("Setting desired count to 3.");
        });
        // 17:05, in the 17:04 cooldown: from the 2 tasks before it, ceil(2 x 60 / 40) = 3 is not larger than 3.
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 60.0))).isEmpty();
        // Counting from the current 3 tasks would have been ceil(3 x 60 / 40) = 5: the added task counted twice.
        assertThat(capacity).isEqualTo(3);
    }

    @Test
    void lowAlarmNeedsFifteenDatapointsBelowNinetyPercentOfTargetAndScaleInIsGradual() {
        capacity = 4;
        var scaler = scaler(cpuOnly(1, 5));
        for (int i = 0; i < 14; i++) {
            assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 5.0))).isEmpty();
        }
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 5.0))).hasValueSatisfying(a -> {
            assertThat(a.description()).isEqualTo("Setting desired count to 3.");
            assertThat(a.cause()).contains("-AlarmLow-").endsWith("triggered policy nutrisage-cpu");
        });
        // Next scale-in only after the 300 s scale-in cooldown: 5 periods later.
        for (int i = 0; i < 4; i++) {
            assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 5.0))).isEmpty();
        }
        assertThat(period(scaler, Map.of(MetricId.CPU_UTILIZATION, 5.0))).isPresent();
        assertThat(capacity).isEqualTo(2);
    }

    @Test
    void valueJustAboveNinetyPercentOfTargetNeverRaisesTheLowAlarm() {
        capacity = 3;
        var scaler = scaler(cpuOnly(1, 5));
        for (int i = 0; i < 30; i++) {
            period(scaler, Map.of(MetricId.CPU_UTILIZATION, 36.5));
        }
        assertThat(activities).isEmpty();
    }

    @Test
    void neverScalesBelowMinimum() {
        capacity = 1;
        var scaler = scaler(cpuOnly(1, 5));
        for (int i = 0; i < 40; i++) {
            period(scaler, Map.of(MetricId.CPU_UTILIZATION, 0.0));
        }
        assertThat(activities).isEmpty();
        assertThat(scaler.alarms())
                .filteredOn(a -> a.name().contains("AlarmLow"))
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlarmState.ALARM));
    }

    @Test
    void withSeveralPoliciesTheLargestScaleOutCapacityWins() {
        var scaler = scaler(AutoscalingSettings.defaults(MINUTE));
        for (int i = 0; i < 3; i++) {
            // requests: ceil(1 x 60 / 30) = 2; cpu: ceil(1 x 130 / 40) = 4
            period(scaler, Map.of(MetricId.REQUEST_COUNT_PER_TARGET, 60.0, MetricId.CPU_UTILIZATION, 130.0));
        }
        assertThat(activities).singleElement().satisfies(a -> {
            assertThat(a.toCapacity()).isEqualTo(4);
            assertThat(a.cause()).endsWith("triggered policy nutrisage-cpu");
        });
    }

    @Test
    void scaleInWaitsUntilEveryPolicyIsReadyToScaleIn() {
        capacity = 3;
        var scaler = scaler(AutoscalingSettings.defaults(MINUTE));
        for (int i = 0; i < 20; i++) {
            // Requests are low, CPU sits at its target: only one policy wants to scale in.
            period(scaler, Map.of(MetricId.REQUEST_COUNT_PER_TARGET, 1.0, MetricId.CPU_UTILIZATION, 40.0));
        }
        assertThat(activities).isEmpty();
        for (int i = 0; i < 15; i++) {
            period(scaler, Map.of(MetricId.REQUEST_COUNT_PER_TARGET, 1.0, MetricId.CPU_UTILIZATION, 3.0));
        }
        assertThat(activities).singleElement().satisfies(a -> assertThat(a.toCapacity())
                .isEqualTo(2));
    }

    @Test
    void missingDatapointsNeitherBreachNorClearAnAlarm() {
        var scaler = scaler(cpuOnly(1, 5));
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        period(scaler, Map.of());
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        assertThat(activities).isEmpty();
        period(scaler, Map.of(MetricId.CPU_UTILIZATION, 90.0));
        assertThat(activities).hasSize(1);
    }

    @Test
    void sandboxMinuteCompressesCooldowns() {
        var settings = AutoscalingSettings.defaults(Duration.ofSeconds(2));
        assertThat(settings.toSandboxTime(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void defaultsMatchTheInfraTemplates() {
        var settings = AutoscalingSettings.defaults(MINUTE);
        assertThat(settings.capacity()).isEqualTo(new CapacityRange(1, 5));
        assertThat(settings.policies())
                .extracting(ScalingPolicy::metric, ScalingPolicy::targetValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MetricId.REQUEST_COUNT_PER_TARGET, 30.0),
                        org.assertj.core.groups.Tuple.tuple(MetricId.CPU_UTILIZATION, 40.0));
        assertThat(settings.policies()).allSatisfy(p -> {
            assertThat(p.scaleOutCooldown()).isEqualTo(Duration.ofSeconds(60));
            assertThat(p.scaleInCooldown()).isEqualTo(Duration.ofSeconds(300));
        });
    }
}
