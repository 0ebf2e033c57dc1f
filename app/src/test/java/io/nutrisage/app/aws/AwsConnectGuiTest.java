package io.nutrisage.app.aws;

import static io.nutrisage.app.ui.ConsoleHarness.await;
import static io.nutrisage.app.ui.ConsoleHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.AwsStackConnector;
import io.nutrisage.app.ConsoleApp;
import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.sandbox.LocalSandbox;
import io.nutrisage.app.sandbox.SandboxSettings;
import io.nutrisage.app.session.Trace;
import io.nutrisage.app.ui.ConsoleHarness;
import io.nutrisage.app.ui.ConsoleView;
import io.nutrisage.app.ui.ConsoleViewModel;
import io.nutrisage.predictor.model.GradePredictors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
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
 * The console, headless (Monocle), starts on the local sandbox; the user chooses "AWS stack…" in the target chooser and
 * fills the connect dialog. The connector is the console's own ({@link AwsStackConnector}), pointed at the stub.
 */
@ExtendWith(ApplicationExtension.class)
class AwsConnectGuiTest {
    @TempDir
    Path dir;

    private StubFixture aws;
    private final List<MonitoringTarget> sandboxes = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.of(executor -> {
        SandboxSettings sandbox = SandboxSettings.defaults(Duration.ofSeconds(1), Duration.ofMillis(500));
        AwsStackConnector connector =
                new AwsStackConnector(aws::pointAt, new RecentTargets(dir.resolve("recent.json")));
        return new ConsoleApp.Wiring(
                        () -> {
                            MonitoringTarget t = LocalSandbox.start(
                                    sandbox, LocalSandbox.serviceReplicas(GradePredictors.loadBundled()));
                            sandboxes.add(t);
                            return t;
                        },
                        connector,
                        dir.resolve("recordings"))
                .viewModel(executor);
    });

    private ConsoleViewModel viewModel;
    private ConsoleView view;

    @Start
    void start(Stage stage) throws Exception {
        aws = console.closeAfterwards(StubFixture.live());
        view = console.show(stage);
        viewModel = console.viewModel();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void choosingAnAwsStackShowsItsIdentityCostAndDataAndClosesTheSandbox(FxRobot robot) throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 40);
        assertThat(sandboxes).hasSize(1);

        chooseAwsAndConnect(robot, NutriSageStack.ENV);

        await(() -> viewModel.targetChooser().targetNameProperty().get().equals("AWS nutrisage (eu-west-1)"), 30);
        await(() -> viewModel.runPanels().activities().size() == 4, 30);
        assertThat(fx(() -> robot.lookup("#identityLabel").queryAs(Label.class).getText()))
                .isEqualTo("account 123456789012 · arn:aws:sts::123456789012:assumed-role/NutriSageConsole/alice"
                        + " · eu-west-1");
        assertThat(fx(() -> robot.lookup("#costLabel").queryAs(Label.class).getText()))
                .startsWith("API cost ≈ $0.0240/h planned · ");
        assertThat(fx(() -> chooser(robot).getValue())).isEqualTo("AWS nutrisage (eu-west-1, profile nutrisage-test)");
        assertThat(fx(() -> chooser(robot).getItems())).contains("Local sandbox", "AWS stack…");
        assertThat(sandboxes.getFirst().serviceEndpoint()).isNotNull();
        await(() -> isClosed(sandboxes.getFirst()), 20);

        WaitForAsyncUtils.asyncFx(() -> view.charts()
                        .refresh(viewModel.runPanels().timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        for (Trace trace : new Trace[] {Trace.CPU, Trace.RUNNING_TASKS, Trace.P90_SERVER}) {
            assertThat(fx(() -> view.charts().points(trace))).as(trace.name()).isEqualTo(10);
        }
        assertThat(fx(() -> view.charts().markerCount())).isGreaterThanOrEqualTo(4);
        assertThat(new RecentTargets(dir.resolve("recent.json")).list())
                .extracting(RecentTargets.Entry::stackName)
                .containsExactly(NutriSageStack.ENV);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void namesTypedByHandAreCheckedThenConnectToTheStubAndAreRemembered(FxRobot robot) throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 40);
        WaitForAsyncUtils.asyncFx(() -> chooser(robot).setValue(ConsoleViewModel.AWS_CHOICE))
                .get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#awsProfile").write("nutrisage-test");
        robot.clickOn("#awsRegion").write(AwsStub.REGION);
        robot.clickOn("#awsModeByHand");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#awsProblem").queryAs(Label.class).getText()))
                .isEqualTo("Cluster: enter the ECS cluster name (e.g. nutrisage).");
        assertThat(fx(() -> robot.lookup("#awsConnectButton").query().isDisabled()))
                .isTrue();

        robot.clickOn("#awsCluster").write(NutriSageStack.CLUSTER);
        robot.clickOn("#awsService").write(NutriSageStack.SERVICE);
        setText(robot, "#awsUrl", NutriSageStack.TARGET_URL);
        // The name as the EC2 console lists it, not the full name: refused with what to type.
        setText(robot, "#awsLoadBalancer", "nutrisage-alb");
        assertThat(fx(() -> robot.lookup("#awsProblem").queryAs(Label.class).getText()))
                .startsWith("Load balancer: enter its full name app/<name>/<16 hex digits>");
        assertThat(fx(() -> robot.lookup("#awsConnectButton").query().isDisabled()))
                .isTrue();
        setText(robot, "#awsLoadBalancer", NutriSageStack.LOAD_BALANCER);
        setText(robot, "#awsTargetGroup", NutriSageStack.TARGET_GROUP);
        setText(robot, "#awsLogGroup", NutriSageStack.LOG_GROUP);
        setText(robot, "#awsAlarms", String.join(", ", NutriSageStack.STACK_ALARMS));
        assertThat(fx(() -> robot.lookup("#awsProblem").queryAs(Label.class).getText()))
                .isEmpty();
        robot.clickOn("#awsConnectButton");
        WaitForAsyncUtils.waitForFxEvents();

        await(
                () -> viewModel
                        .targetChooser()
                        .targetNameProperty()
                        .get()
                        .equals("AWS nutrisage/nutrisage-predictor (eu-west-1)"),
                30);
        await(() -> viewModel.runPanels().activities().size() == 4, 30);
        await(() -> viewModel.runPanels().alarms().size() == 6, 30);
        String label = "AWS nutrisage/nutrisage-predictor by hand (eu-west-1, profile nutrisage-test)";
        assertThat(fx(() -> chooser(robot).getValue())).isEqualTo(label);
        // No CloudFormation call: the names were taken as typed.
        assertThat(aws.stub().count("DescribeStacks")).isZero();
        WaitForAsyncUtils.asyncFx(() -> view.charts()
                        .refresh(viewModel.runPanels().timelineProperty().get()))
                .get(20, TimeUnit.SECONDS);
        for (Trace trace : new Trace[] {Trace.CPU, Trace.RUNNING_TASKS, Trace.P90_SERVER, Trace.TARGET_5XX}) {
            assertThat(fx(() -> view.charts().points(trace))).as(trace.name()).isEqualTo(10);
        }
        List<RecentTargets.Entry> recent = new RecentTargets(dir.resolve("recent.json")).list();
        assertThat(recent).singleElement().satisfies(e -> {
            assertThat(e.stackName()).isEmpty();
            assertThat(e.spec().loadBalancerFullName()).isEqualTo(NutriSageStack.LOAD_BALANCER);
            assertThat(e.spec().alarmNames()).isEqualTo(NutriSageStack.STACK_ALARMS);
        });
        // Listed back in the chooser as a recent target, to connect again in one click.
        await(() -> chooser(robot).getItems().contains(label), 20);
    }

    private static void setText(FxRobot robot, String query, String text) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> robot.lookup(query)
                        .queryAs(javafx.scene.control.TextField.class)
                        .setText(text))
                .get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void expiredCredentialsShowTheFixAndKeepTheSandbox(FxRobot robot) throws Exception {
        await(() -> viewModel.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 40);
        aws.stub().failNext(AwsStub.Fault.EXPIRED_TOKEN, 5, "GetCallerIdentity");

        chooseAwsAndConnect(robot, NutriSageStack.ENV);

        await(() -> viewModel.statusProperty().get().startsWith("Cannot connect"), 30);
        assertThat(fx(() -> viewModel.statusProperty().get()))
                .contains("aws sso login --profile nutrisage-test")
                .endsWith("— still on Local sandbox");
        assertThat(fx(() -> chooser(robot).getValue())).isEqualTo("Local sandbox");
        assertThat(fx(() -> viewModel.targetChooser().targetNameProperty().get()))
                .isEqualTo("Local sandbox");
        assertThat(fx(() -> robot.lookup("#identityLabel").queryAs(Label.class).getText()))
                .isEmpty();
        assertThat(sandboxes).hasSize(1);
        assertThat(isClosed(sandboxes.getFirst())).isFalse();
        await(() -> viewModel.runPanels().runningTasksProperty().get() >= 1, 20);
    }

    private void chooseAwsAndConnect(FxRobot robot, String stack) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> chooser(robot).setValue(ConsoleViewModel.AWS_CHOICE))
                .get(20, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#awsProfile").write("nutrisage-test");
        robot.clickOn("#awsRegion").write(AwsStub.REGION);
        robot.clickOn("#awsStack").write(stack);
        robot.clickOn("#awsConnectButton");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> chooser(FxRobot robot) {
        return robot.lookup("#targetChoice").queryAs(ComboBox.class);
    }

    /** A closed sandbox refuses connections at its front. */
    private static boolean isClosed(MonitoringTarget sandbox) {
        try (var socket = new java.net.Socket()) {
            socket.connect(
                    new java.net.InetSocketAddress(
                            sandbox.serviceEndpoint().getHost(),
                            sandbox.serviceEndpoint().getPort()),
                    1000);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
