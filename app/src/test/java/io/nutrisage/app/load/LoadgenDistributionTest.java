package io.nutrisage.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.predictor.http.PredictorServer;
import io.nutrisage.predictor.http.ServerConfig;
import io.nutrisage.predictor.model.GradePredictors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * loadgen-core's distribution as a CI job uses it ({@code bin/loadgen} from the folder the build unpacks, in its own
 * process) against a real predictor-service on a loopback port: the demo profile passes its gates with exit 0, a
 * breached threshold exits 99, SIGTERM exits 105, and {@code --version} names the build.
 */
class LoadgenDistributionTest {
    /** The folder form of the distribution (the .tar.gz beside it holds the same), for the version under test. */
    private static final Path LAUNCHER = launcher(System.getProperty("nutrisage.version"));

    private static PredictorServer predictor;

    @TempDir
    Path dir;

    @BeforeAll
    static void startThePredictor() {
        predictor = PredictorServer.start(
                ServerConfig.embedded().withServiceName("loadgen-distribution-test"), GradePredictors.loadBundled());
    }

    @AfterAll
    static void stopThePredictor() {
        predictor.close();
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        Result version = run(List.of("--version"), null);

        assertThat(version.exitCode()).isZero();
        assertThat(version.output().strip()).matches("loadgen \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void theDemoProfilePassesItsGatesWithExitZero() throws Exception {
        Result demo = run(
                List.of(
                        "run",
                        "--profile",
                        "nutrisage-demo",
                        "--time-scale",
                        "0.005",
                        "--target",
                        target(),
                        "--out",
                        dir.resolve("demo").toString(),
                        "--progress",
                        "off",
                        "--threshold",
                        "p90<500ms",
                        "--threshold",
                        "error_rate<1%"),
                null);

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(dir.resolve("demo/junit.xml")).exists();
        assertThat(dir.resolve("demo/latency.hlog")).exists();
    }

    @Test
    void aBreachedThresholdExits99() throws Exception {
        Result breach = run(
                List.of(
                        "run",
                        "--phase",
                        "2s@20",
                        "--target",
                        target(),
                        "--out",
                        dir.resolve("breach").toString(),
                        "--progress",
                        "off",
                        "--threshold",
                        "p90<1us"),
                null);

        assertThat(breach.exitCode()).as(breach.output()).isEqualTo(99);
    }

    @Test
    void sigtermExits105WithTheOutputsWritten() throws Exception {
        Path out = dir.resolve("interrupted");
        Result interrupted = run(
                List.of(
                        "run",
                        "--phase",
                        "60s@20",
                        "--target",
                        target(),
                        "--out",
                        out.toString(),
                        "--progress",
                        "off",
                        "--threshold",
                        "error_rate<1%"),
                out.resolve("timeseries.jsonl"));

        assertThat(interrupted.exitCode()).as(interrupted.output()).isEqualTo(105);
        assertThat(out.resolve("summary.json")).exists();
        assertThat(interrupted.output()).contains("interrupted before the end of the profile");
    }

    private static Path launcher(String version) {
        assertThat(version)
                .as("surefire passes the build's version as nutrisage.version")
                .isNotBlank();
        String name = "loadgen-" + version;
        return Path.of("..", "loadgen-core", "target", name, name, "bin", "loadgen");
    }

    private static String target() {
        return "http://127.0.0.1:" + predictor.port();
    }

    record Result(int exitCode, String output) {}

    /**
     * Runs {@code bin/loadgen} with the test's own JDK as JAVA_HOME; with {@code signalWhen}, sends SIGTERM once that
     * file has two lines (two seconds of the run reported).
     */
    private Result run(List<String> arguments, Path signalWhen) throws IOException, InterruptedException {
        Path launcher = LAUNCHER;
        assertThat(launcher)
                .as("the distribution is built in loadgen-core's package phase: ./mvnw -pl loadgen-core -am package")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = Files.createTempFile(dir, "loadgen", ".log");
        builder.redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            if (signalWhen != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(Files.exists(signalWhen)
                        && Files.readAllLines(signalWhen).size() >= 2)) {
                    assertThat(process.isAlive()).as(() -> read(log)).isTrue();
                    assertThat(System.nanoTime())
                            .as("two seconds reported: %s", read(log))
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
                process.destroy(); // SIGTERM to the JVM itself: bin/loadgen execs java
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as(() -> read(log))
                    .isTrue();
            return new Result(process.exitValue(), read(log));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
