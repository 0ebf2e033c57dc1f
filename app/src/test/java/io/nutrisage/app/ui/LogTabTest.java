package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.LogLine;
import io.nutrisage.app.monitoring.TargetStatus;
import io.nutrisage.app.session.MonitorUpdate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The log tail in the real window: the list shows the view-model's lines while the Logs tab is open, and holds none
 * while it is hidden (a hidden list re-laid out its cells on every poll).
 */
@ExtendWith(ApplicationExtension.class)
class LogTabTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    static Path runs;

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.withoutTarget(() -> runs, () -> T0);

    private ConsoleViewModel viewModel;

    @Start
    void start(Stage stage) {
        console.show(stage);
        viewModel = console.viewModel();
    }

    @Test
    void theLogListHoldsTheTailOnlyWhileItsTabIsOpen(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<LogLine> logList = robot.lookup("#logList").queryAs(ListView.class);
        robot.interact(() -> viewModel.applyMonitor(update(3)));
        assertThat(logList.getItems()).as("Scaling tab open").isEmpty();

        robot.clickOn("Logs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(logList.getItems())
                .hasSize(3)
                .containsExactlyElementsOf(viewModel.runPanels().logs());
        // Newest first, as the other lists: the tab opens on the latest line, not the oldest.
        assertThat(logList.getItems()).extracting(LogLine::id).containsExactly("l2", "l1", "l0");

        robot.interact(() -> viewModel.applyMonitor(update(5)));
        assertThat(logList.getItems()).as("a poll while open").hasSize(5);

        robot.clickOn("Scaling");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> viewModel.applyMonitor(update(7)));
        assertThat(logList.getItems()).as("hidden again").isEmpty();

        robot.clickOn("Logs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(logList.getItems()).as("reopened: the latest tail").hasSize(7);
        assertThat(logList.getItems().getFirst().id()).isEqualTo("l6");
    }

    private static MonitorUpdate update(int lines) {
        Instant at = T0.plusSeconds(lines);
        List<LogLine> tail = IntStream.range(0, lines)
                .mapToObj(i -> new LogLine("l" + i, T0.plusSeconds(i), "metrics", "period datapoints " + i))
                .toList();
        return new MonitorUpdate(
                at,
                new TargetStatus(ConnectionState.CONNECTED, "test", Optional.of(at)),
                Optional.empty(),
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                tail,
                Optional.empty(),
                List.of());
    }
}
