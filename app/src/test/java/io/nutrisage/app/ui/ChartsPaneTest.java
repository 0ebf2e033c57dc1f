package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.session.DriftBands;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import io.nutrisage.predictor.model.DriftBand;
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
