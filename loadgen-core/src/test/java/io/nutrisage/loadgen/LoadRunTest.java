package io.nutrisage.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.schedule.Profiles;
import io.nutrisage.loadgen.schedule.RateProfile;
import io.nutrisage.loadgen.sink.ResponseSinks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadRunTest {
    private PredictServer server;
    private final List<Snapshot> snapshots = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new PredictServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static RateProfile phases(String... phases) {
        return new RateProfile(
                "test",
                java.util.Arrays.stream(phases).map(Profiles::parsePhase).toList());
    }

    private RunDefinition.Builder definition(URI target, String... phases) {
        return RunDefinition.builder(target).profile(phases(phases)).loop(true);
    }

    private LoadRun start(RunDefinition definition) {
        LoadRun run = LoadGenerator.create(definition);
        run.addListener(snapshots::add);
        run.start();
        return run;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private long sentSoFar() {
        return snapshots.stream().mapToLong(Snapshot::sent).sum();
    }

    private static RunSummary finish(LoadRun run) throws InterruptedException {
        return run.awaitCompletion(Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("run did not finish"));
    }

    @Test
    void sendsEveryPlannedStartAndReadsThePredictions() throws Exception {
        LoadRun run = start(definition(server.uri(), "1s@40", "1s@40..80").build());

        RunSummary summary = finish(run);

        // 40 starts in the hold, N(1 s) = 40 + 20 = 60 in the ramp.
        assertThat(summary.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
        assertThat(summary.planned()).isEqualTo(100);
        assertThat(summary.sent()).isEqualTo(100);
        assertThat(summary.completed()).isEqualTo(100);
        assertThat(summary.achievedRatio()).isEqualTo(1.0);
        assertThat(summary.outcomes().status2xx()).isEqualTo(100);
        assertThat(summary.errorRate()).isZero();
        assertThat(summary.averageConfidence()).isEqualTo(0.91, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(summary.grades()).containsExactly(java.util.Map.entry("B", 100L));
        assertThat(summary.corrected().count()).isEqualTo(100);
        assertThat(summary.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(server.requests()).isEqualTo(100);
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        // Every count lands in exactly one snapshot.
        assertThat(snapshots.stream().mapToLong(Snapshot::sent).sum()).isEqualTo(100);
        assertThat(snapshots.stream().mapToLong(s -> s.outcomes().status2xx()).sum())
                .isEqualTo(100);
        assertThat(snapshots.stream().mapToLong(s -> s.corrected().count()).sum())
                .isEqualTo(100);
        assertThat(snapshots).extracting(Snapshot::second).startsWith(1L, 2L);
    }

    @Test
    void pauseStopsSendingAndResumeContinuesTheProfileWhereItStopped() throws Exception {
        LoadRun run = start(definition(server.uri(), "2s@50").build());
        await("first sends", () -> server.requests() >= 10);

        run.pause();
        await("paused", () -> run.state() == RunState.PAUSED);
        int snapshotsAtPause = snapshots.size();
        // Requests sent just before the pause may still be on their way: count once a snapshot has passed.
        await("a snapshot after the pause", () -> snapshots.size() >= snapshotsAtPause + 1);
        long atPause = server.requests();
        await("a whole second paused", () -> snapshots.size() >= snapshotsAtPause + 2);
        long afterWaiting = server.requests();
        Snapshot paused = snapshots.get(snapshots.size() - 1);
        run.resume();
        RunSummary summary = finish(run);

        assertThat(afterWaiting).isEqualTo(atPause);
        assertThat(paused.state()).isEqualTo(RunState.PAUSED);
        assertThat(paused.sent()).isZero();
        assertThat(paused.targetRate()).isZero();
        // The profile clock was frozen: every start of the 2 s phase is still sent.
        assertThat(summary.sent()).isEqualTo(100);
        assertThat(summary.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
    }

    @Test
    void holdRateSendsAtTheHeldRateUntilStopped() throws Exception {
        LoadRun run = start(definition(server.uri(), "60s@1").build());
        await("first send", () -> server.requests() >= 1);

        run.holdRate(200);
        await("holding", () -> run.state() == RunState.HOLDING);
        await("held-rate sends", () -> server.requests() >= 150);
        await("a snapshot while holding", () -> snapshots.stream().anyMatch(s -> s.state() == RunState.HOLDING));
        run.stop();
        RunSummary summary = finish(run);

        assertThat(summary.endReason()).isEqualTo(EndReason.STOPPED);
        assertThat(summary.sent()).isGreaterThanOrEqualTo(150);
        assertThat(snapshots.stream().filter(s -> s.state() == RunState.HOLDING))
                .allSatisfy(s -> assertThat(s.targetRate()).isEqualTo(200.0));
    }

    @Test
    void skipPhaseJumpsToTheNextPhaseAndEndsTheRunFromTheLast() throws Exception {
        LoadRun run = start(definition(server.uri(), "60s@1", "1s@20", "60s@1").build());

        run.skipPhase();
        await("second phase", () -> server.requests() >= 15);
        await("third phase", () -> snapshots.stream().anyMatch(s -> s.phase() == 2));
        run.skipPhase();
        RunSummary summary = finish(run);

        assertThat(summary.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
        assertThat(summary.duration()).isLessThan(Duration.ofSeconds(30));
        // At most one start of the first phase (at t=0), all 20 of the second, the first of the third.
        assertThat(summary.sent()).isBetween(20L, 23L);
    }

    @Test
    void inFlightCapHoldsStartsBackAndCountsThemLateOrDropped() throws Exception {
        server.delay(100);
        LoadRun run = start(definition(server.uri(), "2s@50")
                .inFlightCap(2)
                .maxLateness(Duration.ofMillis(300))
                .build());

        RunSummary summary = finish(run);

        // Two slots of 100 ms serve at most 20/s of the 50/s asked for.
        assertThat(server.takeMaxConcurrent()).isLessThanOrEqualTo(2);
        assertThat(summary.planned()).isEqualTo(100);
        assertThat(summary.sent() + summary.dropped()).isEqualTo(100);
        assertThat(summary.dropped()).isPositive();
        assertThat(summary.late()).isPositive();
        assertThat(summary.achievedRatio()).isLessThan(0.8);
        assertThat(snapshots).allSatisfy(s -> assertThat(s.inFlight()).isLessThanOrEqualTo(2));
        assertThat(io.nutrisage.loadgen.report.SummaryReports.text(summary, List.of()))
                .contains("generator: fell behind the plan (" + summary.late() + " late, " + summary.dropped()
                        + " dropped");
    }

    @Test
    void raisingTheInFlightCapWhileRunningLetsMoreRequestsRunAtOnce() throws Exception {
        server.delay(200);
        LoadRun run = start(definition(server.uri(), "60s@100").inFlightCap(1).build());
        await("first completed request", () -> snapshots.stream().anyMatch(s -> s.completed() > 0));
        int maxWithCapOne = server.takeMaxConcurrent();

        run.setInFlightCap(8);
        await("more concurrency", () -> server.takeMaxConcurrent() > 1);
        int maxWithCapEight = 0;
        long deadline = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < deadline) {
            maxWithCapEight = Math.max(maxWithCapEight, server.takeMaxConcurrent());
            Thread.sleep(10);
        }
        run.stop();
        finish(run);

        assertThat(maxWithCapOne).isEqualTo(1);
        assertThat(maxWithCapEight).isBetween(2, 8);
        assertThat(run.inFlightCap()).isEqualTo(8);
        assertThat(snapshots).anySatisfy(s -> assertThat(s.inFlightCap()).isEqualTo(8));
    }

    @Test
    void recordsRunningOutEndsTheRunUnlessLooping(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("five.csv");
        Files.writeString(file, "code,fat_100g\n1,1\n2,2\n3,3\n4,4\n5,5\n");

        RunSummary once = finish(start(RunDefinition.builder(server.uri())
                .profile(phases("10s@50"))
                .records(RecordSources.local(file))
                .build()));
        RunSummary looped = finish(start(RunDefinition.builder(server.uri())
                .profile(phases("1s@20"))
                .records(RecordSources.local(file))
                .loop(true)
                .build()));

        assertThat(once.endReason()).isEqualTo(EndReason.RECORDS_EXHAUSTED);
        assertThat(once.sent()).isEqualTo(5);
        assertThat(once.duration()).isLessThan(Duration.ofSeconds(5));
        assertThat(looped.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
        assertThat(looped.sent()).isEqualTo(20);
    }

    @Test
    void aLoopedSourceThatFitsInMemoryIsReadOnceAndReplayed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("three.csv");
        Files.writeString(file, "code,fat_100g\n1,1\nbad,-5x\n3,3\n");
        LoadRun run = start(RunDefinition.builder(server.uri())
                .profile(phases("3s@20"))
                .records(RecordSources.local(file))
                .loop(true)
                .build());
        await("the first pass", () -> server.requests() >= 5);
        Files.delete(file); // later passes come from memory, not from the file

        RunSummary summary = finish(run);

        assertThat(summary.endReason()).isEqualTo(EndReason.PROFILE_COMPLETED);
        assertThat(summary.failure()).isNull();
        assertThat(summary.sent()).isEqualTo(60);
    }

    @Test
    void unreadableSourceFailsTheRunWithTheReason(@TempDir Path dir) throws Exception {
        RunSummary summary = finish(start(RunDefinition.builder(server.uri())
                .profile(phases("5s@10"))
                .records(RecordSources.local(dir.resolve("missing")))
                .build()));

        assertThat(summary.endReason()).isEqualTo(EndReason.FAILED);
        assertThat(summary.failure()).contains("missing").contains("no such file");
        assertThat(summary.sent()).isZero();
    }

    @Test
    void badRowsAreSkippedAndCountedWhileTheRunGoesOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, "code,fat_100g\n1,1\n2,2,2\n3,3\n");

        RunSummary summary = finish(start(RunDefinition.builder(server.uri())
                .profile(phases("10s@20"))
                .records(RecordSources.local(file))
                .build()));

        assertThat(summary.sent()).isEqualTo(2);
        assertThat(summary.skippedRecords()).isEqualTo(1);
        assertThat(summary.skippedExamples()).singleElement().satisfies(skip -> {
            assertThat(skip.origin()).endsWith("mixed.csv");
            assertThat(skip.line()).isEqualTo(3);
        });
        assertThat(snapshots.stream().mapToLong(Snapshot::skippedRecords).sum()).isEqualTo(1);
    }

    @Test
    void responsesAreStoredAsNdjsonInALocalFile(@TempDir Path dir) throws Exception {
        Path responses = dir.resolve("responses.ndjson");

        RunSummary summary = finish(start(definition(server.uri(), "1s@30")
                .responseSink(ResponseSinks.localFile(responses, 7))
                .build()));

        List<String> lines = Files.readAllLines(responses);
        assertThat(lines).hasSize((int) summary.completed()).hasSize(30);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.at("/response/grade").asText()).isEqualTo("B");
        assertThat(first.get("request").has("energy_kj_100g")).isTrue();
        assertThat(first.get("origin").asText()).isEqualTo("builtin:off-sample.csv");
        assertThat(summary.sinkDropped()).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheRun() throws Exception {
        LoadRun run = LoadGenerator.create(definition(server.uri(), "1s@10").build());
        run.addListener(s -> {
            throw new IllegalStateException("listener bug");
        });
        run.addListener(snapshots::add);
        run.start();

        RunSummary summary = finish(run);

        assertThat(summary.sent()).isEqualTo(10);
        assertThat(snapshots).isNotEmpty();
    }

    @Test
    void controlsAreRejectedBeforeStartAndStartOnlyOnce() throws Exception {
        LoadRun run = LoadGenerator.create(definition(server.uri(), "1s@1").build());
        assertThatThrownBy(run::pause).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        run.start();
        assertThatThrownBy(run::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        assertThatThrownBy(() -> run.setInFlightCap(0)).hasMessageContaining("1..100000");
        run.close();
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
    }

    @Test
    void histogramLogHoldsCorrectedAndRawIntervals(@TempDir Path dir) throws Exception {
        Path hlog = dir.resolve("latency.hlog");

        finish(start(definition(server.uri(), "1s@20").histogramLog(hlog).build()));

        var reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile());
        long corrected = 0;
        long raw = 0;
        org.HdrHistogram.EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            var histogram = (org.HdrHistogram.Histogram) h;
            if ("corrected".equals(h.getTag())) {
                corrected += histogram.getTotalCount();
            } else if ("raw".equals(h.getTag())) {
                raw += histogram.getTotalCount();
            }
        }
        assertThat(corrected).isEqualTo(20);
        assertThat(raw).isEqualTo(20);
    }
}
