package io.nutrisage.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordingTest {
    private static final Instant T0 = Instant.parse("2026-11-23T17:00:00Z");

    @Test
    void entriesRoundTripAndACrashCutLastLineIsSkippedWithItsLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("runs/run.jsonl");
        var snapshot = new LoadSnapshot(
                T0.plusSeconds(1),
                LoadState.RUNNING,
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(65),
                5,
                4.9,
                2,
                5,
                4,
                0,
                0,
                12.5,
                11.0,
                Double.NaN);
        var activity = new ScalingActivity(
                "a1",
                T0.plusSeconds(2),
                "Setting desired count to 3.",
                "monitor alarm X in state ALARM triggered policy cpu40",
                "Successful",
                1,
                3);
        try (var recorder = RunRecorder.append(file)) {
            recorder.record(new RunEntry.RunStarted(T0, "Local sandbox", LoadPlan.nutrisageDemo(0.05)));
            recorder.record(new RunEntry.LoadSample(snapshot.time(), snapshot));
            recorder.record(new RunEntry.MetricSample(T0.plusSeconds(1), MetricId.CPU_UTILIZATION, 42.5));
            recorder.record(new RunEntry.Activity(activity.startTime(), activity));
        }
        // The console died while writing the next line.
        Files.writeString(file, "{\"type\":\"metric\",\"time\":\"2026-11-", StandardOpenOption.APPEND);

        RunRecording recording = RunRecording.read(file);

        assertThat(recording.entries()).hasSize(4);
        assertThat(recording.entries().get(0)).isInstanceOfSatisfying(RunEntry.RunStarted.class, s -> {
            assertThat(s.plan()).isEqualTo(LoadPlan.nutrisageDemo(0.05));
            assertThat(s.target()).isEqualTo("Local sandbox");
        });
        assertThat(recording.entries().get(1)).isInstanceOfSatisfying(RunEntry.LoadSample.class, l -> {
            assertThat(l.snapshot().p90CorrectedMs()).isEqualTo(12.5);
            assertThat(l.snapshot().averageConfidence()).isNaN();
        });
        assertThat(recording.entries().get(3)).isEqualTo(new RunEntry.Activity(activity.startTime(), activity));
        assertThat(recording.problems()).singleElement().asString().startsWith("run.jsonl line 5:");
    }

    @Test
    void reopeningAppendsToTheSameFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (var recorder = RunRecorder.append(file)) {
            recorder.record(new RunEntry.RunEnded(T0, "first"));
        }
        try (var recorder = RunRecorder.append(file)) {
            recorder.record(new RunEntry.RunEnded(T0.plusSeconds(1), "second"));
        }
        assertThat(RunRecording.read(file).entries())
                .extracting(e -> ((RunEntry.RunEnded) e).reason())
                .containsExactly("first", "second");
    }
}
