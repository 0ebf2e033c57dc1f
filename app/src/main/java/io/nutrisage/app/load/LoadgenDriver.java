package io.nutrisage.app.load;

import io.nutrisage.loadgen.LoadGenerator;
import io.nutrisage.loadgen.LoadRun;
import io.nutrisage.loadgen.RunDefinition;
import io.nutrisage.loadgen.RunState;
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
import java.util.function.Consumer;

/**
 * Runs load plans with loadgen-core, in process: the console's phases become a {@link RateProfile}, loadgen's
 * per-second {@link Snapshot}s become {@link LoadSnapshot}s. Records that run out start again (the console drives a
 * profile, not a record file). The listener is called on loadgen's reporter thread.
 */
public final class LoadgenDriver implements LoadDriver {

    @Override
    public LoadControl start(LoadPlan plan, URI target, Consumer<LoadSnapshot> listener) throws LoadException {
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
                listener.accept(convert(snapshot));
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
