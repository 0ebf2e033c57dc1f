package io.nutrisage.app.bench;

import io.nutrisage.app.ConsoleApp;
import io.nutrisage.app.load.LoadDriver;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.recording.RunEntry;
import io.nutrisage.app.recording.RunRecorder;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.ui.ChartsPane;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.TaskExecutor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The console's three performance benchmarks (issue 5). Not a test: run by hand under Xvfb with the
 * {@code bench} profile (see app/README.md "Benchmarks"). Each mode stops by itself; a watchdog exits with
 * status 3 if a mode hangs.
 *
 * <ul>
 *   <li>{@code chart [frames] [series]}: the real {@link ChartsPane}, styled as in the console, in a window holding
 *       7,200 s on every trace (14, the dashboard; 13, before the requests-per-target chart; 11, before the drift chart; or 8 series); per frame, one second is appended to every
 *       trace, the pane refreshed and a full pulse run. Prints the CPU per frame: the FX thread's for that work plus the render thread's while it
 *       paints the window (software pipeline), median and p90.
 *   <li>{@code live [seconds]}: the same charts holding two hours of an idle target (flat lines, a little noise);
 *       each second appends one second and updates the charts as the console does ({@code follow}) or redraws
 *       them every second ({@code refresh}), in alternating blocks. Prints the mean CPU per second of each.
 *   <li>{@code idle [warmupSeconds] [seconds] [layouts]}: the real console (sandbox, view-model, charts) in a
 *       window, no load; prints the process CPU over the interval as % of one core, layout pulses per second, GC
 *       and JIT time and the busiest threads. With {@code layouts}, also the deepest parents that needed a layout
 *       when a pulse started (what changed); that census walks the scene every pulse, so it is off for the CPU
 *       figure.
 *   <li>{@code heap [file]}: writes a 2-hour recording with {@link RunRecorder}, opens it in the real window
 *       through "Open recording…"'s path, then prints used heap after GC.
 * </ul>
 */
public final class AppBenchmarks {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final int SECONDS = RunTimeline.CAPACITY;

    private AppBenchmarks() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "chart";
        // Five minutes, or the idle mode's warm-up and measurement plus two minutes.
        Duration limit = mode.equals("idle") && args.length > 2
                ? Duration.ofSeconds(Long.parseLong(args[1]) + Long.parseLong(args[2]) + 120)
                : Duration.ofMinutes(5);
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(limit);
                        System.err.println("benchmark watchdog: " + mode + " took over " + limit + ", exiting");
                        System.exit(3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        switch (mode) {
            case "chart" ->
                chart(
                        args.length > 1 ? Integer.parseInt(args[1]) : 300,
                        args.length > 2 ? Integer.parseInt(args[2]) : 14);
            case "live" -> live(args.length > 1 ? Integer.parseInt(args[1]) : 120);
            case "idle" ->
                idle(
                        args.length > 1 ? Integer.parseInt(args[1]) : 20,
                        args.length > 2 ? Integer.parseInt(args[2]) : 60,
                        args.length > 3 && args[3].equals("layouts"));
            case "heap" -> heap(args.length > 1 ? Path.of(args[1]) : Files.createTempFile("two-hours", ".jsonl"));
            default -> {
                System.err.println(
                        "usage: AppBenchmarks chart [frames] [14|13|11|8] | live [seconds] | idle [warmup] [seconds] [layouts] | heap [file]");
                System.exit(2);
            }
        }
        System.exit(0);
    }

    static LoadSnapshot load(int second) {
        double target = 100 + 50 * Math.sin(second / 600.0);
        return new LoadSnapshot(
                T0.plusSeconds(second),
                LoadState.RUNNING,
                second / 1200,
                Duration.ofSeconds(second),
                Duration.ofSeconds(SECONDS - second),
                target,
                target * 0.99,
                12,
                (long) target,
                (long) (target * 0.99),
                second % 97 == 0 ? 1 : 0,
                0,
                40 + 10 * Math.sin(second / 30.0),
                38 + 10 * Math.sin(second / 30.0),
                0.8);
    }

    static void metrics(int second, java.util.function.BiConsumer<MetricId, Datapoint> sink) {
        Instant t = T0.plusSeconds(second);
        double wave = Math.sin(second / 300.0);
        sink.accept(MetricId.CPU_UTILIZATION, new Datapoint(t, 50 + 30 * wave));
        sink.accept(MetricId.MEMORY_UTILIZATION, new Datapoint(t, 30 + 2 * wave));
        sink.accept(MetricId.RUNNING_TASKS, new Datapoint(t, 2 + Math.round(2 * wave)));
        sink.accept(MetricId.DESIRED_TASKS, new Datapoint(t, 2 + Math.round(2 * wave)));
        sink.accept(MetricId.MODEL_LATENCY_P90, new Datapoint(t, 3 + wave));
        sink.accept(MetricId.CONFIDENCE_AVG, new Datapoint(t, 0.8 + 0.05 * wave));
        sink.accept(MetricId.INPUT_SUGARS_MEAN, new Datapoint(t, 12.2 + 3 * wave));
        sink.accept(MetricId.INPUT_SODIUM_MEAN, new Datapoint(t, 0.31 + 0.05 * wave));
        sink.accept(MetricId.TARGET_5XX, new Datapoint(t, 0));
        sink.accept(MetricId.REQUEST_COUNT_PER_TARGET, new Datapoint(t, 30 + 10 * wave));
    }

    private static void fill(RunTimeline timeline, int second, java.util.Set<MetricId> left) {
        timeline.addLoad(load(second));
        metrics(second, (id, d) -> {
            if (!left.contains(id)) {
                timeline.addMetric(id, d);
            }
        });
    }

    /**
     * The metrics left out to draw {@code series} traces: 14 is the whole dashboard; 13 the dashboard before the
     * requests-per-target chart (decision 0084; its plot is still painted, empty), 11 before the input-drift chart
     * (decision 0077), kept so figures stay comparable; 8 (the issue's "8 series") also leaves out memory, desired
     * tasks and the target's 5xx, so each of the first six charts still draws a trace.
     */
    private static java.util.Set<MetricId> leftOut(int series) {
        return switch (series) {
            case 14 -> java.util.Set.of();
            case 13 -> java.util.Set.of(MetricId.REQUEST_COUNT_PER_TARGET);
            case 11 ->
                java.util.Set.of(
                        MetricId.REQUEST_COUNT_PER_TARGET, MetricId.INPUT_SUGARS_MEAN, MetricId.INPUT_SODIUM_MEAN);
            case 8 ->
                java.util.Set.of(
                        MetricId.REQUEST_COUNT_PER_TARGET,
                        MetricId.MEMORY_UTILIZATION,
                        MetricId.DESIRED_TASKS,
                        MetricId.TARGET_5XX,
                        MetricId.INPUT_SUGARS_MEAN,
                        MetricId.INPUT_SODIUM_MEAN);
            default -> throw new IllegalArgumentException("series: 14 (the dashboard), 13, 11 or 8, not " + series);
        };
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }

    /** Runs one full JavaFX pulse now (internal Toolkit API: the JavaFX jars are on the class path). */
    private static Void pulse() throws ReflectiveOperationException {
        Class<?> toolkit = Class.forName("com.sun.javafx.tk.Toolkit");
        toolkit.getMethod("firePulse").invoke(toolkit.getMethod("getToolkit").invoke(null));
        return null;
    }

    /**
     * A {@link ChartsPane} holding {@code timeline} in a 1200x900 window, styled as in the console (theme and
     * console.css: solid light grids, theme colours), after one full pulse.
     */
    private static ChartsPane showCharts(RunTimeline timeline) throws Exception {
        ChartsPane pane = onFx(() -> {
            ChartsPane charts = new ChartsPane();
            // Filled before the window shows: showing lays the charts out, which read-locks their data sets
            // until the pulse's post-layout listener, so a refresh in the same FX task would wait forever.
            charts.refresh(timeline);
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(charts, 1200, 900);
            scene.getStylesheets()
                    .add(io.nutrisage.app.ui.ConsoleView.class
                            .getResource("console.css")
                            .toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            return charts;
        });
        onFx(AppBenchmarks::pulse);
        return pane;
    }

    /** The thread that paints windows (Prism's render thread). */
    private static long rendererThreadId() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("QuantumRenderer"))
                .findFirst()
                .orElseThrow()
                .threadId();
    }

    private static void chart(int frames, int series) throws Exception {
        java.util.Set<MetricId> left = leftOut(series);
        io.nutrisage.app.Main.tuneRendering();
        Platform.startup(() -> {});
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < SECONDS; s++) {
            fill(timeline, s, left);
        }
        for (int p = 0; p < 6; p++) {
            timeline.addPhaseStart(p, T0.plusSeconds(p * 1200L), "phase " + p);
        }
        ChartsPane pane = showCharts(timeline);
        var threads = ManagementFactory.getThreadMXBean();
        long renderer = rendererThreadId();
        int warmup = 50;
        long[] fxCpu = new long[frames];
        long[] renderCpu = new long[frames];
        long[] total = new long[frames];
        for (int f = -warmup; f < frames; f++) {
            int second = SECONDS + warmup + f;
            long render0 = threads.getThreadCpuTime(renderer);
            long fx = onFx(() -> {
                long start = threads.getCurrentThreadCpuTime();
                fill(timeline, second, left);
                pane.refresh(timeline);
                // A full pulse: CSS, layout, chartfx's pre/post-layout listeners (which lock and unlock the data sets
                // and draw the canvases) and the hand-over of the scene to the render thread. Laying out by hand
                // instead leaves chartfx's read locks held and the next update deadlocks.
                pulse();
                return threads.getCurrentThreadCpuTime() - start;
            });
            // The render thread paints the window after the pulse; give it time to finish before the next frame.
            Thread.sleep(60);
            long render = threads.getThreadCpuTime(renderer) - render0;
            if (f >= 0) {
                fxCpu[f] = fx;
                renderCpu[f] = render;
                total[f] = fx + render;
            }
        }
        int traces = (int) ChartsPane.CHARTS.stream()
                .flatMap(c -> c.traces().stream())
                .filter(t -> pane.points(t) > 0)
                .count();
        System.out.printf(
                Locale.ROOT,
                "chart: %d traces x %d points (each trace full), %d charts, %d frames after %d warm-up,"
                        + " window 1200x900, prism.order=%s%n",
                traces,
                pane.points(io.nutrisage.app.session.Trace.CPU),
                ChartsPane.CHARTS.size(),
                frames,
                warmup,
                System.getProperty("prism.order", "default"));
        System.out.printf(
                Locale.ROOT,
                "chart: CPU per frame (FX thread: append + refresh + pulse; render thread: window paint) median %.2f ms,"
                        + " p90 %.2f ms; FX thread median %.2f ms, render thread median %.2f ms%n",
                median(total) / 1e6,
                percentile(total, 0.9) / 1e6,
                median(fxCpu) / 1e6,
                median(renderCpu) / 1e6);
    }

    /** An idle target: one task, a little CPU with noise, nothing else. */
    private static void idleSecond(RunTimeline timeline, int second, java.util.Random noise) {
        Instant t = T0.plusSeconds(second);
        timeline.addMetric(MetricId.CPU_UTILIZATION, new Datapoint(t, 0.3 + 0.05 * noise.nextGaussian()));
        timeline.addMetric(MetricId.MEMORY_UTILIZATION, new Datapoint(t, 12 + 0.01 * noise.nextGaussian()));
        timeline.addMetric(MetricId.RUNNING_TASKS, new Datapoint(t, 1));
        timeline.addMetric(MetricId.DESIRED_TASKS, new Datapoint(t, 1));
        timeline.addMetric(MetricId.TARGET_5XX, new Datapoint(t, 0));
    }

    private static void live(int seconds) throws Exception {
        io.nutrisage.app.Main.tuneRendering();
        Platform.startup(() -> {});
        java.util.Random noise = new java.util.Random(7);
        RunTimeline timeline = new RunTimeline(T0);
        for (int s = 0; s < SECONDS; s++) {
            idleSecond(timeline, s, noise);
        }
        ChartsPane pane = showCharts(timeline);
        var threads = ManagementFactory.getThreadMXBean();
        long renderer = rendererThreadId();
        long[] cpu = new long[2]; // [follow, refresh]
        int[] counted = new int[2];
        int second = SECONDS;
        int block = 30;
        for (int done = -block; done < seconds; done += block) {
            for (int mode = 0; mode < 2; mode++) {
                boolean follow = mode == 0;
                for (int i = 0; i < block; i++) {
                    int at = second++;
                    long render0 = threads.getThreadCpuTime(renderer);
                    long fx = onFx(() -> {
                        long start = threads.getCurrentThreadCpuTime();
                        idleSecond(timeline, at, noise);
                        if (follow) {
                            pane.follow(timeline);
                        } else {
                            pane.refresh(timeline);
                        }
                        pulse();
                        return threads.getCurrentThreadCpuTime() - start;
                    });
                    Thread.sleep(60);
                    if (done >= 0) {
                        cpu[mode] += fx + threads.getThreadCpuTime(renderer) - render0;
                        counted[mode]++;
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "live: 2 h of an idle target on every chart, one second appended per frame, %d frames each,"
                        + " alternating blocks of %d: follow %.2f ms CPU per second, refresh %.2f ms (FX + render)%n",
                counted[0],
                block,
                cpu[0] / 1e6 / counted[0],
                cpu[1] / 1e6 / counted[1]);
    }

    private static long median(long[] values) {
        return percentile(values, 0.5);
    }

    private static long percentile(long[] values, double q) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static void idle(int warmupSeconds, int seconds, boolean layoutCensus) throws Exception {
        io.nutrisage.app.Main.tuneRendering();
        Thread fx = new Thread(() -> Application.launch(ConsoleApp.class), "console");
        fx.setDaemon(true);
        fx.start();
        Thread.sleep(Duration.ofSeconds(warmupSeconds));
        // Pulses that laid a scene out: an idle console should lay out about once per monitoring tick, not 60/s.
        java.util.concurrent.atomic.LongAdder layoutPulses = new java.util.concurrent.atomic.LongAdder();
        // Which parents need a layout when a pulse starts: the deepest ones are what changed.
        java.util.Map<String, Long> dirtyLayouts = new java.util.concurrent.ConcurrentHashMap<>();
        onFx(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w.getScene() != null) {
                    w.getScene().addPostLayoutPulseListener(layoutPulses::increment);
                    javafx.scene.Scene scene = w.getScene();
                    if (layoutCensus) {
                        scene.addPreLayoutPulseListener(() -> countDirty(scene.getRoot(), dirtyLayouts));
                    }
                }
            }
            return null;
        });
        var threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> threadCpu0 = threadCpu(threads);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long gcMs0 = gcMillis();
        long jitMs0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long wall0 = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds));
        long cpu = os.getProcessCpuTime() - cpu0;
        long gcMs = gcMillis() - gcMs0;
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMs0;
        long wall = System.nanoTime() - wall0;
        java.util.Map<String, Long> threadCpu1 = threadCpu(threads);
        System.out.printf(Locale.ROOT, "idle: %.1f layout pulses per second%n", layoutPulses.sum() / (wall / 1e9));
        onFx(() -> {
            dirtyLayouts.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8)
                    .forEach(e -> System.out.printf(
                            Locale.ROOT,
                            "idle:   needs layout at pulse start %5.1f /s  %s%n",
                            e.getValue() / (wall / 1e9),
                            e.getKey()));
            return null;
        });
        System.out.printf(
                Locale.ROOT,
                "idle:   GC pauses %.2f %%, JIT compilation %.2f %% of one core (wall time of those activities)%n",
                100.0 * gcMs * 1e6 / wall,
                100.0 * jitMs * 1e6 / wall);
        threadCpu1.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L)))
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(e -> System.out.printf(
                        Locale.ROOT,
                        "idle:   thread %-32s %.2f %% of one core%n",
                        e.getKey(),
                        100.0 * e.getValue() / wall));
        // The sandbox is the target: on AWS these threads run in the service's tasks, not in the console.
        long target = threadCpu1.entrySet().stream()
                .filter(e -> isSandboxThread(e.getKey()))
                .mapToLong(e -> e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L))
                .sum();
        System.out.printf(
                Locale.ROOT,
                "idle:   of which the local sandbox's own threads (the target: control plane, replicas, their HTTP"
                        + " and EMF threads) %.2f %% of one core%n",
                100.0 * target / wall);
        System.out.printf(
                Locale.ROOT,
                "idle: console on the local sandbox, no load, %d s after %d s warm-up: process CPU %.2f s ="
                        + " %.2f %% of one core%n",
                seconds,
                warmupSeconds,
                cpu / 1e9,
                100.0 * cpu / wall);
        Platform.exit();
    }

    /** Counts the deepest parents under {@code node} that need a layout (what changed, not its ancestors). */
    private static boolean countDirty(javafx.scene.Node node, java.util.Map<String, Long> counts) {
        if (!(node instanceof javafx.scene.Parent parent)) {
            return false;
        }
        // Ancestors of a changed node are only marked as a dirty branch, so the whole tree is searched.
        boolean childDirty = false;
        for (javafx.scene.Node child : parent.getChildrenUnmodifiable()) {
            childDirty |= countDirty(child, counts);
        }
        if (parent.isNeedsLayout() && !childDirty) {
            String name = (parent.getClass().getSimpleName().isEmpty()
                            ? parent.getClass().getName()
                            : parent.getClass().getSimpleName())
                    + (parent.getId() != null ? "#" + parent.getId() : "")
                    + " in " + describeAncestor(parent);
            counts.merge(name, 1L, Long::sum);
        }
        return childDirty || parent.isNeedsLayout();
    }

    private static String describeAncestor(javafx.scene.Node node) {
        for (javafx.scene.Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null && !p.getId().equals("virtual-flow")) { // every VirtualFlow has that id
                return p.getClass().getSimpleName() + "#" + p.getId();
            }
        }
        return "scene";
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /** CPU time per live thread name (threads of one name summed). */
    private static boolean isSandboxThread(String name) {
        return name.startsWith("sandbox-")
                || name.startsWith("replica-")
                || name.startsWith("emf-flusher")
                || name.startsWith("HTTP-Dispatcher");
    }

    private static java.util.Map<String, Long> threadCpu(java.lang.management.ThreadMXBean threads) {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            long nanos = threads.getThreadCpuTime(id);
            if (info != null && nanos > 0) {
                cpu.merge(info.getThreadName(), nanos, Long::sum);
            }
        }
        return cpu;
    }

    private static void heap(Path file) throws Exception {
        Files.deleteIfExists(file);
        long entries = 0;
        try (RunRecorder recorder = RunRecorder.append(file)) {
            for (int s = 0; s < SECONDS; s++) {
                Instant t = T0.plusSeconds(s);
                if (s % 1200 == 0) {
                    recorder.record(new RunEntry.PhaseStarted(t, s / 1200, "phase " + (s / 1200)));
                    entries++;
                }
                recorder.record(new RunEntry.LoadSample(t, load(s)));
                entries++;
                long[] count = {0};
                metrics(s, (id, d) -> {
                    recorder.record(new RunEntry.MetricSample(d.time(), id, d.value()));
                    count[0]++;
                });
                entries += count[0];
                if (s % 300 == 150) {
                    int from = 1 + (s / 300) % 4;
                    recorder.record(new RunEntry.Activity(
                            t,
                            new ScalingActivity(
                                    "act-" + s,
                                    t,
                                    "Setting desired count to " + (from + 1) + ".",
                                    "monitor alarm TargetTracking-AlarmHigh in state ALARM triggered policy cpu",
                                    "Successful",
                                    from,
                                    from + 1)));
                    recorder.record(new RunEntry.Transition(
                            t,
                            new AlarmTransition(
                                    "tr-" + s,
                                    "TargetTracking-AlarmHigh",
                                    t,
                                    AlarmState.OK,
                                    AlarmState.ALARM,
                                    "Threshold Crossed: 3 datapoints were greater than the threshold (70.0).")));
                    entries += 2;
                }
            }
        }
        long bytes = Files.size(file);
        Platform.startup(() -> {});
        LoadDriver noLoad = (plan, target, listener) -> {
            throw new LoadDriver.LoadException("no load while replaying", null);
        };
        Path recordingDir = Files.createTempDirectory("bench-recordings");
        ConsoleViewModel vm = onFx(() -> {
            ConsoleViewModel model = new ConsoleViewModel(
                    () -> {
                        throw new IllegalStateException("replay only");
                    },
                    noLoad,
                    recordingDir,
                    TaskExecutor.direct(),
                    InstantSource.system());
            ConsoleApp.show(new Stage(), model, TaskExecutor.direct());
            return model;
        });
        onFx(AppBenchmarks::pulse);
        long start = System.nanoTime();
        String status = onFx(() -> {
            vm.openRecording(file);
            return vm.statusProperty().get();
        });
        long openMs = (System.nanoTime() - start) / 1_000_000;
        onFx(AppBenchmarks::pulse);
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                "heap: recording %s, %d entries, %.1f MB, opened in %d ms (%s)%n",
                file.getFileName(),
                entries,
                bytes / 1e6,
                openMs,
                status);
        System.out.printf(
                Locale.ROOT,
                "heap: used heap after GC with the 2-hour recording shown: %.1f MB (max heap %d MB)%n",
                used / 1e6,
                Runtime.getRuntime().maxMemory() / 1_000_000);
        Files.deleteIfExists(file);
    }
}
