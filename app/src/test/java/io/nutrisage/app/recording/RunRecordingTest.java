package io.nutrisage.app.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadSnapshot;
import io.nutrisage.app.load.LoadState;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.ScalingActivity;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        assertThat(recording.lastLineCut()).isTrue();
        assertThat(recording.endedEarly())
                .contains("recording ends at line 5: the last line is incomplete; the run's end is missing"
                        + " (nothing after t = 2 s, its last entry), and so are the load's totals");
    }

    @Test
    void aCompleteRecordingEndsWithItsTotalsAndIsNotReportedIncomplete(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (var recorder = RunRecorder.append(file)) {
            completeRun(recorder);
        }

        RunRecording recording = RunRecording.read(file);

        assertThat(recording.entries()).hasSize(7);
        assertThat(recording.entries().get(5))
                .isEqualTo(new RunEntry.LoadFinished(T0.plusSeconds(66), TOTALS))
                .as("the totals round-trip");
        assertThat(recording.lastLineCut()).isFalse();
        assertThat(recording.endedEarly()).isEmpty();
    }

    @Test
    void aRecordingCutMidLineByACrashKeepsEveryCompleteEntryAndSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (var recorder = RunRecorder.append(file)) {
            completeRun(recorder);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        // The console died half-way through writing line 5 (the last load sample): the file ends inside it.
        long cut = 0;
        for (int i = 0; i < 4; i++) {
            cut += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        cut += lines.get(4).length() / 2;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(cut);
        }

        RunRecording recording = RunRecording.read(file);

        assertThat(recording.entries()).hasSize(4).first().isInstanceOf(RunEntry.RunStarted.class);
        assertThat(recording.entries().getLast()).isInstanceOf(RunEntry.Activity.class);
        assertThat(recording.lines()).isEqualTo(5);
        assertThat(recording.endedEarly())
                .contains("recording ends at line 5: the last line is incomplete; the run's end is missing"
                        + " (nothing after t = 30 s, its last entry), and so are the load's totals");
    }

    @Test
    void aRecordingThatStopsBetweenLinesLacksOnlyItsEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (var recorder = RunRecorder.append(file)) {
            completeRun(recorder);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.write(file, lines.subList(0, 6), StandardCharsets.UTF_8);

        RunRecording recording = RunRecording.read(file);

        assertThat(recording.problems()).isEmpty();
        assertThat(recording.endedEarly())
                .contains("recording ends at line 6 without its run-ended entry; the run's end is missing"
                        + " (nothing after t = 66 s, its last entry)");
    }

    private static final LoadTotals TOTALS = new LoadTotals(
            Duration.ofSeconds(66),
            "PROFILE_COMPLETED",
            9_000,
            8_990,
            8_985,
            12,
            10,
            new LoadTotals.Errors(0, 3, 0, 2, 0, 0),
            new LoadTotals.Latency(8_985, 4.2, 9.5, 12.0, 30.5, 80.0, 120.0),
            new LoadTotals.Latency(8_985, 4.0, 9.0, 11.0, 25.0, 60.0, 110.0));

    /** A run as RunSession records it: start, phase, samples, an activity, the load's totals, the end. */
    private static void completeRun(RunRecorder recorder) {
        recorder.record(new RunEntry.RunStarted(T0, "Local sandbox", LoadPlan.nutrisageDemo(0.05)));
        recorder.record(new RunEntry.PhaseStarted(T0.plusSeconds(1), 0, "180s at 5/s"));
        recorder.record(new RunEntry.MetricSample(T0.plusSeconds(20), MetricId.CPU_UTILIZATION, 62));
        recorder.record(new RunEntry.Activity(
                T0.plusSeconds(30),
                new ScalingActivity(
                        "a1",
                        T0.plusSeconds(30),
                        "Setting desired count to 3.",
                        "monitor alarm X in state ALARM triggered policy cpu40",
                        "Successful",
                        1,
                        3)));
        recorder.record(new RunEntry.LoadSample(
                T0.plusSeconds(66),
                new LoadSnapshot(
                        T0.plusSeconds(66),
                        LoadState.FINISHED,
                        5,
                        Duration.ofSeconds(66),
                        Duration.ZERO,
                        0,
                        0,
                        0,
                        0,
                        3,
                        0,
                        0,
                        8.0,
                        7.5,
                        0.8)));
        recorder.record(new RunEntry.LoadFinished(T0.plusSeconds(66), TOTALS));
        recorder.record(new RunEntry.RunEnded(T0.plusSeconds(70), "session closed"));
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
