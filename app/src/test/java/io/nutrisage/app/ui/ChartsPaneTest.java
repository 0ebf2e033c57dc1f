package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.session.RunTimeline;
import java.time.Instant;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dashboard's charts in a real (headless) scene: their y scales. */
@ExtendWith(ApplicationExtension.class)
class ChartsPaneTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private ChartsPane charts;

    @Start
    void start(Stage stage) {
        charts = new ChartsPane();
        stage.setScene(new Scene(charts, 1200, 1200));
        stage.show();
    }

    @Test
    void yAxesStartAtZeroAndGrowInRoundStepsWithTheData(FxRobot robot) {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 10; s++) {
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(s), 55));
            timeline.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(s), s == 5 ? 230 : 4));
        }
        robot.interact(() -> charts.refresh(timeline));

        XYChart cpu = chart("cpu-memory");
        XYChart latency = chart("latency");
        XYChart errors = chart("errors");
        assertThat(cpu.getYAxis().getMin()).isZero();
        assertThat(cpu.getYAxis().getMax())
                .as("55 %% peak, 10 %% headroom, rounded up")
                .isEqualTo(100);
        assertThat(latency.getYAxis().getMax())
                .as("230 ms peak, 10 %% headroom, rounded up")
                .isEqualTo(500);
        assertThat(errors.getYAxis().getMax())
                .as("no errors: the minimum scale")
                .isEqualTo(1);
    }

    @Test
    void aOneSecondSpikeInTwoHoursOfDataIsDrawn(FxRobot robot) throws Exception {
        javafx.scene.image.Image flat = plotWithCpu(robot, -1);
        javafx.scene.image.Image spiked = plotWithCpu(robot, 3_600);

        // 7,200 points across a few hundred pixel columns: the reduction keeps each column's extremes, so the one
        // second at 90 % draws a line from the 10 % level up to near the top.
        int changedRowsInUpperHalf = 0;
        for (int y = 0; y < (int) flat.getHeight() / 2; y++) {
            for (int x = 0; x < (int) flat.getWidth(); x++) {
                if (flat.getPixelReader().getArgb(x, y)
                        != spiked.getPixelReader().getArgb(x, y)) {
                    changedRowsInUpperHalf++;
                    break;
                }
            }
        }
        assertThat(changedRowsInUpperHalf)
                .as("rows changed of %s x %s", flat.getWidth(), flat.getHeight())
                .isGreaterThan((int) flat.getHeight() / 4);
    }

    private javafx.scene.image.Image plotWithCpu(FxRobot robot, int spikeAt) throws Exception {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < RunTimeline.CAPACITY; s++) {
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(s), s == spikeAt ? 90 : 10));
        }
        robot.interact(() -> charts.refresh(timeline));
        // chartfx draws in the pulse after the update; snapshot in a later task.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        return org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> chart("cpu-memory").snapshot(null, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void axisTopsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ChartsPane.yAxisTop(0)).isZero();
        assertThat(ChartsPane.yAxisTop(Double.NaN)).isZero();
        assertThat(ChartsPane.yAxisTop(0.8)).isEqualTo(1);
        assertThat(ChartsPane.yAxisTop(1.5)).isEqualTo(2);
        assertThat(ChartsPane.yAxisTop(3)).isEqualTo(5);
        assertThat(ChartsPane.yAxisTop(95)).isEqualTo(200);
        assertThat(ChartsPane.yAxisTop(350)).isEqualTo(500);
    }

    private XYChart chart(String id) {
        return charts.charts().stream()
                .filter(c -> c.getId().equals("chart-" + id))
                .findFirst()
                .orElseThrow();
    }
}
