package io.nutrisage.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's stylesheet against AtlantaFX and chartfx: showing the window in the light and the dark theme logs no
 * CSS warning (an unresolved colour lookup such as chartfx's {@code derive(-fx-background, …)} for the grids, which
 * AtlantaFX does not define, or a value JavaFX cannot parse). No target: only styling is under test.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleCssTest {
    // Strong references: JUL keeps loggers weakly, and a collected logger would lose the handler.
    private static final List<Logger> CSS_LOGGERS =
            List.of(Logger.getLogger("javafx.css"), Logger.getLogger("javafx.scene"));
    private static final List<String> warnings = new CopyOnWriteArrayList<>();
    private static final Handler COLLECTOR = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(
                        record.getLoggerName() + ": " + new java.util.logging.SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    static Path runs;

    @RegisterExtension
    final ConsoleHarness console =
            ConsoleHarness.withoutTarget(() -> runs, () -> Instant.parse("2026-11-23T17:00:00Z"));

    @Start
    void start(Stage stage) {
        CSS_LOGGERS.forEach(l -> l.addHandler(COLLECTOR));
        warnings.clear();
        console.show(stage);
    }

    @AfterEach
    void stop() {
        CSS_LOGGERS.forEach(l -> l.removeHandler(COLLECTOR));
    }

    @Test
    void lightAndDarkThemesStyleTheConsoleAndItsChartsWithoutCssWarnings(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        // Every side tab once, so each table and list is skinned and styled.
        for (String tab : List.of("Alarms", "Events", "Deployments", "Logs", "Checklist", "Scaling")) {
            robot.clickOn(tab);
            WaitForAsyncUtils.waitForFxEvents();
        }
        robot.clickOn("#darkToggle");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#darkToggle");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(warnings).isEmpty();
    }
}
