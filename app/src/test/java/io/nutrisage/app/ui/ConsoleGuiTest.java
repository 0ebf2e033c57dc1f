package io.nutrisage.app.ui;

import static io.nutrisage.app.ui.ConsoleHarness.await;
import static io.nutrisage.app.ui.ConsoleHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.app.session.RingSeries;
import io.nutrisage.app.session.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console end to end, headless (Monocle): a strongly time-compressed nutrisage-demo on the local sandbox with a
 * one-second sandbox minute.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleGuiTest {
    @TempDir
    static Path runs;

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.onSandbox(
            () -> runs.resolve("recordings"), SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofMillis(500)));

    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @Start
    void start(Stage stage) {
        view = console.show(stage);
        viewModel = console.viewModel();
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void compressedDemoScalesOutAndBackInWithChartsActivitiesAlarmsChecklistAndExport(FxRobot robot) throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 30);
        await(() -> viewModel.runPanels().runningTasksProperty().get() >= 1, 60);

        // The Deployments tab shows the sandbox's one deployment, completed once its first task runs.
        robot.clickOn("Deployments");
        await(
                () -> viewModel.runPanels().deployments().size() == 1
                        && viewModel
                                .runPanels()
                                .deployments()
                                .getFirst()
                                .rolloutState()
                                .equals("COMPLETED"),
                20);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> deploymentTable = robot.lookup("#deploymentTable").queryTableView();
        assertThat(fx(() -> deploymentTable.getItems().size())).isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#deploymentTable .table-cell").queryAllAs(TableCell.class).stream()
                        .map(Labeled::getText)
                        .toList()))
                .contains("ecs-svc/sandbox", "PRIMARY", "COMPLETED");

        robot.clickOn("#timeScaleField").eraseText(8).write("0.02");
        robot.clickOn("#startButton");
        await(() -> viewModel.loadControl().loadStateProperty().get() == LoadState.RUNNING, 20);
        await(() -> viewModel.loadControl().loadStateProperty().get() == LoadState.FINISHED, 60);

        // Heavy phases: desired count went above 1.
        RingSeries desired =
                fx(() -> viewModel.runPanels().timelineProperty().get().trace(Trace.DESIRED_TASKS));
        assertThat(fx(desired::maxY)).isGreaterThan(1);
        // ...and falls after the load, gradually.
        double peak = fx(desired::maxY);
        await(() -> viewModel.runPanels().desiredTasksProperty().get() < peak, 60);

        assertThat(fx(() -> view.charts().points(Trace.TARGET_RATE))).isGreaterThan(10);
        assertThat(fx(() -> view.charts().points(Trace.CPU))).isGreaterThan(10);
        assertThat(fx(() -> view.charts().points(Trace.RUNNING_TASKS))).isGreaterThan(10);
        assertThat(fx(() -> view.charts().points(Trace.P90_SERVER))).isPositive();
        assertThat(fx(() -> view.charts().points(Trace.CONFIDENCE))).isPositive();
        assertThat(fx(() -> view.charts().points(Trace.INPUT_SUGARS))).isPositive();
        assertThat(fx(() -> view.charts().points(Trace.INPUT_SODIUM))).isPositive();
        assertThat(fx(() -> view.charts().markerCount())).isGreaterThanOrEqualTo(6 + 2);

        assertThat(fx(() -> viewModel.runPanels().activities().size())).isGreaterThanOrEqualTo(2);
        assertThat(fx(() -> viewModel.runPanels().activities().getLast().description()))
                .matches("Setting desired count to \\d\\.");
        assertThat(fx(() -> viewModel.runPanels().transitions().stream().anyMatch(t -> t.to() == AlarmState.ALARM)))
                .isTrue();
        assertThat(fx(() -> viewModel.runPanels().events().stream()
                        .anyMatch(e -> e.message().contains("has started 1 tasks"))))
                .isTrue();

        assertThat(fx(() -> viewModel.checklist().checks().size())).isEqualTo(5);
        assertThat(fx(() -> viewModel.checklist().checks().stream()
                        .filter(c -> c.name().equals("Scaling history present"))
                        .findFirst()
                        .orElseThrow()
                        .passed()))
                .isTrue();
        assertThat(fx(() -> viewModel.checklist().checks().stream()
                        .filter(c -> c.name().equals("Inputs within the training baseline"))
                        .findFirst()
                        .orElseThrow()))
                .as("the built-in sample is real products like the training split")
                .satisfies(c -> assertThat(c.passed()).as(c.evidence()).isTrue());

        Path out = runs.resolve("export");
        WaitForAsyncUtils.asyncFx(() -> view.charts()
                        .refresh(viewModel.runPanels().timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        var result = fx(() -> new Exporter(console.executor()).export(view.root(), view.charts(), viewModel, out))
                .get(60, TimeUnit.SECONDS);
        // dashboard, scale-out, the charts, the timeline (Markdown, CSV), the summary and the report
        assertThat(result.files()).hasSize(2 + ChartsPane.CHARTS.size() + 3 + 1);
        for (Path file : result.files()) {
            assertThat(Files.size(file)).as(file.toString()).isPositive();
        }
        var dashboard = ImageIO.read(out.resolve("dashboard.png").toFile());
        assertThat(dashboard.getWidth()).isGreaterThan(1000);
        assertThat(Files.readString(out.resolve("run-summary.md")))
                .contains("## Validation")
                .contains("Setting desired count to")
                .contains("![chart-2-tasks.png](chart-2-tasks.png)")
                .contains("![chart-7-drift.png](chart-7-drift.png)")
                .contains("Whole run (load generator): planned ");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<h2>Scaling timeline</h2>")
                .contains("<td>late (sent behind plan)</td>");
        assertThat(Files.list(runs.resolve("recordings")).toList())
                .singleElement()
                .satisfies(f -> assertThat(Files.readString(f)).contains("\"type\":\"activity\""));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anIdleConsoleOnlyLaysOutWhenDataArrives(FxRobot robot) throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 30);
        await(() -> view.charts().points(Trace.TARGET_5XX) >= 3, 30);
        java.util.concurrent.atomic.LongAdder layoutPulses = new java.util.concurrent.atomic.LongAdder();
        fx(() -> {
            view.root().getScene().addPostLayoutPulseListener(layoutPulses::increment);
            return null;
        });

        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);

        // One monitoring poll a second (and chartfx's follow-up pulse); an empty trace beside a flat one once made
        // chartfx ask for a pulse every frame: ~180 layouts and renders in 3 s of an idle window.
        assertThat(layoutPulses.sum())
                .as("layout pulses in 3 s of idle monitoring")
                .isLessThan(20);
        assertThat(fx(() -> view.charts().points(Trace.CLIENT_ERRORS))).isZero();
    }
}
