package io.nutrisage.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.loadgen.S3TestStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs reach S3 while the run goes on, under the run's and the task's folder, and a failure is told once. */
class ResultsUploadTest {
    @TempDir
    Path dir;

    private S3TestStore store;
    private final StringWriter messages = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        store = new S3TestStore();
        store.createBucket("results-bucket");
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
    }

    @Test
    void changedFilesAreCopiedOnTheScheduleAndAllOnceMoreAtTheEnd() throws Exception {
        Files.writeString(dir.resolve("timeseries.jsonl"), "{\"second\":1}\n");
        try (ResultsUpload upload = ResultsUpload.start(
                store.client(),
                "s3://results-bucket/results",
                "run-7",
                "task/42",
                dir,
                Duration.ofMillis(100),
                new PrintWriter(messages, true))) {
            assertThat(upload.describe()).isEqualTo("s3://results-bucket/results/run-7/task-42/");
            awaitKey("results/run-7/task-42/timeseries.jsonl");

            Files.writeString(dir.resolve("timeseries.jsonl"), "{\"second\":1}\n{\"second\":2}\n");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!store.get("results-bucket", "results/run-7/task-42/timeseries.jsonl")
                            .contains("\"second\":2")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.get("results-bucket", "results/run-7/task-42/timeseries.jsonl"))
                    .as("the growing file is copied again")
                    .contains("\"second\":2");

            Files.writeString(dir.resolve("summary.json"), "{}");
            assertThat(upload.finish()).isTrue();
        }
        assertThat(store.keys("results-bucket", "results/run-7/"))
                .containsExactly("results/run-7/task-42/summary.json", "results/run-7/task-42/timeseries.jsonl");
        assertThat(messages.toString()).isEmpty();
    }

    @Test
    void aPrefixThatCannotBeWrittenIsReportedOnceAndTheLocalFilesStay() throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{}");
        try (ResultsUpload upload = ResultsUpload.start(
                store.client(),
                "s3://no-such-bucket/results/",
                "run-1",
                "t1",
                dir,
                Duration.ofMillis(50),
                new PrintWriter(messages, true))) {
            Thread.sleep(400);
            assertThat(upload.finish()).isFalse();
        }
        String told = messages.toString();
        assertThat(told)
                .startsWith("loadgen: cannot copy summary.json to s3://no-such-bucket/results/run-1/t1/: ")
                .contains("(the local files stay in " + dir + "; retrying)");
        assertThat(told.lines().count())
                .as("one message, not one per retry: %s", told)
                .isEqualTo(1);
        assertThat(dir.resolve("summary.json")).exists();
    }

    @Test
    void aResultsLocationThatIsNotS3IsRefusedWithTheOptionNamed() {
        assertThatThrownBy(() -> ResultsUpload.start(
                        store.client(),
                        "/tmp/results",
                        "r",
                        "t",
                        dir,
                        Duration.ofSeconds(1),
                        new PrintWriter(messages)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--results (RESULTS_PREFIX) must be an s3://bucket/prefix/ location, was '/tmp/results'");
    }

    private void awaitKey(String key) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!store.keys("results-bucket", key).contains(key) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.keys("results-bucket", key)).contains(key);
    }
}
