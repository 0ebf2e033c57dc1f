package io.nutrisage.app.ui;

import io.fair_acc.chartfx.XYChart;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.CloudAccount;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.report.RunReportData;
import io.nutrisage.app.report.RunReportPage;
import io.nutrisage.app.session.RunReport;
import io.nutrisage.app.session.RunTimeline;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/**
 * Writes a run's artefacts: {@code dashboard.png} (the window), {@code scale-out.png} (the charts only, for a README),
 * one PNG per chart, the scaling timeline (Markdown and CSV), {@code run-summary.md} and {@code report.html} (all of it
 * on one self-contained page, {@link RunReportPage}). The charts are snapshot at {@link #CHART_SCALE} pixels per
 * point. Snapshots are taken on the FX thread; encoding and writing run in the background.
 */
public final class Exporter {
    /** Pixels per point of the chart snapshots: sharp on a 2x display and in print. */
    static final double CHART_SCALE = 2;

    static final String SCALE_OUT = "scale-out.png";
    static final String REPORT = "report.html";

    private final TaskExecutor executor;

    public Exporter(TaskExecutor executor) {
        this.executor = executor;
    }

    /** The files written, in order. */
    public record Result(List<Path> files) {}

    /** Must be called on the FX thread. Completes when every file is written. */
    public CompletableFuture<Result> export(Node dashboard, ChartsPane charts, ConsoleViewModel viewModel, Path dir) {
        viewModel.checklist().refresh();
        Map<String, WritableImage> images = new LinkedHashMap<>();
        images.put("dashboard.png", dashboard.snapshot(new SnapshotParameters(), null));
        images.put(SCALE_OUT, crisp(charts));
        Map<String, String> captions = new LinkedHashMap<>();
        List<XYChart> list = charts.charts();
        for (int i = 0; i < list.size(); i++) {
            String name = "chart-" + (i + 1) + "-" + ChartsPane.CHARTS.get(i).id() + ".png";
            images.put(name, crisp(list.get(i)));
            captions.put(name, ChartsPane.CHARTS.get(i).title());
        }
        // Images as pixel arrays and a copy of the checklist: the background task touches no FX object.
        Map<String, BufferedImage> pixels = new LinkedHashMap<>();
        images.forEach((name, image) -> pixels.put(name, toBufferedImage(image)));
        RunTimeline timeline = viewModel.runPanels().timelineProperty().get();
        List<RunCheck> checks = List.copyOf(viewModel.checklist().checks());
        var plan = viewModel.loadControl().currentPlan();
        Optional<MonitoringTarget> target = viewModel.liveTarget();
        LoadState load = viewModel.loadControl().loadStateProperty().get();
        RunReportData report = RunReportData.of(
                timeline,
                plan,
                checks,
                viewModel.targetChooser().targetNameProperty().get(),
                target.map(MonitoringTarget::details).orElse(List.of()),
                target.flatMap(Exporter::apiCost),
                List.of(),
                target.isPresent()
                        && (load == LoadState.RUNNING || load == LoadState.PAUSED || load == LoadState.HOLDING),
                Instant.now());
        CompletableFuture<Result> done = new CompletableFuture<>();
        executor.execute(
                () -> {
                    Files.createDirectories(dir);
                    List<Path> files = new ArrayList<>();
                    List<RunReportData.Figure> figures = new ArrayList<>();
                    for (var e : pixels.entrySet()) {
                        byte[] png = png(e.getValue());
                        Path file = dir.resolve(e.getKey());
                        Files.write(file, png);
                        files.add(file);
                        String caption = captions.get(e.getKey());
                        if (caption != null) {
                            figures.add(new RunReportData.Figure(e.getKey(), caption, png, CHART_SCALE));
                        }
                    }
                    files.add(RunReport.writeScalingTimelineMarkdown(timeline, dir));
                    files.add(RunReport.writeScalingTimelineCsv(timeline, dir));
                    files.add(RunReport.writeSummary(timeline, plan, checks, List.copyOf(pixels.keySet()), dir));
                    Path html = dir.resolve(REPORT);
                    Files.writeString(html, RunReportPage.render(report.withFigures(figures)), StandardCharsets.UTF_8);
                    files.add(html);
                    return new Result(files);
                },
                result -> {
                    viewModel.reportStatus("Exported " + result.files().size() + " files to " + dir);
                    done.complete(result);
                },
                e -> {
                    viewModel.reportStatus("Export failed: " + e.getMessage());
                    done.completeExceptionally(e);
                });
        return done;
    }

    /** A snapshot of {@code node} at {@link #CHART_SCALE} pixels per point. */
    static WritableImage crisp(Node node) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(Transform.scale(CHART_SCALE, CHART_SCALE));
        return node.snapshot(parameters, null);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available");
        }
        return out.toByteArray();
    }

    private static Optional<RunReportData.ApiCost> apiCost(MonitoringTarget target) {
        return target.cloudAccount()
                .map(CloudAccount::apiCost)
                .map(cost -> new RunReportData.ApiCost(
                        cost.plannedUsdPerHour(),
                        cost.calls(),
                        cost.metricsRequested(),
                        cost.costUsd(),
                        cost.elapsed()));
    }

    static BufferedImage toBufferedImage(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }
}
