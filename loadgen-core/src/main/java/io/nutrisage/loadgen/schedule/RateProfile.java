package io.nutrisage.loadgen.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A named, immutable list of phases. Pure functions of time: {@link #rateAt}, {@link #phaseAt}, and
 * {@link #fireTimes}, the planned start times.
 */
public record RateProfile(String name, List<Phase> phases) {

    /** The seed schedule: 22 minutes from 5 to 350 requests/s and back. */
    public static final RateProfile NUTRISAGE_DEMO = new RateProfile(
            "nutrisage-demo",
            List.of(
                    Phase.hold(Duration.ofSeconds(180), 5),
                    Phase.hold(Duration.ofSeconds(180), 50),
                    Phase.hold(Duration.ofSeconds(300), 200),
                    Phase.hold(Duration.ofSeconds(300), 350),
                    Phase.hold(Duration.ofSeconds(180), 5),
                    Phase.hold(Duration.ofSeconds(180), 50)));

    public RateProfile {
        Objects.requireNonNull(name, "name");
        phases = List.copyOf(Objects.requireNonNull(phases, "phases"));
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("profile '" + name + "' has no phases");
        }
    }

    public static RateProfile of(String name, Phase... phases) {
        return new RateProfile(name, List.of(phases));
    }

    /** The same profile with every duration multiplied by {@code factor} (0.1: 22 minutes in 2.2); rates kept. */
    public RateProfile timeScaled(double factor) {
        if (factor == 1.0) {
            return this;
        }
        List<Phase> scaled = new ArrayList<>(phases.size());
        for (Phase phase : phases) {
            scaled.add(phase.scaled(factor));
        }
        return new RateProfile(name, scaled);
    }

    public Duration duration() {
        return Duration.ofNanos(phaseStartNs(phases.size()));
    }

    /** Start of phase {@code index} in nanoseconds since the profile start; {@code phases().size()} gives the end. */
    public long phaseStartNs(int index) {
        long start = 0;
        for (int i = 0; i < index; i++) {
            start += phases.get(i).duration().toNanos();
        }
        return start;
    }

    /** Index of the phase running at {@code ns} since the start, or {@code phases().size()} after the end. */
    public int phaseAt(long ns) {
        long start = 0;
        for (int i = 0; i < phases.size(); i++) {
            start += phases.get(i).duration().toNanos();
            if (ns < start) {
                return i;
            }
        }
        return phases.size();
    }

    /** Target rate at {@code ns} since the start; 0 after the end. */
    public double rateAt(long ns) {
        int index = phaseAt(ns);
        if (index >= phases.size()) {
            return 0;
        }
        Phase phase = phases.get(index);
        double fraction = (ns - phaseStartNs(index)) / (double) phase.duration().toNanos();
        return phase.startRate() + (phase.endRate() - phase.startRate()) * fraction;
    }

    /** Planned starts of the whole profile. */
    public FireTimeSequence fireTimes(Arrivals arrivals, long seed) {
        return fireTimes(arrivals, seed, 0);
    }

    /**
     * Planned starts from the beginning of phase {@code firstPhase} on (times still count from the profile start).
     * Poisson arrivals derive one random stream per phase from {@code seed}, so skipping a phase does not change the
     * starts of the following ones.
     */
    public FireTimeSequence fireTimes(Arrivals arrivals, long seed, int firstPhase) {
        Objects.requireNonNull(arrivals, "arrivals");
        if (firstPhase < 0 || firstPhase > phases.size()) {
            throw new IllegalArgumentException("no phase " + firstPhase + " in profile '" + name + "'");
        }
        return new ProfileFireTimes(this, arrivals, seed, firstPhase);
    }

    private static final class ProfileFireTimes implements FireTimeSequence {
        private final RateProfile profile;
        private final Arrivals arrivals;
        private final long seed;
        private int phase;
        private long phaseStart;
        private PhaseFireTimes current;

        ProfileFireTimes(RateProfile profile, Arrivals arrivals, long seed, int firstPhase) {
            this.profile = profile;
            this.arrivals = arrivals;
            this.seed = seed;
            this.phase = firstPhase;
            this.phaseStart = profile.phaseStartNs(firstPhase);
            this.current = open(firstPhase);
        }

        private PhaseFireTimes open(int index) {
            if (index >= profile.phases().size()) {
                return null;
            }
            SplittableRandom random = arrivals == Arrivals.POISSON
                    ? new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1))
                    : null;
            return new PhaseFireTimes(profile.phases().get(index), random);
        }

        @Override
        public long nextFireTimeNs() {
            while (current != null) {
                long offset = current.next();
                if (offset >= 0) {
                    return phaseStart + offset;
                }
                phaseStart += profile.phases().get(phase).duration().toNanos();
                phase++;
                current = open(phase);
            }
            return END;
        }

        @Override
        public int phaseIndex() {
            return Math.min(phase, profile.phases().size() - 1);
        }
    }
}
