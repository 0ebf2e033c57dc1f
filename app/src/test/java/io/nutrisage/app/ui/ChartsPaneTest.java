package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingPolicy;
import io.nutrisage.app.monitoring.TargetStatus;
import io.nutrisage.app.session.Checklist;
import io.nutrisage.app.session.DriftBands;
import io.nutrisage.app.session.MonitorUpdate;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import io.nutrisage.predictor.model.DriftBand;
import java.time.Instant;
import java.util.List;
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
        assertThat(latency.getYAxis().isLogAxis()).isTrue();
        assertThat(latency.getYAxis().getMin())
                .as("the power of ten under the least value, 4 ms")
                .isEqualTo(1);
        assertThat(latency.getYAxis().getMax())
                .as("above the 230 ms peak and the %s ms p90 limit, rounded up", Checklist.P90_LIMIT_MS)
                .isEqualTo(ChartsPane.yAxisTop(Checklist.P90_LIMIT_MS));
        assertThat(errors.getYAxis().getMax())
                .as("no errors: the minimum scale")
                .isEqualTo(1);
    }

    @Test
    void historyFetchedAtConnectIsOnTheAxisBeforeTheRunsOrigin(FxRobot robot) {
        // An AWS target answers its last ten minutes at connect: points before the timeline's origin.
        RunTimeline timeline = new RunTimeline(T0);
        for (int minute = -10; minute <= 0; minute++) {
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(60L * minute), 20));
        }
        robot.interact(() -> charts.refresh(timeline));

        XYChart cpu = chart("cpu-memory");
        assertThat(cpu.getXAxis().getMin())
                .as("the axis starts at the first fetched minute, -600 s")
                .isEqualTo(-600);
        assertThat(chart("tasks").getXAxis().getMin())
                .as("one time axis for every chart")
                .isEqualTo(-600);
        assertThat(charts.points(Trace.CPU)).isEqualTo(11);
    }

    @Test
    void aLiveUpdateRedrawsOnlyWhenAPixelWouldChange(FxRobot robot) {
        // An hour on a plot about 1,100 pixels wide: about 3.3 s per pixel column. The time axis ends at 3,600 s.
        RunTimeline timeline = flatCpu(3_590);
        robot.interact(() -> charts.follow(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        assertThat(charts.points(Trace.CPU)).as("a new timeline is drawn").isEqualTo(3_590);

        cpu(timeline, 3_590, 10);
        cpu(timeline, 3_591, 10.01);
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.CPU))
                .as("two seconds in the same pixel column, under a pixel apart: nothing to redraw")
                .isEqualTo(3_590);

        cpu(timeline, 3_592, 19);
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.CPU))
                .as("a jump of many pixels is drawn at once")
                .isEqualTo(3_593);

        for (int s = 3_593; s < 3_600; s++) {
            cpu(timeline, s, 19);
            robot.interact(() -> charts.follow(timeline));
        }
        assertThat(charts.points(Trace.CPU))
                .as("a flat line is drawn as time passes each pixel column, not every second")
                .isBetween(3_594, 3_599);

        timeline.addPhaseStart(0, T0.plusSeconds(3_599), "60s@5");
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.CPU)).as("a marker is drawn at once").isEqualTo(3_600);
        assertThat(charts.markerCount()).isEqualTo(1);

        cpu(timeline, 3_601, 19);
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.CPU))
                .as("past the end of the time axis: drawn, axis extended")
                .isEqualTo(3_601);
        assertThat(chart("cpu-memory").getXAxis().getMax()).isEqualTo(3_630);
    }

    @Test
    void aLiveUpdateOfAShortRunDrawsEverySecond(FxRobot robot) {
        // A minute on the same width: every second is many pixel columns.
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 30; s++) {
            cpu(timeline, s, 10);
            robot.interact(() -> charts.follow(timeline));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents(1);
            assertThat(charts.points(Trace.CPU)).isEqualTo(s + 1);
        }
    }

    @Test
    void markerLabelsAreShortenedToTheRoomBeforeTheNextLabel(FxRobot robot) {
        RunTimeline timeline = flatCpu(3_590);
        // An hour wide: P1 has about 3 pixels before P2, P2 about 550, P3 the rest of the axis.
        timeline.addPhaseStart(0, T0.plusSeconds(100), "180s at 5/s");
        timeline.addPhaseStart(1, T0.plusSeconds(110), "180s at 50/s");
        timeline.addPhaseStart(2, T0.plusSeconds(1_900), "300s at 200/s");
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        robot.interact(() -> charts.refresh(timeline));

        assertThat(labelTexts()).containsExactly("P1", "P2 180s at 50/s", "P3 300s at 200/s");
        javafx.scene.text.Font font = javafx.scene.text.Font.font(12);
        assertThat(ChartsPane.fitting("P2 180s at 50/s", 60, font))
                .as("room for the phase and its rate, not the whole label")
                .isEqualTo("P2 50/s");
        assertThat(ChartsPane.fitting("P2 60s 100→5000/s", 20, font)).isEqualTo("P2");
        assertThat(ChartsPane.fitting("1→2", 1, font)).as("one word is kept").isEqualTo("1→2");
    }

    private java.util.List<String> labelTexts() {
        return chart("cpu-memory").getPlugins().stream()
                .filter(io.fair_acc.chartfx.plugins.XValueIndicator.class::isInstance)
                .map(p -> ((io.fair_acc.chartfx.plugins.XValueIndicator) p).getText())
                .toList();
    }

    /** {@code seconds} of CPU at 10 %. */
    private static RunTimeline flatCpu(int seconds) {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < seconds; s++) {
            cpu(timeline, s, 10);
        }
        return timeline;
    }

    private static void cpu(RunTimeline timeline, int second, double percent) {
        timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(second), percent));
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
    void aSparseLineIsDrawnBetweenItsPointsAndNowhereElse(FxRobot robot) throws Exception {
        javafx.scene.image.Image empty = canvasWithCpu(robot, new double[0]);
        // Two points a minute apart: the band renderer must interpolate across every pixel column between them.
        javafx.scene.image.Image line = canvasWithCpu(robot, new double[] {0, 10, 60, 90});
        XYChart cpu = chart("cpu-memory");
        double[] middle = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> new double[] {
                    cpu.getXAxis().getDisplayPosition(30),
                    cpu.getYAxis().getDisplayPosition(50),
                    cpu.getYAxis().getDisplayPosition(85)
                })
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cpu.getYAxis().getMax()).isEqualTo(100);
        int x = (int) middle[0];
        assertThat(changedPixels(empty, line, x, (int) middle[1] - 3, (int) middle[1] + 3))
                .as("pixels drawn at 30 s, half way up (50 %%)")
                .isPositive();
        assertThat(changedPixels(empty, line, x, (int) middle[2] - 3, (int) middle[2] + 3))
                .as("pixels drawn at 30 s near 85 %%, where the line is not")
                .isZero();
    }

    @Test
    void aScaleOutIsMarkedOnEveryChartAtItsTime(FxRobot robot) throws Exception {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 60; s++) {
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(s), 10));
        }
        timeline.addActivity(new io.nutrisage.app.monitoring.ScalingActivity(
                "a1",
                T0.plusSeconds(30),
                "Setting desired count to 2.",
                "monitor alarm TargetTracking-AlarmHigh in state ALARM triggered policy cpu",
                "Successful",
                1,
                2));
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(charts.markerCount()).isEqualTo(1);
        for (XYChart chart : charts.charts()) {
            javafx.scene.image.Image canvas = org.testfx.util.WaitForAsyncUtils.asyncFx(
                            () -> chart.getCanvas().snapshot(null, null))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            int x = org.testfx.util.WaitForAsyncUtils.asyncFx(
                            () -> (int) Math.floor(chart.getXAxis().getDisplayPosition(30)))
                    .get(20, java.util.concurrent.TimeUnit.SECONDS);
            int red = 0;
            for (int y = 0; y < (int) canvas.getHeight(); y++) {
                javafx.scene.paint.Color c = canvas.getPixelReader().getColor(x, y);
                if (c.getRed() > 0.7 && c.getGreen() < 0.3 && c.getBlue() < 0.3) {
                    red++;
                }
            }
            assertThat(red)
                    .as("red rows at t = 30 s in %s of height %s", chart.getId(), canvas.getHeight())
                    .isGreaterThan((int) canvas.getHeight() / 2);
        }
    }

    @Test
    void thePlotAreasLineUpOnTheSharedTimeAxis(FxRobot robot) throws Exception {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 100; s++) {
            // Different magnitudes give the y axes different label widths.
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(T0.plusSeconds(s), 5));
            timeline.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(s), 4_000));
            timeline.addMetric(MetricId.CONFIDENCE_AVG, new Datapoint(T0.plusSeconds(s), 0.8));
        }
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        java.util.List<javafx.geometry.Bounds> plots = org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> charts.charts().stream()
                                .map(c ->
                                        c.getCanvas().localToScene(c.getCanvas().getBoundsInLocal()))
                                .toList())
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        for (javafx.geometry.Bounds plot : plots) {
            assertThat(plot.getMinX())
                    .as("left edge of every plot area (all: %s)", plots)
                    .isCloseTo(plots.getFirst().getMinX(), org.assertj.core.data.Offset.offset(0.5));
            assertThat(plot.getWidth())
                    .isCloseTo(plots.getFirst().getWidth(), org.assertj.core.data.Offset.offset(0.5));
        }
    }

    private static int changedPixels(javafx.scene.image.Image a, javafx.scene.image.Image b, int x, int y0, int y1) {
        int changed = 0;
        for (int y = Math.max(0, y0); y <= Math.min((int) a.getHeight() - 1, y1); y++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (a.getPixelReader().getArgb(x + dx, y) != b.getPixelReader().getArgb(x + dx, y)) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** The CPU chart's plot canvas after showing the given (second, value) pairs; the y axis fixed at 0-100. */
    private javafx.scene.image.Image canvasWithCpu(FxRobot robot, double[] secondValuePairs) throws Exception {
        RunTimeline timeline = new RunTimeline(T0);
        for (int i = 0; i < secondValuePairs.length; i += 2) {
            timeline.addMetric(
                    MetricId.CPU_UTILIZATION,
                    new Datapoint(T0.plusSeconds((long) secondValuePairs[i]), secondValuePairs[i + 1]));
        }
        robot.interact(() -> {
            charts.refresh(timeline);
            chart("cpu-memory").getYAxis().setMax(100);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        return org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> chart("cpu-memory").getCanvas().snapshot(null, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theDriftChartDrawsEachMeanAgainstItsTrainingMeanAndBand(FxRobot robot) throws Exception {
        DriftBand sugars = DriftBands.BUNDLED.sugars();
        DriftBand sodium = DriftBands.BUNDLED.sodium();
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 60; s++) {
            // Sugars at 1.8 times the training mean (beyond its band's upper end), sodium at 0.8 times.
            timeline.addMetric(
                    MetricId.INPUT_SUGARS_MEAN, new Datapoint(T0.plusSeconds(s), 1.8 * sugars.trainingMean()));
            timeline.addMetric(
                    MetricId.INPUT_SODIUM_MEAN, new Datapoint(T0.plusSeconds(s), 0.8 * sodium.trainingMean()));
        }
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        XYChart drift = chart("drift");
        javafx.scene.image.Image canvas = org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> drift.getCanvas().snapshot(null, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        int[] rows = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> java.util.stream.DoubleStream.of(
                                1.0,
                                sugars.upper() / sugars.trainingMean(),
                                sodium.upper() / sodium.trainingMean(),
                                sodium.lower() / sodium.trainingMean(),
                                1.8,
                                2.7)
                        .mapToInt(v -> (int) Math.floor(drift.getYAxis().getDisplayPosition(v)))
                        .toArray())
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        var pixels = canvas.getPixelReader();
        int middle = (int) canvas.getWidth() / 2 / 10 * 10;

        assertThat(drift.getYAxis().getMin()).isZero();
        assertThat(drift.getYAxis().getMax())
                .as("room for the widest band (sodium up to %.2f x its mean)", sodium.upper() / sodium.trainingMean())
                .isEqualTo(5);
        assertThat(pixels.getColor(middle + 8, rows[0]))
                .as("the training means, at 1, a solid grey line")
                .isEqualTo(javafx.scene.paint.Color.web("#94a3b8"));
        javafx.scene.paint.Color sugarsColour = pixels.getColor(middle + 2, rows[1]);
        javafx.scene.paint.Color sodiumColour = pixels.getColor(middle + 2, rows[2]);
        for (int row : new int[] {rows[1], rows[2], rows[3]}) {
            assertThat(pixels.getArgb(middle + 2, row))
                    .as("a band end at row %d is dashed: 6 px drawn, 4 px not", row)
                    .isNotEqualTo(pixels.getArgb(middle + 8, row));
        }
        assertThat(sugarsColour).as("each band in its trace's colour").isNotEqualTo(sodiumColour);
        assertThat(pixels.getArgb(middle + 5, rows[4]))
                .as("sugars drawn at 1.8 x its training mean")
                .isNotEqualTo(pixels.getArgb(middle + 5, rows[5]));
        assertThat(charts.points(Trace.INPUT_SUGARS)).isEqualTo(60);
        assertThat(drift.getRenderers().getFirst().getDatasets())
                .extracting(io.fair_acc.dataset.DataSet::getName)
                .containsExactly(
                        String.format(java.util.Locale.ROOT, "Input sugars mean ÷ %.4g g/100 g", sugars.trainingMean()),
                        String.format(
                                java.util.Locale.ROOT, "Input sodium mean ÷ %.4g g/100 g", sodium.trainingMean()));
    }

    @Test
    void theDriftChartShowsItsBandsBeforeAnyInputArrives(FxRobot robot) throws Exception {
        robot.interact(() -> charts.refresh(new RunTimeline(T0)));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        XYChart drift = chart("drift");
        javafx.scene.image.Image canvas = org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> drift.getCanvas().snapshot(null, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        DriftBand sugars = DriftBands.BUNDLED.sugars();
        int row = org.testfx.util.WaitForAsyncUtils.asyncFx(() ->
                        (int) Math.floor(drift.getYAxis().getDisplayPosition(sugars.upper() / sugars.trainingMean())))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(charts.points(Trace.INPUT_SUGARS))
                .as("no data: the off-screen point only")
                .isZero();
        assertThat(canvas.getPixelReader().getArgb(2, row))
                .isNotEqualTo(canvas.getPixelReader().getArgb(8, row));
    }

    @Test
    void theThresholdsAreDrawnFromTheTargetsPoliciesAndAlarmsEachLabelledWithItsSource(FxRobot robot) throws Exception {
        RunTimeline timeline = flatCpu(60);
        timeline.apply(update(
                List.of(
                        alarm("HighCPU", new Alarm.Threshold(MetricId.CPU_UTILIZATION, 75)),
                        // Target tracking's own alarm sits on the policy's target: the policy is drawn, not it.
                        alarm(
                                Alarm.TARGET_TRACKING_PREFIX + "service/c/s-AlarmHigh-1",
                                new Alarm.Threshold(MetricId.CPU_UTILIZATION, 45)),
                        new Alarm("Unhealthy", "", AlarmState.OK, "", T0, java.util.Optional.empty())),
                List.of(
                        policy("cpu-policy", MetricId.CPU_UTILIZATION, 45),
                        policy("requests-policy", MetricId.REQUEST_COUNT_PER_TARGET, 27))));
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(charts.thresholdLabels("cpu-memory"))
                .containsExactly("target 45 % CPU · cpu-policy", "alarm 75 % CPU · HighCPU");
        assertThat(charts.thresholdLabels("requests-per-target"))
                .containsExactly("target 27 req/target/min · requests-policy");
        assertThat(charts.thresholdLabels("latency"))
                .singleElement()
                .asString()
                .startsWith("p90 limit " + ChartThresholds.quantity(Trace.P90_SERVER, Checklist.P90_LIMIT_MS))
                .endsWith("· checklist");
        XYChart cpu = chart("cpu-memory");
        assertThat(cpu.getYAxis().getMax()).as("the alarm's line stays in view").isEqualTo(100);
        javafx.scene.image.Image canvas = canvas(cpu);
        int[] rows = rows(cpu, 45, 75, 60);
        int middle = (int) canvas.getWidth() / 2 / 10 * 10;
        var pixels = canvas.getPixelReader();
        for (int row : new int[] {rows[0], rows[1]}) {
            assertThat(pixels.getArgb(middle + 2, row))
                    .as("a threshold at row %d is dashed: 6 px drawn, 4 px not", row)
                    .isNotEqualTo(pixels.getArgb(middle + 8, row));
        }
        assertThat(pixels.getArgb(middle + 2, rows[2]))
                .as("no line at 60 %%")
                .isEqualTo(pixels.getArgb(middle + 8, rows[2]));
        XYChart requests = chart("requests-per-target");
        javafx.scene.image.Image requestsCanvas = canvas(requests);
        int row = rows(requests, 27)[0];
        assertThat(requestsCanvas.getPixelReader().getArgb(middle + 2, row))
                .isNotEqualTo(requestsCanvas.getPixelReader().getArgb(middle + 8, row));
    }

    @Test
    void aThresholdTheTargetHasNotReportedIsNotDrawnAndOneReportedLaterIsFollowed(FxRobot robot) throws Exception {
        RunTimeline timeline = flatCpu(60);
        robot.interact(() -> charts.follow(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(charts.thresholdLabels("cpu-memory")).isEmpty();
        assertThat(charts.thresholdLabels("requests-per-target")).isEmpty();
        assertThat(charts.thresholdLabels("latency"))
                .as("the checklist's limit is always known")
                .hasSize(1);
        assertThat(chart("cpu-memory").getYAxis().getMax()).isEqualTo(20);
        javafx.scene.image.Image before = canvas(chart("cpu-memory"));

        timeline.apply(update(List.of(), List.of(policy("cpu-policy", MetricId.CPU_UTILIZATION, 40))));
        robot.interact(() -> charts.follow(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(charts.thresholdLabels("cpu-memory")).containsExactly("target 40 % CPU · cpu-policy");
        assertThat(chart("cpu-memory").getYAxis().getMax()).isEqualTo(50);
        assertThat(canvas(chart("cpu-memory")).getPixelReader().getArgb(2, rows(chart("cpu-memory"), 40)[0]))
                .isNotEqualTo(before.getPixelReader().getArgb(2, rows(chart("cpu-memory"), 40)[0]));
    }

    @Test
    void linesOfOneTraceAtOneValueShareALabel() {
        RunTimeline timeline = new RunTimeline(T0);
        timeline.apply(update(
                List.of(alarm(
                        "HighLatencyP90", new Alarm.Threshold(MetricId.MODEL_LATENCY_P90, Checklist.P90_LIMIT_MS))),
                List.of()));

        assertThat(ChartThresholds.of(timeline)).singleElement().satisfies(t -> assertThat(t.label())
                .endsWith("· checklist; alarm 500 ms · HighLatencyP90"));
    }

    private static Alarm alarm(String name, Alarm.Threshold threshold) {
        return new Alarm(name, "", AlarmState.OK, "", T0, java.util.Optional.of(threshold));
    }

    private static ScalingPolicy policy(String name, MetricId metric, double target) {
        return new ScalingPolicy(
                name, metric, target, java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(300));
    }

    private static MonitorUpdate update(List<Alarm> alarms, List<ScalingPolicy> policies) {
        return new MonitorUpdate(
                T0,
                new TargetStatus(ConnectionState.CONNECTED, "", java.util.Optional.of(T0)),
                java.util.Optional.empty(),
                java.util.Map.of(),
                java.util.Map.of(),
                List.of(),
                List.of(),
                List.of(),
                alarms,
                List.of(),
                java.util.Optional.empty(),
                policies);
    }

    /** The plot canvas of {@code chart} as drawn. */
    private static javafx.scene.image.Image canvas(XYChart chart) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> chart.getCanvas().snapshot(null, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The canvas rows of {@code values} on the y axis of {@code chart}. */
    private static int[] rows(XYChart chart, double... values) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> java.util.Arrays.stream(values)
                        .mapToInt(v -> (int) Math.floor(chart.getYAxis().getDisplayPosition(v)))
                        .toArray())
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aFirstSecondJitSpikeLeavesTheSteadyLatencyWellAboveTheBottom(FxRobot robot) throws Exception {
        javafx.scene.image.Image empty = canvas(chart("latency"));
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 120; s++) {
            timeline.addMetric(
                    MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(s), s == 0 ? 300 : 5 + (s % 3) * 0.1));
        }
        robot.interact(() -> charts.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        XYChart latency = chart("latency");
        javafx.scene.image.Image drawn = canvas(latency);
        int height = (int) drawn.getHeight();
        int[] rows = rows(latency, 5, 300, Checklist.P90_LIMIT_MS);
        int x = org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> (int) latency.getXAxis().getDisplayPosition(60))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);

        // On a linear axis up to the 300 ms spike, 5 ms would be 1.7 %% of the plot: on its bottom pixel row.
        assertThat(height - rows[0])
                .as("5 ms is %d px above the bottom of a %d px plot", height - rows[0], height)
                .isGreaterThan(height / 5);
        assertThat(changedPixels(empty, drawn, x, rows[0] - 2, rows[0] + 2))
                .as("the steady part is drawn at 5 ms")
                .isPositive();
        assertThat(changedPixels(empty, drawn, x, height - 3, height - 1))
                .as("and not on the bottom")
                .isZero();
        int spikeX = org.testfx.util.WaitForAsyncUtils.asyncFx(
                        () -> (int) latency.getXAxis().getDisplayPosition(0))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(changedPixels(empty, drawn, spikeX + 1, rows[1] - 2, rows[1] + 2))
                .as("the spike is drawn at its height, not clipped")
                .isPositive();
        assertThat(rows[2]).as("the p90 limit is in view").isBetween(0, height - 1);
    }

    @Test
    void aLogAxisReachesDownToTheLeastValueAndNoFurtherThanTheHistogramResolution() {
        assertThat(ChartsPane.logAxisBottom(Double.POSITIVE_INFINITY))
                .as("no data")
                .isEqualTo(1);
        assertThat(ChartsPane.logAxisBottom(5)).isEqualTo(1);
        assertThat(ChartsPane.logAxisBottom(0.45)).isEqualTo(0.1);
        assertThat(ChartsPane.logAxisBottom(0.1)).isEqualTo(0.1);
        assertThat(ChartsPane.logAxisBottom(0.013)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ChartsPane.logAxisBottom(1e-6)).isEqualTo(ChartsPane.LOG_FLOOR);
    }

    @Test
    void aLiveUpdateOnTheLogAxisRedrawsWhenTheLatencyMovesAPixel(FxRobot robot) {
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < 3_590; s++) {
            timeline.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(s), 5));
        }
        robot.interact(() -> charts.follow(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        timeline.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(3_590), 5.01));
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.P90_SERVER))
                .as("0.2 %% more: under a pixel")
                .isEqualTo(3_590);

        timeline.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(3_591), 50));
        robot.interact(() -> charts.follow(timeline));
        assertThat(charts.points(Trace.P90_SERVER)).as("a decade up").isEqualTo(3_592);
    }

    @Test
    void theLegendShowsTheMarkerColoursTheRendererDraws(FxRobot robot) {
        assertThat(swatch(robot, "#legend-scale-out").getStroke()).isEqualTo(EnvelopeLineRenderer.SCALE_OUT_LINE);
        assertThat(swatch(robot, "#legend-scale-in").getStroke()).isEqualTo(EnvelopeLineRenderer.SCALE_IN_LINE);
        assertThat(swatch(robot, "#legend-phase").getStroke()).isEqualTo(EnvelopeLineRenderer.PHASE_LINE);
        assertThat(swatch(robot, "#legend-phase").getStrokeDashArray())
                .as("dashed like the phase lines")
                .isNotEmpty();
        assertThat(swatch(robot, "#legend-threshold").getStrokeDashArray()).isNotEmpty();
        assertThat(robot.lookup("#legend-threshold").queryLabeled().getText()).contains("threshold");
    }

    private static javafx.scene.shape.Line swatch(FxRobot robot, String id) {
        return (javafx.scene.shape.Line) robot.lookup(id).queryLabeled().getGraphic();
    }

    @Test
    void theTimeAxisShowsSecondsSinceStartOrTheWallClockOnEveryChart(FxRobot robot) throws Exception {
        // 10:00:07 UTC: round wall-clock ticks are not round seconds since the start.
        Instant origin = Instant.parse("2026-11-30T10:00:07Z");
        RunTimeline timeline = new RunTimeline(origin);
        for (int s = 0; s < 600; s++) {
            timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(origin.plusSeconds(s), 10));
        }
        ChartsPane utc = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
                    ChartsPane pane = new ChartsPane(java.time.ZoneOffset.UTC);
                    Stage stage = new Stage();
                    stage.setScene(new Scene(pane, 1200, 1200));
                    stage.show();
                    return pane;
                })
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        robot.interact(() -> utc.refresh(timeline));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        assertThat(utc.timeLabelsProperty().get()).as("the default").isEqualTo(TimeAxis.Labels.SINCE_START);
        for (XYChart chart : utc.charts()) {
            assertThat(tickLabels(chart)).contains("0 s", "300 s");
        }

        robot.interact(() -> utc.timeLabelsProperty().set(TimeAxis.Labels.WALL_CLOCK));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);

        for (XYChart chart : utc.charts()) {
            List<String> labels = tickLabels(chart);
            assertThat(labels).as(chart.getId()).isNotEmpty().allMatch(l -> l.matches("10:\\d\\d:\\d0"));
            assertThat(labels).contains("10:05:00");
            List<Double> values = ticks(chart);
            assertThat(values.get(labels.indexOf("10:05:00")))
                    .as("10:05:00 is 293 s after 10:00:07")
                    .isEqualTo(293);
        }
        robot.interact(() -> utc.timeLabelsProperty().set(TimeAxis.Labels.SINCE_START));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(3);
        assertThat(tickLabels(utc.charts().getFirst())).contains("0 s");
        robot.interact(() -> utc.getScene().getWindow().hide());
    }

    @Test
    void wallClockLabelsAreTheLocalTimeOfTheOriginPlusTheOffset() {
        Instant origin = Instant.parse("2026-03-29T00:59:30Z");
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");

        assertThat(TimeAxis.label(TimeAxis.Labels.WALL_CLOCK, origin, berlin, 0))
                .isEqualTo("01:59:30");
        assertThat(TimeAxis.label(TimeAxis.Labels.WALL_CLOCK, origin, berlin, 30))
                .as("past the switch to summer time")
                .isEqualTo("03:00:00");
        assertThat(TimeAxis.label(TimeAxis.Labels.SINCE_START, origin, berlin, 30))
                .isEqualTo("30 s");
        assertThat(TimeAxis.label(TimeAxis.Labels.SINCE_START, origin, berlin, 2.5))
                .isEqualTo("2.5 s");
    }

    private static List<String> tickLabels(XYChart chart) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> chart.getXAxis().getTickMarks().stream()
                        .map(io.fair_acc.chartfx.axes.spi.TickMark::getText)
                        .toList())
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static List<Double> ticks(XYChart chart) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(() -> chart.getXAxis().getTickMarks().stream()
                        .map(io.fair_acc.chartfx.axes.spi.TickMark::getValue)
                        .toList())
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
