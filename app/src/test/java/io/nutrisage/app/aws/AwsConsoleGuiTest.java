package io.nutrisage.app.aws;

import static io.nutrisage.app.ui.ConsoleHarness.await;
import static io.nutrisage.app.ui.ConsoleHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.session.Trace;
import io.nutrisage.app.ui.ConsoleHarness;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.Exporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console, headless (Monocle), connected to a stub "stack" through the AWS backend: its metrics are on the charts,
 * its scaling activities are chart markers, its alarms, transitions and service events are listed, and an export's
 * report names the stack and what monitoring it cost.
 */
@ExtendWith(ApplicationExtension.class)
class AwsConsoleGuiTest {
    @TempDir
    static Path runs;

    private static StubFixture aws;
    private static AwsSettings settings;

    @BeforeAll
    static void startStub() throws Exception {
        aws = StubFixture.live();
        settings = aws.settings();
    }

    @AfterAll
    static void stopStub() {
        aws.close();
    }

    // The connect dialog's path: resolve the stack by name, then connect; both off the FX thread.
    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.of(executor -> new ConsoleViewModel(
            () -> AwsTargets.connect(
                    AwsTargets.resolveStack(settings, NutriSageStack.ENV),
                    settings,
                    AwsPolling.defaults(),
                    Clock.systemUTC()),
            new LoadgenDriver(),
            runs.resolve("recordings"),
            executor,
            InstantSource.system()));

    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @Start
    void start(Stage stage) {
        view = console.show(stage);
        viewModel = console.viewModel();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void showsTheStubStacksSeriesActivitiesAlarmsAndEvents() throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 40);
        await(() -> viewModel.runPanels().activities().size() == 4, 20);

        assertThat(fx(() -> viewModel.targetChooser().targetNameProperty().get()))
                .isEqualTo("AWS nutrisage (eu-west-1)");
        assertThat(fx(() -> viewModel.runPanels().alarms().size())).isEqualTo(6);
        assertThat(fx(() -> viewModel.runPanels().transitions().size())).isEqualTo(3);
        assertThat(fx(() -> viewModel.runPanels().events().size())).isEqualTo(3);
        assertThat(fx(() -> viewModel.runPanels().runningTasksProperty().get())).isEqualTo(3);
        assertThat(fx(() -> viewModel.runPanels().desiredTasksProperty().get())).isEqualTo(4);

        WaitForAsyncUtils.asyncFx(() -> view.charts()
                        .refresh(viewModel.runPanels().timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        // Every series the console pays GetMetricData for is on a chart: the ALB's too.
        for (Trace trace : new Trace[] {
            Trace.CPU,
            Trace.MEMORY,
            Trace.RUNNING_TASKS,
            Trace.DESIRED_TASKS,
            Trace.P90_SERVER,
            Trace.CONFIDENCE,
            Trace.SERVED_RATE,
            Trace.P90_FRONT,
            Trace.REQUESTS_PER_TARGET,
            Trace.TARGET_5XX
        }) {
            assertThat(fx(() -> view.charts().points(trace))).as(trace.name()).isEqualTo(10);
        }
        assertThat(fx(() -> view.charts().markerCount())).isGreaterThanOrEqualTo(4);
        assertThat(aws.stub().count("GetMetricData")).isPositive();

        // The export's report names the stack, region, account and caller, and what the monitoring cost so far.
        Path out = runs.resolve("export");
        fx(() -> new Exporter(console.executor()).export(view.root(), view.charts(), viewModel, out))
                .get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("<h2>Target: AWS nutrisage (eu-west-1)</h2>")
                .contains("<dt>Stack</dt><dd>nutrisage</dd>")
                .contains("<dt>Region</dt><dd>eu-west-1</dd>")
                .contains("<dt>Account</dt><dd>" + AwsStub.ACCOUNT + "</dd>")
                .contains("<dt>Caller</dt><dd>arn:aws:sts::" + AwsStub.ACCOUNT)
                .containsPattern(
                        "<dt>so far</dt><dd>\\$\\d+\\.\\d{4} for [1-9][\\d,]* API calls and [1-9][\\d,]* metrics"
                                + " requested")
                .contains("per hour of monitoring at the polling intervals");
    }
}
