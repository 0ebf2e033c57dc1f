package io.nutrisage.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.PredictServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class LoadgenCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PredictServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws Exception {
        server = new PredictServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private int loadgen(String... args) {
        return LoadgenCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String[] runArgs(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run", "--target", server.uri().toString(), "--loop", "--progress", "off", "--out", dir.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Document junit() throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());
    }

    @Test
    void runWritesEveryOutputAndPassesItsThresholds() throws Exception {
        int code = loadgen(runArgs(
                "--phase",
                "1s@20",
                "--phase",
                "1s@20..40",
                "--threshold",
                "p90<5s",
                "--threshold",
                "error_rate<1%",
                "--threshold",
                "achieved_rate>=99%"));

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        List<String> series = Files.readAllLines(dir.resolve("timeseries.jsonl"));
        assertThat(series).isNotEmpty();
        JsonNode second = JSON.readTree(series.get(0));
        assertThat(second.fieldNames())
                .toIterable()
                .contains(
                        "target_rate",
                        "achieved_rate",
                        "in_flight",
                        "late",
                        "dropped",
                        "blocked_ms",
                        "corrected_p50_ms",
                        "corrected_p90_ms",
                        "corrected_p99_ms",
                        "corrected_max_ms",
                        "raw_p50_ms",
                        "raw_p90_ms",
                        "raw_p99_ms",
                        "raw_max_ms",
                        "status_2xx",
                        "status_4xx",
                        "status_5xx",
                        "error_refused",
                        "error_timeout",
                        "error_reset",
                        "avg_confidence",
                        "grades");
        List<String> csv = Files.readAllLines(dir.resolve("timeseries.csv"));
        assertThat(csv).hasSize(series.size() + 1);
        assertThat(csv.get(0)).startsWith("second,time,interval_s,state,phase");
        assertThat(csv.get(1).split(",", -1)).hasSameSizeAs(csv.get(0).split(","));
        long sent = 0;
        for (String line : series) {
            sent += JSON.readTree(line).get("sent").asLong();
        }
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("sent").asLong()).isEqualTo(sent).isEqualTo(50);
        assertThat(summary.get("end_reason").asText()).isEqualTo("PROFILE_COMPLETED");
        assertThat(summary.at("/grades/B").asLong()).isEqualTo(50);
        assertThat(summary.get("thresholds"))
                .hasSize(3)
                .allSatisfy(t -> assertThat(t.get("passed").asBoolean()).isTrue());
        assertThat(Files.readString(dir.resolve("summary.txt"))).contains("PASS p90<5s");
        assertThat(out.toString()).contains("starts: 50 planned, 50 sent");
        Document junit = junit();
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("4");
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(Files.size(dir.resolve("latency.hlog"))).isPositive();
    }

    @Test
    void breachedThresholdExitsWith99AndFailsTheJunitCase() throws Exception {
        server.status(500);

        int code = loadgen(runArgs("--phase", "1s@10", "--threshold", "error_rate<1%", "--threshold", "p99<10s"));

        assertThat(code).isEqualTo(ExitCodes.THRESHOLD_BREACHED);
        Document junit = junit();
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(junit.getElementsByTagName("failure")
                        .item(0)
                        .getAttributes()
                        .getNamedItem("message")
                        .getNodeValue())
                .isEqualTo("FAIL error_rate<1%: error_rate was 100.00% (limit < 1.00%)");
        assertThat(out.toString()).contains("5xx 10");
    }

    @Test
    void unreadableInputIsARunErrorWithTheReason() throws Exception {
        int code = loadgen(runArgs(
                "--phase", "1s@10", "--input", dir.resolve("nothing-here").toString()));

        assertThat(code).isEqualTo(ExitCodes.RUN_ERROR);
        assertThat(err.toString()).contains("run failed").contains("nothing-here");
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile())
                        .get("failure")
                        .asText())
                .contains("no such file");
        assertThat(junit().getDocumentElement().getAttribute("errors")).isEqualTo("1");
    }

    @Test
    void invalidOptionsAreUsageErrorsWithoutStackTraces() {
        assertThat(loadgen(runArgs("--threshold", "p90 fast"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("loadgen: threshold 'p90 fast' is not METRIC OP VALUE")
                .doesNotContain("\tat ");
        assertThat(loadgen("run", "--no-such-option")).isEqualTo(ExitCodes.USAGE);
        assertThat(loadgen("run", "--target", "ftp://x", "--phase", "1s@1", "--out", dir.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("target must be an http(s) URL");
        assertThat(loadgen(runArgs("--phase", "1s@1", "--catch-up", "1"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("loadgen: catch-up factor must be a finite number > 1");
        assertThat(loadgen(runArgs("--phase", "1s@1", "--catch-up", "fast"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("Invalid value for option '--catch-up': 'fast' is not a double")
                .doesNotContain("\tat ");
    }

    @Test
    void profileFileIsTimeScaled() throws Exception {
        Path profile = dir.resolve("ten.yaml");
        Files.writeString(profile, "phases:\n  - {duration: 10s, rate: 20}\n");

        int code = loadgen(runArgs("--profile", profile.toString(), "--time-scale", "0.1"));

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile())
                        .get("sent")
                        .asLong())
                .isEqualTo(20);
    }

    @Test
    void badYamlProfileIsAUsageErrorNamingTheLine() throws Exception {
        Path profile = dir.resolve("bad.yaml");
        Files.writeString(profile, "phases:\n  - {duration: 10s, rate: 20}\n  - {duration: 10s, rate: lots}\n");

        int code = loadgen(runArgs("--profile", profile.toString()));

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("profile " + profile + ", line 3, phase 2: 'rate' must be a number")
                .doesNotContain("\tat ");
    }

    @Test
    void builtInSampleLoopsByDefaultAndFilesDoNot() throws Exception {
        Path input = dir.resolve("two.csv");
        Files.writeString(input, "code,fat_100g\n1,1\n2,2\n");
        Path sampleOut = dir.resolve("sample");
        Path fileOut = dir.resolve("file");

        int sample = loadgen(
                "run",
                "--target",
                server.uri().toString(),
                "--phase",
                "1s@250",
                "--progress",
                "off",
                "--out",
                sampleOut.toString());
        int file = loadgen(
                "run",
                "--target",
                server.uri().toString(),
                "--phase",
                "1s@250",
                "--progress",
                "off",
                "--input",
                input.toString(),
                "--out",
                fileOut.toString());

        assertThat(sample).isZero();
        assertThat(file).isZero();
        JsonNode sampleSummary = JSON.readTree(sampleOut.resolve("summary.json").toFile());
        assertThat(sampleSummary.get("sent").asLong())
                .as("more than the 200 sample records")
                .isEqualTo(250);
        assertThat(sampleSummary.get("end_reason").asText()).isEqualTo("PROFILE_COMPLETED");
        JsonNode fileSummary = JSON.readTree(fileOut.resolve("summary.json").toFile());
        assertThat(fileSummary.get("sent").asLong()).isEqualTo(2);
        assertThat(fileSummary.get("end_reason").asText()).isEqualTo("RECORDS_EXHAUSTED");
    }

    @Test
    void helpListsTheCommandsExitCodesAndEnvironment() {
        assertThat(loadgen("--help")).isZero();
        assertThat(out.toString()).contains("run", "predict", "batch", "99", "TARGET_URL", "INPUT_PREFIX", "WORKERS");
    }

    @Test
    void predictSendsOneRecordAndPrintsTheResponse() {
        int code = loadgen("predict", "--target", server.uri().toString(), "--record", "{\"fat_100g\": 3}");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"grade\":\"B\"");
        assertThat(err.toString()).contains("HTTP 200");
    }

    @Test
    void predictWithoutRecordSendsTheFirstSampleRecordAndFailsOnErrorStatus() {
        server.status(503);

        int code = loadgen("predict", "--target", server.uri().toString());

        assertThat(code).isEqualTo(ExitCodes.RUN_ERROR);
        assertThat(err.toString()).contains("builtin:off-sample.csv:2", "HTTP 503");
    }

    @Test
    void batchWritesOnePredictionPerRecord() throws Exception {
        Path input = dir.resolve("five.csv");
        Files.writeString(input, "code,fat_100g\n1,1\n2,2\n3,3\n4,4\n5,5\n");
        Path output = dir.resolve("predictions.ndjson");

        int code = loadgen(
                "batch",
                "--target",
                server.uri().toString(),
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--batch-size",
                "2");

        assertThat(code).as(err.toString()).isZero();
        assertThat(server.requests()).isEqualTo(3);
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(
                        JSON.readTree(line).get("grade").asText())
                .isEqualTo("B"));
        assertThat(err.toString()).contains("5 records in 3 batches, 0 failed");
    }

    @Test
    void sigtermEndsTheRunCleanlyWithEveryOutputWrittenAndTheInterruptedExitCode() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadgenCli.class.getName(),
                        "run",
                        "--target",
                        server.uri().toString(),
                        "--phase",
                        "60s@20",
                        "--loop",
                        "--progress",
                        "plain",
                        "--out",
                        dir.toString(),
                        "--threshold",
                        "error_rate<1%")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("process.log").toFile())
                .start();
        try {
            Path series = dir.resolve("timeseries.jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(series) && Files.readAllLines(series).size() >= 2)) {
                assertThat(System.nanoTime()).as("two seconds reported").isLessThan(deadline);
                assertThat(process.isAlive())
                        .as(() -> readQuietly(dir.resolve("process.log")))
                        .isTrue();
                Thread.sleep(50);
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue())
                    .as(readQuietly(dir.resolve("process.log")))
                    .isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(readQuietly(dir.resolve("process.log")))
                    .contains(
                            "loadgen: interrupted before the end of the profile; every output is written, exit code 105");
            JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
            assertThat(summary.get("end_reason").asText()).isEqualTo("STOPPED");
            List<String> lines = Files.readAllLines(series);
            assertThat(lines).hasSize(summary.get("seconds").asInt());
            long sent = 0;
            for (String line : lines) {
                sent += JSON.readTree(line).get("sent").asLong();
            }
            assertThat(sent).isEqualTo(summary.get("sent").asLong()).isPositive();
            assertThat(summary.get("completed").asLong()).isEqualTo(sent);
            assertThat(junit().getDocumentElement().getAttribute("failures")).isEqualTo("0");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
