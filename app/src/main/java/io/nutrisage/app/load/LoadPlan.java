package io.nutrisage.app.load;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the console asks the load generator to run: phases (in profile time), a time scale that compresses them, the
 * record source ({@code built-in} or a file/directory/S3 prefix) and the cap on requests in flight.
 */
public record LoadPlan(
        String profileName, List<LoadPhase> phases, double timeScale, String recordSource, int inFlightCap) {
    public static final String BUILT_IN_RECORDS = "built-in";

    public LoadPlan {
        Objects.requireNonNull(profileName, "profileName");
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a load plan needs at least one phase");
        }
        if (!(timeScale > 0) || timeScale > 100) {
            throw new IllegalArgumentException("time scale must be in (0, 100], got " + timeScale);
        }
        Objects.requireNonNull(recordSource, "recordSource");
        if (inFlightCap < 1) {
            throw new IllegalArgumentException("in-flight cap must be >= 1, got " + inFlightCap);
        }
    }

    /**
     * The seed's demo: 180 s at 5/s, 180 s at 50/s, 300 s at 200/s, 300 s at 350/s, 180 s at 5/s, 180 s at 50/s.
     */
    public static List<LoadPhase> nutrisageDemoPhases() {
        return List.of(
                LoadPhase.hold(Duration.ofSeconds(180), 5),
                LoadPhase.hold(Duration.ofSeconds(180), 50),
                LoadPhase.hold(Duration.ofSeconds(300), 200),
                LoadPhase.hold(Duration.ofSeconds(300), 350),
                LoadPhase.hold(Duration.ofSeconds(180), 5),
                LoadPhase.hold(Duration.ofSeconds(180), 50));
    }

    public static LoadPlan nutrisageDemo(double timeScale) {
        return new LoadPlan("nutrisage-demo", nutrisageDemoPhases(), timeScale, BUILT_IN_RECORDS, 256);
    }

    /** Real duration of phase {@code i} after the time scale. */
    public Duration scaledDuration(int i) {
        return Duration.ofNanos(Math.round(phases.get(i).duration().toNanos() * timeScale));
    }

    public Duration scaledTotal() {
        Duration total = Duration.ZERO;
        for (int i = 0; i < phases.size(); i++) {
            total = total.plus(scaledDuration(i));
        }
        return total;
    }

    /** Real start offset of phase {@code i} from the start of the run (pauses excluded). */
    public Duration scaledStart(int i) {
        Duration start = Duration.ZERO;
        for (int k = 0; k < i; k++) {
            start = start.plus(scaledDuration(k));
        }
        return start;
    }

    public LoadPlan withPhases(List<LoadPhase> newPhases) {
        return new LoadPlan(profileName, newPhases, timeScale, recordSource, inFlightCap);
    }

    public LoadPlan withTimeScale(double newTimeScale) {
        return new LoadPlan(profileName, phases, newTimeScale, recordSource, inFlightCap);
    }

    public LoadPlan withRecordSource(String newSource) {
        return new LoadPlan(profileName, phases, timeScale, newSource, inFlightCap);
    }

    public LoadPlan withInFlightCap(int newCap) {
        return new LoadPlan(profileName, phases, timeScale, recordSource, newCap);
    }
}
