package io.nutrisage.app.report;

import static io.nutrisage.app.ui.ConsoleHarness.await;
import static io.nutrisage.app.ui.ConsoleHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.app.ui.ChartsPane;
import io.nutrisage.app.ui.ConsoleHarness;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.Exporter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The report of a real run, opened in headless Chromium: a strongly compressed nutrisage-demo on the local sandbox is
 * exported, then its recording, cut short as by a crash, is reopened and exported again. Each report must load with no
 * console error, every image decoded, nothing fetched, and its sections present; the full-page screenshots go to
 * {@code target/report-screenshot.png} and {@code target/report-incomplete-screenshot.png}. Without chromium on the
 * PATH the test is skipped, or fails when {@code CI=true}.
 */
@ExtendWith(ApplicationExtension.class)
class RunReportBrowserTest {
    private static final List<String> SECTIONS = List.of("summary", "charts", "scaling", "checklist", "load", "target");

    /** What the page says about itself, as JSON. */
    private static final String INSPECT =
            """
            (() => {
              const images = Array.from(document.images);
              const incomplete = document.getElementById('incomplete');
              return {
                images: images.length,
                allLoaded: images.every(i => i.complete && i.naturalWidth > 0),
                twoX: images.every(i => i.naturalWidth >= 1.9 * Number(i.getAttribute('width'))),
                notUpscaled: images.every(i => i.naturalWidth >= i.getBoundingClientRect().width),
                sections: %s.filter(id => document.getElementById(id) !== null),
                verdict: document.getElementById('verdict').innerText,
                incomplete: incomplete === null ? null : incomplete.innerText,
                fetched: performance.getEntriesByType('resource').map(r => r.name).filter(n => !n.startsWith('data:'))
              };
            })()""".formatted(SECTIONS.stream().map(s -> "'" + s + "'").toList());

    @TempDir
    static Path dir;

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.onSandbox(
            () -> dir.resolve("recordings"), SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofMillis(500)));

    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @Start
    void start(Stage stage) {
        view = console.show(stage);
        viewModel = console.viewModel();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theReportsOfARealRunAndOfItsRecordingCutShortOpenInChromiumWithoutErrors() throws Exception {
        Path chromium = chromiumOrSkip();
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 30);
        await(() -> viewModel.runPanels().runningTasksProperty().get() >= 1, 60);
        fx(() -> {
            viewModel.loadControl().timeScaleProperty().set(0.02);
            viewModel.loadControl().start();
            return null;
        });
        await(() -> viewModel.loadControl().loadStateProperty().get() == LoadState.RUNNING, 20);
        await(() -> viewModel.loadControl().loadStateProperty().get() == LoadState.FINISHED, 90);
        await(() -> viewModel.runPanels().timelineProperty().get().loadTotals().isPresent(), 30);
        await(() -> !viewModel.runPanels().activities().isEmpty(), 30);

        // The live run.
        Path live = dir.resolve("live");
        List<Path> files = export(live);
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("report.html", "scale-out.png");
        double chartsWidth = fx(() -> view.charts().getWidth());
        double chartWidth = fx(() -> view.charts().charts().getFirst().getWidth());
        BufferedImage scaleOut = ImageIO.read(live.resolve("scale-out.png").toFile());
        assertThat(scaleOut.getWidth())
                .as("the charts pane alone, at 2 pixels per point")
                .isCloseTo((int) Math.round(chartsWidth * 2), within(2));
        assertThat(ImageIO.read(live.resolve("chart-1-cpu-memory.png").toFile()).getWidth())
                .isCloseTo((int) Math.round(chartWidth * 2), within(2));

        HeadlessChromium.Visit visit;
        try (var browser = HeadlessChromium.start(chromium, dir.resolve("chromium-live"))) {
            visit = browser.open(
                    live.resolve("report.html"), 1280, INSPECT, Path.of("target", "report-screenshot.png"));
        }
        JsonNode page = visit.value();
        assertThat(visit.errors()).as("console errors").isEmpty();
        assertThat(page.path("images").asInt()).as("chart images").isEqualTo(ChartsPane.CHARTS.size());
        assertThat(page.path("allLoaded").asBoolean()).as("every image loaded").isTrue();
        assertThat(page.path("twoX").asBoolean())
                .as("every chart has 2 pixels per point of the chart it shows")
                .isTrue();
        assertThat(page.path("notUpscaled").asBoolean())
                .as("no chart is shown larger than its pixels")
                .isTrue();
        assertThat(page.path("sections")).extracting(JsonNode::asText).containsExactlyElementsOf(SECTIONS);
        assertThat(page.path("verdict").asText()).isIn("PASS", "FAIL");
        assertThat(page.path("incomplete").isNull()).isTrue();
        assertThat(page.path("fetched")).as("resources fetched").isEmpty();
        String html = Files.readString(live.resolve("report.html"));
        assertThat(html)
                .contains("Setting desired count to")
                .contains("<td>corrected (from the planned start)</td>")
                .contains("<dt>Sandbox minute</dt><dd>1 s of real time per CloudWatch minute");
        assertThat(ImageIO.read(Path.of("target", "report-screenshot.png").toFile())
                        .getHeight())
                .as("a full-page screenshot")
                .isGreaterThan(2000);

        // The same run's recording, cut in the middle of its last line as a crash would leave it.
        Path recording =
                Path.of(fx(() -> viewModel.runPanels().recordingPathProperty().get()));
        Path cut = dir.resolve("cut.jsonl");
        int lastLine = cutMidLastLine(recording, cut);
        fx(() -> {
            viewModel.openRecording(cut);
            return null;
        });
        await(() -> viewModel.statusProperty().get().startsWith("Opened cut.jsonl"), 30);
        String expected =
                "recording ends at line " + lastLine + ": the last line is incomplete; the run's end is" + " missing";
        assertThat(fx(() -> viewModel.statusProperty().get())).contains(expected);
        Path partial = dir.resolve("cut");
        export(partial);
        assertThat(Files.readString(partial.resolve("run-summary.md")))
                .contains("> **Recording incomplete:** " + expected);
        try (var browser = HeadlessChromium.start(chromium, dir.resolve("chromium-cut"))) {
            visit = browser.open(
                    partial.resolve("report.html"),
                    1280,
                    INSPECT,
                    Path.of("target", "report-incomplete-screenshot.png"));
        }
        page = visit.value();
        assertThat(visit.errors()).as("console errors").isEmpty();
        assertThat(page.path("images").asInt()).isEqualTo(ChartsPane.CHARTS.size());
        assertThat(page.path("allLoaded").asBoolean()).isTrue();
        assertThat(page.path("incomplete").asText()).startsWith("Recording incomplete: " + expected);
        assertThat(page.path("sections")).hasSize(SECTIONS.size());
    }

    /** Chromium on the PATH; otherwise the test is skipped, or fails when {@code CI=true}. */
    private static Path chromiumOrSkip() {
        var chromium = HeadlessChromium.executable();
        if (chromium.isEmpty()) {
            String message = "chromium is not on PATH: the run report was not opened in a browser"
                    + " (apt-get install -y chromium)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true requires it (.ci/run installs it)");
            }
            Assumptions.assumeTrue(false, message);
        }
        return chromium.get();
    }

    /**
     * Copies the complete lines of {@code recording} to {@code cut}, the last of them only half: a crash while the line
     * was written. Returns that line's number.
     */
    private static int cutMidLastLine(Path recording, Path cut) throws Exception {
        byte[] bytes = Files.readAllBytes(recording);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a line being written as the file was read
        }
        String complete = new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
        String[] lines = complete.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            out.append(lines[i]).append('\n');
        }
        String last = lines[lines.length - 1];
        out.append(last, 0, last.length() / 2);
        Files.writeString(cut, out, StandardCharsets.UTF_8);
        return lines.length;
    }

    private List<Path> export(Path out) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.charts()
                        .refresh(viewModel.runPanels().timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        return fx(() -> new Exporter(console.executor()).export(view.root(), view.charts(), viewModel, out))
                .get(60, TimeUnit.SECONDS)
                .files();
    }
}
