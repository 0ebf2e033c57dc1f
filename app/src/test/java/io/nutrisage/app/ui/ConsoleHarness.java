package io.nutrisage.app.ui;

import io.nutrisage.app.ConsoleApp;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.sandbox.LocalSandbox;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.predictor.model.GradePredictors;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One console for a GUI test, as a JUnit extension beside TestFX's {@code ApplicationExtension}: the view-model on the
 * test's target (none, the local sandbox, or whatever the factory connects to), its {@link FxTaskExecutor}, the
 * window shown on TestFX's stage, and {@link #await}/{@link #fx} to read state on the FX thread. After each test it
 * closes the view-model on the FX thread, the executor, then whatever the test handed to {@link #closeAfterwards}
 * (an AWS stub), in reverse order.
 *
 * <pre>{@code
 * @RegisterExtension final ConsoleHarness console = ConsoleHarness.onSandbox(() -> runs, settings);
 * @Start void start(Stage stage) { console.show(stage); }
 * }</pre>
 */
public final class ConsoleHarness implements AfterEachCallback {
    private final Function<FxTaskExecutor, ConsoleViewModel> viewModels;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private FxTaskExecutor executor;
    private ConsoleViewModel viewModel;
    private ConsoleView view;

    private ConsoleHarness(Function<FxTaskExecutor, ConsoleViewModel> viewModels) {
        this.viewModels = viewModels;
    }

    /** A console whose view-model the factory builds when the window is shown (so it may use instance fields). */
    public static ConsoleHarness of(Function<FxTaskExecutor, ConsoleViewModel> viewModels) {
        return new ConsoleHarness(viewModels);
    }

    /** No target to connect to and no load to drive: for tests of the window itself. */
    public static ConsoleHarness withoutTarget(Supplier<Path> recordings, InstantSource clock) {
        return of(executor -> TestConsoles.withoutTarget(recordings.get(), executor, clock));
    }

    /** The local sandbox with the real load generator, on the system clock. */
    public static ConsoleHarness onSandbox(Supplier<Path> recordings, SandboxSettings settings) {
        return of(executor -> new ConsoleViewModel(
                () -> LocalSandbox.start(settings, LocalSandbox.serviceReplicas(GradePredictors.loadBundled())),
                new LoadgenDriver(),
                recordings.get(),
                executor,
                InstantSource.system()));
    }

    /** Call from the test's {@code @Start}: builds the view-model and shows the window (which connects). */
    public ConsoleView show(Stage stage) {
        executor = new FxTaskExecutor();
        viewModel = viewModels.apply(executor);
        view = ConsoleApp.show(stage, viewModel, executor);
        return view;
    }

    public <T extends AutoCloseable> T closeAfterwards(T resource) {
        closeables.push(resource);
        return resource;
    }

    public ConsoleViewModel viewModel() {
        return viewModel;
    }

    public ConsoleView view() {
        return view;
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    /** Waits up to {@code seconds} for {@code condition}, evaluated on the FX thread. */
    public static void await(Supplier<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::get));
    }

    /** Runs {@code call} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(20, TimeUnit.SECONDS);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (viewModel != null) {
                WaitForAsyncUtils.asyncFx(viewModel::close).get(20, TimeUnit.SECONDS);
            }
        } finally {
            if (executor != null) {
                executor.close();
            }
            while (!closeables.isEmpty()) {
                closeables.pop().close();
            }
        }
    }
}
