package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.AwsStub.Point;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.session.MonitorPoller;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.RingSeries;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch 1-minute datapoints that arrive after newer ones, or are revised, reach the charts: the real SDK against
 * the stub, the AWS backend's trailing re-read, the poller's revision window and the timeline's ordered traces.
 */
class LateDatapointsTest {
    private static final AwsStub.MetricKey CPU = NutriSageStack.SERIES.get("CPU_UTILIZATION");
    private StubFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
        // CloudWatch has not got the minute 11:57 yet (stamped 11:58 by the console): minutes 0-6, 8 and 9 only.
        List<Point> cpu = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (i != 7) {
                cpu.add(new Point(minute(i), NutriSageStack.rawValue("CPU_UTILIZATION", i)));
            }
        }
        fx.stub.putMetric(CPU, cpu);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static Instant minute(int i) {
        return StubFixture.FIRST_MINUTE.plus(Duration.ofMinutes(i));
    }

    /** The console stamps a minute at its end. */
    private static double seconds(RunTimeline t, int minuteIndex) {
        return t.secondsOf(minute(minuteIndex + 1));
    }

    @Test
    void aLatePointIsInsertedInTimeOrderAndARevisedValueReplacesTheOldOne() {
        try (AwsMonitoringTarget target = fx.connect()) {
            MonitorPoller poller = new MonitorPoller(target, fx.clock);
            RunTimeline timeline = new RunTimeline(StubFixture.FIRST_MINUTE);
            timeline.apply(poller.poll());
            RingSeries cpu = timeline.trace(Trace.CPU);
            assertThat(cpu.size()).isEqualTo(9);
            long drawn = cpu.version();

            // 11:57 arrives late, after 11:58 and 11:59 were shown, and CloudWatch revises 11:58 (more tasks reported).
            fx.stub.addMetricPoint(CPU, new Point(minute(7), 58));
            List<Point> revised = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                revised.add(new Point(minute(i), i == 8 ? 71 : NutriSageStack.rawValue("CPU_UTILIZATION", i)));
            }
            fx.stub.putMetric(CPU, revised);
            fx.clock.advance(Duration.ofSeconds(30));
            MonitorUpdate update = poller.poll();

            assertThat(update.points().get(MetricId.CPU_UTILIZATION))
                    .containsExactly(new Datapoint(minute(8), 58), new Datapoint(minute(9), 71));
            timeline.apply(update);
            assertThat(cpu.size()).isEqualTo(10);
            assertThat(cpu.version()).isGreaterThan(drawn);
            for (int i = 0; i < 10; i++) {
                double expected = i == 7 ? 58 : i == 8 ? 71 : NutriSageStack.rawValue("CPU_UTILIZATION", i);
                assertThat(cpu.x(i)).as("time of minute " + i).isEqualTo(seconds(timeline, i));
                assertThat(cpu.y(i)).as("value of minute " + i).isEqualTo(expected);
            }

            // Nothing changed since: nothing delivered again, the chart is not redrawn.
            fx.clock.advance(Duration.ofSeconds(30));
            MonitorUpdate quiet = poller.poll();
            assertThat(quiet.points().get(MetricId.CPU_UTILIZATION)).isEmpty();
            long settled = cpu.version();
            timeline.apply(quiet);
            assertThat(cpu.version()).isEqualTo(settled);
        }
    }

    @Test
    void aNewMinuteStillArrivesOnceAfterLatePointsWereTaken() {
        try (AwsMonitoringTarget target = fx.connect()) {
            MonitorPoller poller = new MonitorPoller(target, fx.clock);
            poller.poll();
            fx.stub.addMetricPoint(CPU, new Point(minute(7), 58));
            fx.stub.addMetricPoint(CPU, new Point(minute(10), 90));
            fx.clock.advance(Duration.ofMinutes(1));

            assertThat(poller.poll().points().get(MetricId.CPU_UTILIZATION))
                    .containsExactly(new Datapoint(minute(8), 58), new Datapoint(minute(11), 90));
            fx.clock.advance(Duration.ofSeconds(30));
            assertThat(poller.poll().points().get(MetricId.CPU_UTILIZATION)).isEmpty();
        }
    }
}
