package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.ConsoleApp;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.session.Trace;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.app.ui.Exporter;
import io.nutrisage.app.ui.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
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

    private static AwsStub stub;
    private static AwsSettings settings;
    private ConsoleViewModel viewModel;
    private ConsoleView view;
    private FxTaskExecutor executor;

    @BeforeAll
    static void startStub() throws Exception {
        stub = AwsStub.start();
        // Ten minutes of data ending with the last complete minute before now (the console runs on the real clock).
        Instant firstMinute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        NutriSageStack.load(stub, firstMinute);
        settings = AwsSettings.of("nutrisage-test", AwsStub.REGION)
                .withEndpointOverride(stub.endpoint())
                .withCredentials(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Start
    void start(Stage stage) {
        executor = new FxTaskExecutor();
        // The connect dialog's path: resolve the stack by name, then connect; both off the FX thread.
        viewModel = new ConsoleViewModel(
                () -> AwsTargets.connect(
                        AwsTargets.resolveStack(settings, NutriSageStack.ENV),
                        settings,
                        AwsPolling.defaults(),
                        Clock.systemUTC()),
                new LoadgenDriver(),
                runs.resolve("recordings"),
                executor,
                InstantSource.system());
        view = ConsoleApp.show(stage, viewModel, executor);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(viewModel::close).get(20, TimeUnit.SECONDS);
        executor.close();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void showsTheStubStacksSeriesActivitiesAlarmsAndEvents() throws Exception {
        await(() -> viewModel.connectionProperty().get() == ConnectionState.CONNECTED, 40);
        await(() -> viewModel.activities().size() == 4, 20);

        assertThat(fx(() -> viewModel.targetNameProperty().get())).isEqualTo("AWS nutrisage (eu-west-1)");
        assertThat(fx(() -> viewModel.alarms().size())).isEqualTo(6);
        assertThat(fx(() -> viewModel.transitions().size())).isEqualTo(3);
        assertThat(fx(() -> viewModel.events().size())).isEqualTo(3);
        assertThat(fx(() -> viewModel.runningTasksProperty().get())).isEqualTo(3);
        assertThat(fx(() -> viewModel.desiredTasksProperty().get())).isEqualTo(4);

        WaitForAsyncUtils.asyncFx(
                        () -> view.charts().refresh(viewModel.timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        for (Trace trace : new Trace[] {
            Trace.CPU, Trace.MEMORY, Trace.RUNNING_TASKS, Trace.DESIRED_TASKS, Trace.P90_SERVER, Trace.CONFIDENCE
        }) {
            assertThat(fx(() -> view.charts().points(trace))).as(trace.name()).isEqualTo(10);
        }
        assertThat(fx(() -> view.charts().markerCount())).isGreaterThanOrEqualTo(4);
        assertThat(stub.count("GetMetricData")).isPositive();

        // The export's report names the stack, region, account and caller, and what the monitoring cost so far.
        Path out = runs.resolve("export");
        fx(() -> new Exporter(executor).export(view.root(), view.charts(), viewModel, out))
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

    private static void await(Supplier<Boolean> condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition::get));
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(20, TimeUnit.SECONDS);
    }
}
