package io.nutrisage.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console as its users start it ({@link Main} in its own JVM, here with JavaFX's headless Monocle platform)
 * closes cleanly on SIGTERM and SIGINT: the window's own close path runs, and the process exits 0 without a stack
 * trace.
 */
class ConsoleSignalTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalClosesTheConsoleAsItsWindowWouldAndExitsZero(String signal) throws Exception {
        Path log = dir.resolve("console.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless",
                "-Dprism.order=sw",
                "-Dheadless.geometry=1920x1200-32",
                "-Dnutrisage.runs=" + dir.resolve("runs"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        Process console = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!read(log).contains("nutrisage-console: window open")) {
                assertThat(console.isAlive()).as(() -> read(log)).isTrue();
                assertThat(System.nanoTime())
                        .as("window open within 90 s: %s", read(log))
                        .isLessThan(deadline);
                Thread.sleep(100);
            }

            new ProcessBuilder("kill", "-" + signal, Long.toString(console.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();

            assertThat(console.waitFor(Main.CLOSE_DEADLINE_SECONDS + 10, TimeUnit.SECONDS))
                    .as(() -> read(log))
                    .isTrue();
            assertThat(console.exitValue()).as(() -> read(log)).isEqualTo(Main.EXIT_CLOSED);
            assertThat(read(log))
                    .contains("nutrisage-console: SIG" + signal + " received: closing the session and its recording")
                    .contains("nutrisage-console: closed")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        } finally {
            console.destroyForcibly();
        }
    }

    @org.junit.jupiter.api.Test
    void versionNamesTheConsoleAndItsBundledModel() throws Exception {
        Process version = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--version")
                .redirectErrorStream(true)
                .start();
        String out = new String(version.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        assertThat(out.strip())
                .matches("nutrisage-console \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(model nutrisage-xgb-\\S+\\)");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
