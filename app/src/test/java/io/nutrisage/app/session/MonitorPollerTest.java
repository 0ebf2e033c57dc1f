package io.nutrisage.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmSource;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetSource;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.LogSource;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.app.monitoring.MetricsSource;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.ScalingSource;
import io.nutrisage.app.monitoring.ServiceEvent;
import io.nutrisage.app.monitoring.TargetStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a poll carries beyond the datapoints, as far as the charts' thresholds need it. */
class MonitorPollerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private final ScalingPolicy cpu =
            new ScalingPolicy("cpu-45", MetricId.CPU_UTILIZATION, 45, Duration.ofSeconds(60), Duration.ofSeconds(300));
    private final Alarm highCpu = new Alarm(
            "HighCPU", "cpu", AlarmState.OK, "", T0, Optional.of(new Alarm.Threshold(MetricId.CPU_UTILIZATION, 75)));
    private boolean failing;

    @Test
    void theTargetsPoliciesAndAlarmsReachTheTimelineAndOutliveAFailedPoll() {
        MonitorPoller poller = new MonitorPoller(new Target(), InstantSource.fixed(T0));
        RunTimeline timeline = new RunTimeline(T0);

        MonitorUpdate update = poller.poll();
        timeline.apply(update);

        assertThat(update.policies()).containsExactly(cpu);
        assertThat(timeline.policies()).containsExactly(cpu);
        assertThat(timeline.alarms()).containsExactly(highCpu);

        failing = true;
        MonitorUpdate failed = poller.poll();
        timeline.apply(failed);

        assertThat(failed.error()).isPresent();
        assertThat(timeline.policies()).as("what the last successful poll said").containsExactly(cpu);
        assertThat(timeline.alarms()).containsExactly(highCpu);
    }

    @Test
    void requestsPerTargetIsChartedAsItsOwnTrace() {
        RunTimeline timeline = new RunTimeline(T0);
        timeline.addMetric(
                MetricId.REQUEST_COUNT_PER_TARGET, new io.nutrisage.app.monitoring.Datapoint(T0.plusSeconds(3), 27));

        assertThat(RunTimeline.traceOf(MetricId.REQUEST_COUNT_PER_TARGET)).contains(Trace.REQUESTS_PER_TARGET);
        assertThat(timeline.trace(Trace.REQUESTS_PER_TARGET).lastY()).isEqualTo(27);
        assertThat(RunTimeline.traceOf(MetricId.REQUEST_RATE))
                .as("the front's requests, beside loadgen's target and achieved rates")
                .contains(Trace.SERVED_RATE);
        assertThat(RunTimeline.traceOf(MetricId.TARGET_RESPONSE_TIME_P90)).contains(Trace.P90_FRONT);
    }

    /** A target with one policy and one alarm, whose scaling source fails while {@link #failing}. */
    private final class Target implements MonitoringTarget {
        @Override
        public String displayName() {
            return "fake";
        }

        @Override
        public TargetStatus status() {
            return new TargetStatus(ConnectionState.CONNECTED, "", Optional.of(T0));
        }

        @Override
        public URI serviceEndpoint() {
            return URI.create("http://127.0.0.1:9");
        }

        @Override
        public MetricsSource metrics() {
            return (Set<MetricId> ids, Instant after) -> List.<MetricSeries>of();
        }

        @Override
        public FleetSource fleet() {
            return new FleetSource() {
                @Override
                public FleetStatus status() {
                    return new FleetStatus(T0, 1, 1, 0, List.of());
                }

                @Override
                public List<ServiceEvent> recentEvents() {
                    return List.of();
                }
            };
        }

        @Override
        public ScalingSource scaling() {
            return new ScalingSource() {
                @Override
                public List<ScalingActivity> recentActivities() {
                    return List.of();
                }

                @Override
                public List<ScalingPolicy> policies() {
                    if (failing) {
                        throw new IllegalStateException("scaling unavailable");
                    }
                    return List.of(cpu);
                }

                @Override
                public CapacityRange capacityRange() {
                    return new CapacityRange(1, 5);
                }
            };
        }

        @Override
        public AlarmSource alarms() {
            return new AlarmSource() {
                @Override
                public List<Alarm> alarms() {
                    return List.of(highCpu);
                }

                @Override
                public List<AlarmTransition> recentTransitions() {
                    return List.of();
                }
            };
        }

        @Override
        public LogSource logs() {
            return (filter, limit) -> List.of();
        }

        @Override
        public void close() {}
    }
}
