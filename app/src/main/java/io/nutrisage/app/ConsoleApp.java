package io.nutrisage.app;

import atlantafx.base.theme.PrimerLight;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.sandbox.LocalSandbox;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.app.ui.AwsConnector;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.Exporter;
import io.nutrisage.app.ui.FxTaskExecutor;
import io.nutrisage.app.ui.TaskExecutor;
import io.nutrisage.icons.AppIcon;
import io.nutrisage.predictor.model.GradePredictors;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application: one console window on the local sandbox or an AWS stack. Started by {@link Main}. */
public final class ConsoleApp extends Application {
    private ConsoleViewModel viewModel;
    private FxTaskExecutor executor;

    /** What the window is built from; the tests build the same window with their own settings. */
    public record Wiring(Callable<MonitoringTarget> target, AwsConnector aws, Path recordingDir) {
        public Wiring(Callable<MonitoringTarget> target, Path recordingDir) {
            this(target, AwsConnector.unavailable(), recordingDir);
        }

        public static Wiring defaults() {
            return new Wiring(
                    () -> LocalSandbox.start(
                            SandboxSettings.consoleDefaults(),
                            LocalSandbox.serviceReplicas(GradePredictors.loadBundled())),
                    AwsStackConnector.defaults(),
                    recordingDirectory());
        }

        /**
         * {@code -Dnutrisage.runs}, else {@code runs} in the working directory (the repository, run through Maven),
         * else, for the installed application (its launcher sets {@code jpackage.app-path}; a desktop entry starts it
         * in a folder the user may not write to), {@code ~/.local/share/nutrisage-console/runs}.
         */
        static Path recordingDirectory() {
            String configured = System.getProperty("nutrisage.runs");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            if (System.getProperty("jpackage.app-path") != null) {
                return Path.of(System.getProperty("user.home"), ".local", "share", "nutrisage-console", "runs");
            }
            return Path.of("runs");
        }

        /** The view-model of a console window built from this wiring. */
        public ConsoleViewModel viewModel(TaskExecutor executor) {
            return new ConsoleViewModel(
                    target, aws, new LoadgenDriver(), recordingDir, executor, InstantSource.system());
        }
    }

    /** Builds the console window on {@code stage} and starts connecting. FX thread only. */
    public static ConsoleView show(Stage stage, ConsoleViewModel viewModel, TaskExecutor executor) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ConsoleView view = new ConsoleView(viewModel, new Exporter(executor));
        Scene scene = new Scene(view.load(), 1560, 960);
        stage.setTitle("NutriSage Console");
        AppIcon.pngs().forEach(url -> stage.getIcons().add(new Image(url.toExternalForm())));
        stage.setScene(scene);
        stage.show();
        viewModel.connect();
        return view;
    }

    @Override
    public void start(Stage stage) {
        Wiring wiring = Wiring.defaults();
        executor = new FxTaskExecutor();
        viewModel = wiring.viewModel(executor);
        show(stage, viewModel, executor);
        System.err.println("nutrisage-console: window open");
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
        if (executor != null) {
            executor.close();
        }
        System.err.println("nutrisage-console: closed");
    }
}
