package io.nutrisage.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MonitoringTarget.Detail;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.session.RunTimeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The report page from plain data, without a browser (RunReportBrowserTest opens a real one in Chromium). */
class RunReportPageTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static final LoadTotals TOTALS = new LoadTotals(
            Duration.ofSeconds(66),
            "PROFILE_COMPLETED",
            9_000,
            8_990,
            8_985,
            12,
            10,
            new LoadTotals.Errors(1, 3, 0, 2, 0, 0),
            new LoadTotals.Latency(8_985, 4.2, 9.5, 12.0, 30.5, 80.0, 120.0),
            new LoadTotals.Latency(8_985, 4.0, 9.0, 11.0, 25.0, 60.0, 110.0));

    @Test
    void everyTextFromTheDataIsEscapedAndThePageFetchesNothing() throws Exception {
        RunTimeline timeline = timeline();
        timeline.addActivity(new ScalingActivity(
                "a2",
                T0.plusSeconds(40),
                "Setting desired count to <b>2</b> & \"more\".",
                "policy 'x' <script>alert(1)</script>",
                "Successful",
                5,
                2));
        var data = RunReportData.of(
                timeline,
                Optional.of(LoadPlan.nutrisageDemo(0.05)),
                List.of(new RunCheck("Error rate < 1 %", false, "3 errors </td><img src=x onerror=alert(1)>")),
                "AWS <prod> (eu-west-1)",
                List.of(new Detail("Service URL", "http://internal-alb.example/?a=1&b=\"2\"")),
                Optional.empty(),
                List.of(figure("chart-1-cpu-memory.png", "CPU & memory <%>", 80, 40)),
                false,
                T0.plusSeconds(90));

        String html = RunReportPage.render(data);

        assertThat(html)
                .doesNotContain("<script", "<b>2</b>", "<img src=x", "<prod>", "<%>")
                .contains("Setting desired count to &lt;b&gt;2&lt;/b&gt; &amp; &quot;more&quot;.")
                .contains("policy &#39;x&#39; &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("3 errors &lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("AWS &lt;prod&gt; (eu-west-1)")
                .contains("http://internal-alb.example/?a=1&amp;b=&quot;2&quot;")
                .contains("alt=\"CPU &amp; memory &lt;%&gt;\"");
        // Self-contained: no element loads anything from a URL, no script, no stylesheet link, no CSS url().
        assertThat(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:image/png;base64,)")
                        .matcher(html)
                        .find())
                .isFalse();
        assertThat(html).doesNotContain("<link", "url(", "@import");
    }

    @Test
    void chartsAreInlinePngsShownAtTheirCssSize() throws Exception {
        RunReportData.Figure f = figure("chart-2-tasks.png", "Tasks: running vs desired", 2400, 320);
        var data = RunReportData.of(
                timeline(),
                Optional.empty(),
                List.of(),
                "Local sandbox",
                List.of(),
                Optional.empty(),
                List.of(f),
                false,
                T0);

        String html = RunReportPage.render(data);

        String base64 = Base64.getEncoder().encodeToString(f.png());
        assertThat(html)
                .contains("<img src=\"data:image/png;base64," + base64 + "\" width=\"1200\" height=\"160\"")
                .contains("Tasks: running vs desired (chart-2-tasks.png)");
        assertThat(f.pixelWidth()).isEqualTo(2400);
        assertThat(f.pixelHeight()).isEqualTo(320);
    }

    @Test
    void aFinishedRunShowsItsProfileTotalsErrorKindsAndBothPercentileRows() throws Exception {
        RunTimeline timeline = timeline();
        timeline.setLoadTotals(TOTALS);
        var data = RunReportData.of(
                timeline,
                Optional.of(LoadPlan.nutrisageDemo(0.05)),
                List.of(new RunCheck("Scaling history present", true, "1 scale-out")),
                "Local sandbox",
                List.of(new Detail("Capacity", "1 to 5 tasks, 1 at start")),
                Optional.empty(),
                List.of(),
                false,
                T0.plusSeconds(90));

        String html = RunReportPage.render(data);

        assertThat(data.notes()).isEmpty();
        assertThat(html)
                .contains("<span class=\"badge big pass\">PASS</span>")
                .contains("Profile nutrisage-demo at time scale 0.05 (1 min 6 s)")
                .contains("<td class=\"num\">P4</td><td class=\"num\">33 s</td><td class=\"num\">15 s</td>"
                        + "<td>300s at 350/s</td>")
                .contains("<td>planned</td><td class=\"num\">9,000</td>")
                .contains("<td>late (sent behind plan)</td><td class=\"num\">12</td>")
                .contains("<td>dropped (never sent)</td><td class=\"num\">10</td>")
                .contains("<td>errors</td><td class=\"num\">6</td>")
                .contains("<td>· by kind</td><td class=\"num\">4xx 1 · 5xx 3 · refused 0 · timed out 2 · reset 0"
                        + " · other 0</td>")
                .contains("<td>corrected (from the planned start)</td><td class=\"num\">8,985</td>"
                        + "<td class=\"num\">4.20 ms</td><td class=\"num\">9.50 ms</td>")
                .contains("<td>raw (from the actual send)</td>")
                .contains("<span class=\"badge out\">out 1 → 3</span>")
                .contains("nutrisage-HighCPU")
                .contains("OK → ALARM")
                .contains("<dt>Capacity</dt><dd>1 to 5 tasks, 1 at start</dd>")
                .contains("None: the local sandbox runs in the console's process")
                .doesNotContain("id=\"incomplete\"");
    }

    @Test
    void aRecordingCutShortSaysSoAndFallsBackToTheSampledFigures() throws Exception {
        RunTimeline timeline = timeline();
        timeline.markIncomplete("recording ends at line 57: the last line is incomplete; the run's end is missing");
        var data = RunReportData.of(
                timeline,
                Optional.of(LoadPlan.nutrisageDemo(0.05)),
                List.of(),
                "Local sandbox (recording)",
                List.of(),
                Optional.empty(),
                List.of(),
                false,
                T0.plusSeconds(90));

        String html = RunReportPage.render(data);

        assertThat(html)
                .contains("<div class=\"banner warn\" id=\"incomplete\"><strong>Recording incomplete:</strong>"
                        + " recording ends at line 57: the last line is incomplete; the run&#39;s end is missing."
                        + " This report shows the part that was recorded.</div>")
                .contains("<td>late or dropped</td><td class=\"num\">4</td>")
                .contains("No percentiles over the whole run")
                .contains("Worst one-second p90, corrected: 12.0 ms")
                .contains("NOT EVALUATED")
                .contains("No details: the run was read back from its recording");
        assertThat(data.notes()).as("the banner already says what is missing").isEmpty();
    }

    @Test
    void aLiveExportBeforeTheLoadEndsSaysItIsTheRunSoFarAndAnAwsTargetShowsItsApiCost() throws Exception {
        var cost = new RunReportData.ApiCost(0.1944, 1_234, 5_678, 0.0571, Duration.ofMinutes(12));
        var data = RunReportData.of(
                timeline(),
                Optional.of(LoadPlan.nutrisageDemo(0.05)),
                List.of(),
                "AWS nutrisage (eu-west-1)",
                List.of(new Detail("Region", "eu-west-1"), new Detail("Account", "123456789012")),
                Optional.of(cost),
                List.of(),
                true,
                T0.plusSeconds(30));

        String html = RunReportPage.render(data);

        assertThat(data.notes()).singleElement().asString().startsWith("The load had not finished");
        assertThat(html)
                .contains("<div class=\"banner info\">The load had not finished")
                .contains("$0.0571 for 1,234 API calls and 5,678 metrics requested, in the 12 min since the console"
                        + " connected")
                .contains("$0.1944 per hour of monitoring")
                .contains("<dt>Account</dt><dd>123456789012</dd>");
    }

    @Test
    void aFigureMustBeAPng() {
        assertThatThrownBy(() -> new RunReportData.Figure("x.png", "x", "GIF89a-not-a-png-at-all!".getBytes(), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("figure x.png is not a PNG");
    }

    /** 6 s of load (4 late or dropped, p90 up to 12 ms), tasks 1 → 3, one scale-out and its alarm. */
    private static RunTimeline timeline() {
        RunTimeline t = new RunTimeline(T0);
        for (int s = 1; s <= 6; s++) {
            t.addLoad(new LoadSnapshot(
                    T0.plusSeconds(s),
                    s == 6 ? LoadState.FINISHED : LoadState.RUNNING,
                    0,
                    Duration.ofSeconds(s),
                    Duration.ofSeconds(6 - s),
                    50,
                    49,
                    3,
                    50,
                    49,
                    0,
                    s == 3 ? 4 : 0,
                    2.0 * s,
                    1.5 * s,
                    0.8));
            t.addMetric(MetricId.RUNNING_TASKS, new Datapoint(T0.plusSeconds(s), s < 4 ? 1 : 3));
            t.addMetric(MetricId.MODEL_LATENCY_P90, new Datapoint(T0.plusSeconds(s), 3.5));
        }
        t.addTransition(new AlarmTransition(
                "t1", "nutrisage-HighCPU", T0.plusSeconds(2), AlarmState.OK, AlarmState.ALARM, "Threshold Crossed"));
        t.addActivity(new ScalingActivity(
                "a1", T0.plusSeconds(3), "Setting desired count to 3.", "monitor alarm", "Successful", 1, 3));
        return t;
    }

    /** A real PNG of {@code width} x {@code height} pixels, drawn at 2 pixels per CSS pixel. */
    private static RunReportData.Figure figure(String name, String caption, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return new RunReportData.Figure(name, caption, png.toByteArray(), 2);
    }
}
