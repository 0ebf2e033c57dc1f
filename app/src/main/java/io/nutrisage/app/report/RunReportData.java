package io.nutrisage.app.report;

import io.nutrisage.app.load.LoadPlan;
import io.nutrisage.app.load.LoadTotals;
import io.nutrisage.app.monitoring.AlarmTransition;
import io.nutrisage.app.monitoring.MonitoringTarget.Detail;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.session.RingSeries;
import io.nutrisage.app.session.RunTimeline;
import io.nutrisage.app.session.Trace;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a run report shows, as plain immutable data: {@link RunReportPage} turns it into one HTML page. Built by
 * {@link #of} from what the console holds about a run (its timeline, plan, checklist and target) and the chart
 * images.
 *
 * @param target the target's name as the console shows it ({@code Local sandbox}, {@code AWS nutrisage (eu-west-1)})
 * @param targetDetails the target's names and settings, in display order (none for a replayed recording)
 * @param apiCost what monitoring an AWS target cost in API calls; empty for the sandbox or a replayed recording
 * @param incomplete why the recording the run was read from is incomplete (where it ends, what is missing)
 * @param notes other things a reader must know about the figures, e.g. that the load had not finished
 */
public record RunReportData(
        String title,
        Instant started,
        Instant exported,
        String target,
        List<Detail> targetDetails,
        Optional<ApiCost> apiCost,
        Optional<Profile> profile,
        LoadFigures load,
        FleetFigures fleet,
        List<RunCheck> checks,
        List<ScalingRow> scaling,
        List<AlarmRow> alarms,
        List<Figure> figures,
        Optional<String> incomplete,
        List<String> notes) {

    public RunReportData {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(exported, "exported");
        Objects.requireNonNull(target, "target");
        targetDetails = List.copyOf(targetDetails);
        Objects.requireNonNull(apiCost, "apiCost");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(fleet, "fleet");
        checks = List.copyOf(checks);
        scaling = List.copyOf(scaling);
        alarms = List.copyOf(alarms);
        figures = List.copyOf(figures);
        Objects.requireNonNull(incomplete, "incomplete");
        notes = List.copyOf(notes);
    }

    /** The API cost of monitoring an AWS target since the console connected to it (list prices, ApiCallMeter). */
    public record ApiCost(
            double plannedUsdPerHour, long calls, long metricsRequested, double costUsd, Duration sinceConnected) {}

    /** The load plan: the profile's phases with their real (time-scaled) start and length. */
    public record Profile(
            String name, double timeScale, Duration total, String records, int inFlightCap, List<Phase> phases) {
        public Profile {
            phases = List.copyOf(phases);
        }

        static Profile of(LoadPlan plan) {
            List<Phase> phases = new ArrayList<>();
            for (int i = 0; i < plan.phases().size(); i++) {
                phases.add(new Phase(
                        i + 1,
                        plan.scaledStart(i),
                        plan.scaledDuration(i),
                        plan.phases().get(i).describe()));
            }
            return new Profile(
                    plan.profileName(),
                    plan.timeScale(),
                    plan.scaledTotal(),
                    plan.recordSource(),
                    plan.inFlightCap(),
                    phases);
        }
    }

    /** One phase: {@code description} in profile time ({@code 180s at 50/s}), start and length in real time. */
    public record Phase(int number, Duration start, Duration length, String description) {}

    /**
     * What the load generator did. {@code totals} are its own over the whole run (the percentiles are of every
     * request); the other figures are summed from its per-second samples, and all a report has when the load had not
     * finished or the recording lacks its end.
     */
    public record LoadFigures(
            Optional<LoadTotals> totals,
            long sent,
            long completed,
            long errors,
            long lateOrDropped,
            double peakTargetRate,
            double peakAchievedRate,
            double worstP90CorrectedMs,
            double worstP90ServerMs) {
        public LoadFigures {
            Objects.requireNonNull(totals, "totals");
        }
    }

    /** Running tasks at the first and last datapoint and at their peak; {@code -1} when none was seen. */
    public record FleetFigures(int first, int peak, int last, long scaleOuts, long scaleIns) {}

    /** One scaling activity, {@code seconds} since the run started. */
    public record ScalingRow(
            double seconds,
            Instant time,
            int fromCapacity,
            int toCapacity,
            String description,
            String cause,
            String status) {
        public boolean isScaleOut() {
            return toCapacity > fromCapacity;
        }
    }

    /** One alarm state change, {@code seconds} since the run started. */
    public record AlarmRow(double seconds, String alarm, String from, String to, String reason) {}

    /**
     * A chart as a PNG, drawn at {@code pixelRatio} device pixels per CSS pixel (2 for a 2x snapshot).
     *
     * @param name the file name it is also exported under ({@code chart-2-tasks.png})
     */
    public record Figure(String name, String caption, byte[] png, double pixelRatio) {
        private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

        public Figure {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(caption, "caption");
            if (png.length < 24 || !Arrays.equals(Arrays.copyOf(png, 8), SIGNATURE)) {
                throw new IllegalArgumentException("figure " + name + " is not a PNG");
            }
            png = png.clone();
            if (!(pixelRatio > 0)) {
                throw new IllegalArgumentException("pixel ratio must be > 0, got " + pixelRatio);
            }
        }

        @Override
        public byte[] png() {
            return png.clone();
        }

        /** Width in pixels, from the PNG's header (IHDR, the first chunk). */
        public int pixelWidth() {
            return ByteBuffer.wrap(png, 16, 4).getInt();
        }

        public int pixelHeight() {
            return ByteBuffer.wrap(png, 20, 4).getInt();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Figure f
                    && name.equals(f.name)
                    && caption.equals(f.caption)
                    && Arrays.equals(png, f.png)
                    && pixelRatio == f.pixelRatio;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, caption, Arrays.hashCode(png), pixelRatio);
        }

        @Override
        public String toString() {
            return "Figure[" + name + ", " + pixelWidth() + "x" + pixelHeight() + " px]";
        }
    }

    /**
     * Gathers a report from a run's timeline (traces, activities, alarm transitions, load totals, whether its
     * recording is incomplete), its plan, its checklist and its target.
     *
     * @param loadRunning whether the run's load is still going (a live export during a run is a snapshot of it)
     */
    public static RunReportData of(
            RunTimeline timeline,
            Optional<LoadPlan> plan,
            List<RunCheck> checks,
            String target,
            List<Detail> targetDetails,
            Optional<ApiCost> apiCost,
            List<Figure> figures,
            boolean loadRunning,
            Instant exported) {
        List<ScalingRow> scaling = new ArrayList<>();
        for (ScalingActivity a : timeline.activities()) {
            scaling.add(new ScalingRow(
                    timeline.secondsOf(a.startTime()),
                    a.startTime(),
                    a.fromCapacity(),
                    a.toCapacity(),
                    a.description(),
                    a.cause(),
                    a.statusCode()));
        }
        List<AlarmRow> alarms = new ArrayList<>();
        for (AlarmTransition t : timeline.transitions()) {
            alarms.add(new AlarmRow(
                    timeline.secondsOf(t.time()), t.alarmName(), t.from().name(), t.to().name(), t.reason()));
        }
        LoadFigures load = new LoadFigures(
                timeline.loadTotals(),
                timeline.sent(),
                timeline.completed(),
                timeline.clientErrors(),
                timeline.lateOrDropped(),
                max(timeline.trace(Trace.TARGET_RATE)),
                max(timeline.trace(Trace.ACHIEVED_RATE)),
                max(timeline.trace(Trace.P90_CLIENT)),
                max(timeline.trace(Trace.P90_SERVER)));
        RingSeries running = timeline.trace(Trace.RUNNING_TASKS);
        long outs = scaling.stream().filter(ScalingRow::isScaleOut).count();
        FleetFigures fleet = running.size() == 0
                ? new FleetFigures(-1, -1, -1, outs, scaling.size() - outs)
                : new FleetFigures(
                        (int) Math.round(running.y(0)),
                        (int) Math.round(running.maxY()),
                        (int) Math.round(running.lastY()),
                        outs,
                        scaling.size() - outs);
        List<String> notes = new ArrayList<>();
        if (loadRunning) {
            notes.add("The load had not finished when this report was written: it shows the run so far, with the"
                    + " load figures summed from the per-second samples.");
        } else if (plan.isPresent()
                && timeline.loadTotals().isEmpty()
                && timeline.incomplete().isEmpty()) {
            notes.add("The load generator's totals were not received: the load figures are summed from its"
                    + " per-second samples, and there are no percentiles over the whole run.");
        }
        return new RunReportData(
                "NutriSage run report",
                timeline.origin(),
                exported,
                target,
                targetDetails,
                apiCost,
                plan.map(Profile::of),
                load,
                fleet,
                checks,
                scaling,
                alarms,
                figures,
                timeline.incomplete(),
                notes);
    }

    /** This report with {@code charts} as its figures. */
    public RunReportData withFigures(List<Figure> charts) {
        return new RunReportData(
                title,
                started,
                exported,
                target,
                targetDetails,
                apiCost,
                profile,
                load,
                fleet,
                checks,
                scaling,
                alarms,
                charts,
                incomplete,
                notes);
    }

    private static double max(RingSeries series) {
        return series.size() == 0 ? Double.NaN : series.maxY();
    }
}
