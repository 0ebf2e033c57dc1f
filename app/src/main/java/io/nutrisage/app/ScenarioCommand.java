package io.nutrisage.app;

import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.sandbox.LocalSandbox;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.Exporter;
import io.nutrisage.app.ui.FxTaskExecutor;
import io.nutrisage.predictor.model.GradePredictors;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Runs a scenario on the local sandbox without a screen and writes the same artefacts as the console's Export: the
 * console window is built off-screen (Monocle headless when no display is set), {@code nutrisage-demo} runs at the
 * given time scale, monitoring goes on until the fleet is back at its minimum (or the cool-down limit), then the
 * artefacts are exported. Exit code 0 when every post-run check passes, 1 when one fails, 2 on a usage or run error.
 */
public final class ScenarioCommand {
    private ScenarioCommand() {}

    record Options(Path out, double timeScale, Duration sandboxMinute, Duration cooldown) {}

    static final String USAGE = """
            usage: scenario [--out DIR] [--time-scale X] [--sandbox-minute SECONDS] [--cooldown SECONDS]
              --out             where the artefacts go (default runs/scenario-<time>)
              --time-scale      compresses nutrisage-demo (22 min); default 0.05 (66 s)
              --sandbox-minute  real seconds per CloudWatch minute in the sandbox; default 1
              --cooldown        longest wait after the load for the fleet to scale in; default 90
            """;

    static Options parse(String[] args) {
        Path out = Path.of(
                "runs", "scenario-" + Instant.now().toString().replace(":", "").replace(".", "-"));
        double timeScale = 0.05;
        Duration minute = Duration.ofSeconds(1);
        Duration cooldown = Duration.ofSeconds(90);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--out" -> out = Path.of(value);
                    case "--time-scale" -> timeScale = Double.parseDouble(value);
                    case "--sandbox-minute" -> minute = Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
                    case "--cooldown" -> cooldown = Duration.ofSeconds(Long.parseLong(value));
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: " + value);
            }
        }
        return new Options(out, timeScale, minute, cooldown);
    }

    public static int run(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("scenario: " + e.getMessage());
            }
            System.err.print(USAGE);
            return e.getMessage().isEmpty() ? 0 : 2;
        }
        useHeadlessPlatformWithoutDisplay();
        try {
            var checks = execute(options);
            checks.forEach(c -> System.out.println((c.passed() ? "PASS " : "FAIL ") + c.name() + " — " + c.evidence()));
            System.out.println("Artefacts in " + options.out().toAbsolutePath() + "; the report: "
                    + options.out().resolve("report.html").toAbsolutePath());
            return checks.stream().allMatch(RunCheck::passed) ? 0 : 1;
        } catch (Exception e) {
            System.err.println("scenario failed: " + e.getMessage());
            return 2;
        } finally {
            Platform.exit();
        }
    }

    static void useHeadlessPlatformWithoutDisplay() {
        String display = System.getenv("DISPLAY");
        if ((display == null || display.isBlank()) && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // Monocle's default 1280x800 screen is smaller than the window: uploads would overflow its buffer.
            System.setProperty("headless.geometry", "1920x1200-32");
        }
    }

    static java.util.List<RunCheck> execute(Options options) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults(options.sandboxMinute(), min(options.sandboxMinute()));
        FxTaskExecutor executor = new FxTaskExecutor();
        ConsoleViewModel vm = new ConsoleViewModel(
                () -> LocalSandbox.start(settings, LocalSandbox.serviceReplicas(GradePredictors.loadBundled())),
                new LoadgenDriver(),
                options.out().resolve("recording"),
                executor,
                InstantSource.system());
        CompletableFuture<ConsoleView> shown = new CompletableFuture<>();
        Platform.startup(() -> shown.complete(ConsoleApp.show(new Stage(), vm, executor)));
        ConsoleView view = shown.get(30, TimeUnit.SECONDS);
        try {
            awaitFx(
                    () -> vm.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED,
                    Duration.ofSeconds(30),
                    "connection");
            onFx(() -> {
                vm.loadControl().timeScaleProperty().set(options.timeScale());
                vm.loadControl().start();
            });
            Duration total = Duration.ofSeconds(Math.round(22 * 60 * options.timeScale()) + 30);
            awaitFx(() -> vm.loadControl().loadStateProperty().get() == LoadState.FINISHED, total, "end of the load");
            int min = settings.autoscaling().capacity().min();
            try {
                awaitFx(
                        () -> vm.runPanels().desiredTasksProperty().get() <= min
                                && vm.runPanels().runningTasksProperty().get() <= min,
                        options.cooldown(),
                        "scale-in");
            } catch (IllegalStateException e) {
                System.out.println("note: " + e.getMessage() + "; exporting what happened so far");
            }
            CompletableFuture<Exporter.Result> exported = new CompletableFuture<>();
            onFx(() -> view.charts().refresh(vm.runPanels().timelineProperty().get()));
            onFx(() -> new Exporter(executor)
                    .export(view.root(), view.charts(), vm, options.out())
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            exported.completeExceptionally(e);
                        } else {
                            exported.complete(r);
                        }
                    }));
            exported.get(60, TimeUnit.SECONDS);
            CompletableFuture<java.util.List<RunCheck>> checks = new CompletableFuture<>();
            onFx(() -> checks.complete(java.util.List.copyOf(vm.checklist().checks())));
            return checks.get(10, TimeUnit.SECONDS);
        } finally {
            onFx(vm::close);
            executor.close();
        }
    }

    private static Duration min(Duration minute) {
        return minute.compareTo(Duration.ofSeconds(1)) < 0 ? minute : Duration.ofSeconds(1);
    }

    private static void onFx(Runnable action) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static void awaitFx(Supplier<Boolean> condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            Platform.runLater(() -> ok.complete(condition.get()));
            if (ok.get(30, TimeUnit.SECONDS)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
}
