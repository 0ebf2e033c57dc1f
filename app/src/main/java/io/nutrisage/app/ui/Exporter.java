package io.nutrisage.app.ui;

import io.fair_acc.chartfx.XYChart;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.session.RunReport;
import io.nutrisage.app.session.RunTimeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a run's artefacts: {@code dashboard.png}, one PNG per chart, the scaling timeline (Markdown and CSV) and
 * {@code run-summary.md}. Snapshots are taken on the FX thread; encoding and writing run in the background.
 */
public final class Exporter {
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
        List<XYChart> list = charts.charts();
        for (int i = 0; i < list.size(); i++) {
            images.put(
                    "chart-" + (i + 1) + "-" + ChartsPane.CHARTS.get(i).id() + ".png",
                    list.get(i).snapshot(new SnapshotParameters(), null));
        }
        // Images as pixel arrays and a copy of the checklist: the background task touches no FX object.
        Map<String, BufferedImage> pixels = new LinkedHashMap<>();
        images.forEach((name, image) -> pixels.put(name, toBufferedImage(image)));
        RunTimeline timeline = viewModel.runPanels().timelineProperty().get();
        List<RunCheck> checks = List.copyOf(viewModel.checklist().checks());
        var plan = viewModel.loadControl().currentPlan();
        CompletableFuture<Result> done = new CompletableFuture<>();
        executor.execute(
                () -> {
                    Files.createDirectories(dir);
                    List<Path> files = new ArrayList<>();
                    for (var e : pixels.entrySet()) {
                        Path file = dir.resolve(e.getKey());
                        if (!ImageIO.write(e.getValue(), "png", file.toFile())) {
                            throw new IOException("no PNG writer available");
                        }
                        files.add(file);
                    }
                    files.add(RunReport.writeScalingTimelineMarkdown(timeline, dir));
                    files.add(RunReport.writeScalingTimelineCsv(timeline, dir));
                    files.add(RunReport.writeSummary(timeline, plan, checks, List.copyOf(pixels.keySet()), dir));
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
