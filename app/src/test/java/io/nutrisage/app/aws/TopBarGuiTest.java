package io.nutrisage.app.aws;

import static io.nutrisage.app.ui.ConsoleHarness.await;
import static io.nutrisage.app.ui.ConsoleHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.load.LoadgenDriver;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.ui.ConsoleHarness;
import io.nutrisage.app.ui.ConsoleViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The top bar on an AWS target, at the narrowest supported width (1280 px): the state stays readable (the badge says
 * it in words, nothing the user reads at a glance is cut to "…"), and a failing feed is named under the bar with its
 * call, its state and the data's age.
 */
@ExtendWith(ApplicationExtension.class)
class TopBarGuiTest {
    @TempDir
    static Path runs;

    private StubFixture aws;

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.of(executor -> new ConsoleViewModel(
            () -> AwsTargets.connect(
                    AwsTargets.resolveStack(aws.settings(), NutriSageStack.ENV),
                    aws.settings(),
                    AwsPolling.unthrottled(),
                    Clock.systemUTC()),
            new LoadgenDriver(),
            runs.resolve("recordings"),
            executor,
            InstantSource.system()));

    @Start
    void start(Stage stage) throws Exception {
        aws = console.closeAfterwards(StubFixture.live());
        console.show(stage);
        stage.setWidth(1280);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void atTheNarrowestWidthTheStateIsReadableAndAFailingFeedIsNamed(FxRobot robot) throws Exception {
        ConsoleViewModel vm = console.viewModel();
        await(() -> vm.targetChooser().connectionProperty().get() == ConnectionState.CONNECTED, 40);
        await(() -> !vm.targetChooser().accountProperty().get().isEmpty(), 20);

        for (String id :
                List.of("#connectionBadge", "#tasksLabel", "#freshnessLabel", "#detailsButton", "#exportButton")) {
            Labeled labeled = robot.lookup(id).queryAs(Labeled.class);
            // The skin draws a new text at the next layout pulse: wait for that, then compare with the whole text.
            awaitDrawn(labeled);
            assertThat(fx(() -> shownText(labeled)))
                    .as("%s at 1280 px", id)
                    .isEqualTo(fx(labeled::getText))
                    .doesNotEndWith("…");
        }
        assertThat(fx(() ->
                        robot.lookup("#connectionBadge").queryAs(Labeled.class).getText()))
                .isEqualTo("Connected");

        aws.stub().failNext(AwsStub.Fault.SERVER_ERROR, 1_000, "GetMetricData");
        await(() -> !vm.targetChooser().feedAlerts().isEmpty(), 30);

        VBox banner = robot.lookup("#feedBanner").queryAs(VBox.class);
        Labeled badge = robot.lookup("#connectionBadge").queryAs(Labeled.class);
        // One look on the FX thread, so that banner, badge and view-model are read at the same moment.
        List<String> shown = fx(() -> List.of(
                String.valueOf(banner.isVisible()),
                ((Labeled) banner.getChildren().getFirst()).getText(),
                badge.getText(),
                vm.targetChooser().connectionProperty().get() + " "
                        + vm.targetChooser().connectionDetailProperty().get()));
        assertThat(shown.get(0)).as(shown.toString()).isEqualTo("true");
        assertThat(shown.get(1))
                .as(shown.toString())
                .startsWith("CloudWatch GetMetricData: degraded since ")
                .contains("s old — ");
        assertThat(shown.get(2)).as(shown.toString()).isEqualTo("Degraded: data may be stale");
        // What the badge draws once laid out: the longer text must not be cut either.
        awaitDrawn(badge);
        assertThat(fx(() -> shownText(badge))).isEqualTo("Degraded: data may be stale");

        aws.stub().clearFaults();
        await(() -> vm.targetChooser().feedAlerts().isEmpty(), 30);
        assertThat(fx(banner::isVisible))
                .as("the banner goes once the feed recovers")
                .isFalse();
    }

    /**
     * Waits (5 s at most) until the skin has drawn the control's current text, whole or cut to "…": a new text is
     * drawn at the next layout pulse.
     */
    private static void awaitDrawn(Labeled labeled) {
        try {
            await(
                    () -> {
                        String shown = shownText(labeled);
                        String text = labeled.getText();
                        return shown.equals(text)
                                || (shown.endsWith("…") && text.startsWith(shown.substring(0, shown.length() - 1)));
                    },
                    5);
        } catch (Exception e) {
            // Not drawn within 5 s: the assertion that follows reports what is shown.
        }
    }

    /** The text a labeled control really draws (its skin's Text node), which is cut to "…" when it has no room. */
    private static String shownText(Labeled labeled) {
        for (Node node : labeled.lookupAll(".text")) {
            if (node instanceof Text text && text.getParent() != null) {
                return text.getText();
            }
        }
        return labeled.getText();
    }
}
