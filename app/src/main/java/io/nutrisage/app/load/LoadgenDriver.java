package io.nutrisage.app.load;

import io.nutrisage.loadgen.LatencySummary;
import io.nutrisage.loadgen.LoadGenerator;
import io.nutrisage.loadgen.LoadRun;
import io.nutrisage.loadgen.Outcomes;
import io.nutrisage.loadgen.RunDefinition;
import io.nutrisage.loadgen.RunState;
import io.nutrisage.loadgen.RunSummary;
import io.nutrisage.loadgen.Snapshot;
import io.nutrisage.loadgen.SnapshotListener;
import io.nutrisage.loadgen.records.RecordSource;
import io.nutrisage.loadgen.records.RecordSources;
import io.nutrisage.loadgen.records.S3Clients;
import io.nutrisage.loadgen.schedule.Phase;
import io.nutrisage.loadgen.schedule.RateProfile;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Runs load plans with loadgen-core, in process: the console's phases become a {@link RateProfile}, loadgen's
 * per-second {@link Snapshot}s become {@link LoadSnapshot}s and its {@link RunSummary} the {@link LoadTotals}. Records
 * that run out start again (the console drives a profile, not a record file). The listener is called on loadgen's
 * reporter thread.
 */
public final class LoadgenDriver implements LoadDriver {

    @Override
    public LoadControl start(LoadPlan plan, URI target, Listener listener) throws LoadException {
        Objects.requireNonNull(listener, "listener");
        RunDefinition definition;
        try {
            definition = RunDefinition.builder(target)
                    .profile(profile(plan))
                    .timeScale(plan.timeScale())
                    .records(records(plan.recordSource()))
                    .loop(true)
                    .inFlightCap(plan.inFlightCap())
                    .build();
        } catch (RuntimeException e) {
            throw new LoadException("cannot set up the run: " + e.getMessage(), e);
        }
        LoadRun run = LoadGenerator.create(definition);
        run.addListener(new SnapshotListener() {
            @Override
            public void onSnapshot(Snapshot snapshot) {
                listener.onSnapshot(convert(snapshot));
            }

            @Override
            public void onFinish(RunSummary summary) {
                listener.onFinish(totals(summary));
            }
        });
        try {
            run.start();
        } catch (RuntimeException e) {
            throw new LoadException("cannot start the run: " + e.getMessage(), e);
        }
        return new Control(run);
    }

    static RateProfile profile(LoadPlan plan) {
        List<Phase> phases = plan.phases().stream()
                .map(p -> p.fromRate() == p.toRate()
                        ? (Phase) new Phase.Hold(p.duration(), p.fromRate())
                        : new Phase.Ramp(p.duration(), p.fromRate(), p.toRate()))
                .toList();
        return new RateProfile(plan.profileName(), phases);
    }

    private static RecordSource records(String location) {
        return LoadPlan.BUILT_IN_RECORDS.equals(location)
                ? RecordSources.builtInSample()
                : RecordSources.fromLocation(location, S3Clients::fromEnvironment);
    }

    static LoadSnapshot convert(Snapshot s) {
        return new LoadSnapshot(
                s.time(),
                state(s.state()),
                s.phase(),
                s.elapsed(),
                s.remaining(),
                s.targetRate(),
                s.achievedRate(),
                s.inFlight(),
                s.sent(),
                s.completed(),
                s.outcomes().errors(),
                s.late() + s.dropped(),
                s.corrected().count() == 0 ? Double.NaN : s.corrected().p90(),
                s.raw().count() == 0 ? Double.NaN : s.raw().p90(),
                s.averageConfidence());
    }

    static LoadTotals totals(RunSummary s) {
        Outcomes o = s.outcomes();
        return new LoadTotals(
                s.duration(),
                s.endReason().name(),
                s.planned(),
                s.sent(),
                s.completed(),
                s.late(),
                s.dropped(),
                new LoadTotals.Errors(
                        o.status4xx(), o.status5xx(), o.refused(), o.timeout(), o.reset(), o.otherErrors()),
                latency(s.corrected()),
                latency(s.raw()));
    }

    private static LoadTotals.Latency latency(LatencySummary l) {
        return new LoadTotals.Latency(l.count(), l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max());
    }

    static LoadState state(RunState state) {
        return switch (state) {
            case READY -> LoadState.READY;
            case RUNNING -> LoadState.RUNNING;
            case PAUSED -> LoadState.PAUSED;
            case HOLDING -> LoadState.HOLDING;
            case STOPPING, FINISHED -> LoadState.FINISHED;
        };
    }

    private record Control(LoadRun run) implements LoadControl {
        @Override
        public void pause() {
            run.pause();
        }

        @Override
        public void resume() {
            run.resume();
        }

        @Override
        public void holdRate(double requestsPerSecond) {
            run.holdRate(requestsPerSecond);
        }

        @Override
        public void nextPhase() {
            run.skipPhase();
        }

        @Override
        public void setInFlightCap(int cap) {
            run.setInFlightCap(cap);
        }

        @Override
        public void stop() {
            run.stop();
        }

        @Override
        public LoadState state() {
            return LoadgenDriver.state(run.state());
        }
    }
}
