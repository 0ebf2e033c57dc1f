package io.nutrisage.app.session;

import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.predictor.model.DriftBand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The post-run validation of the seed: each check with pass/fail and the evidence behind it. */
public final class Checklist {
    /** The latency bound of the seed, in milliseconds. */
    public static final double P90_LIMIT_MS = 500;

    /** Highest acceptable share of failed requests. */
    public static final double ERROR_RATE_LIMIT = 0.01;

    private Checklist() {}

    public static List<RunCheck> evaluate(RunTimeline t) {
        return List.of(
                runningEqualsDesired(t),
                scalingHistory(t),
                errorRate(t),
                p90Throughout(t),
                inputsWithinBaseline(t, DriftBands.bundled()));
    }

    static RunCheck runningEqualsDesired(RunTimeline t) {
        return t.lastFleet()
                .map(f -> new RunCheck(
                        "Running tasks == desired tasks",
                        f.running() == f.desired() && f.pending() == 0,
                        String.format(
                                Locale.ROOT,
                                "at the end: running %d, desired %d, pending %d",
                                f.running(),
                                f.desired(),
                                f.pending())))
                .orElse(new RunCheck("Running tasks == desired tasks", false, "no fleet status was received"));
    }

    static RunCheck scalingHistory(RunTimeline t) {
        long out = t.activities().stream().filter(ScalingActivity::isScaleOut).count();
        long in = t.activities().size() - out;
        long alarms =
                t.transitions().stream().filter(x -> x.to() == AlarmState.ALARM).count();
        String last = t.activities().isEmpty()
                ? ""
                : "; last: " + t.activities().getLast().description();
        return new RunCheck(
                "Scaling history present",
                out > 0,
                out + " scale-out and " + in + " scale-in activities, " + alarms + " alarm transitions to ALARM"
                        + last);
    }

    static RunCheck errorRate(RunTimeline t) {
        if (t.completed() == 0) {
            return new RunCheck("Error rate < 1 %", false, "no request completed");
        }
        double rate = t.clientErrors() / (double) t.completed();
        return new RunCheck(
                "Error rate < 1 %",
                rate < ERROR_RATE_LIMIT,
                String.format(
                        Locale.ROOT,
                        "%d errors of %d completed requests (%.3f %%)",
                        t.clientErrors(),
                        t.completed(),
                        rate * 100));
    }

    static RunCheck p90Throughout(RunTimeline t) {
        RingSeries p90 = t.trace(Trace.P90_SERVER);
        if (p90.size() == 0) {
            return new RunCheck("p90 ModelLatencyMs < 500 ms throughout", false, "no ModelLatencyMs datapoint");
        }
        int worst = 0;
        for (int i = 1; i < p90.size(); i++) {
            if (p90.y(i) > p90.y(worst)) {
                worst = i;
            }
        }
        return new RunCheck(
                "p90 ModelLatencyMs < 500 ms throughout",
                p90.y(worst) < P90_LIMIT_MS,
                String.format(
                        Locale.ROOT,
                        "worst p90 %.2f ms at t=%.0f s over %d datapoints",
                        p90.y(worst),
                        p90.x(worst),
                        p90.size()));
    }

    static final String INPUTS_WITHIN_BASELINE = "Inputs within the training baseline";

    /**
     * Passes when, for sugars and sodium, the average of the run's input-mean datapoints lies inside the drift band.
     * The band is for a minute's average at 1 request/s or more; a run averages many such minutes, so a run outside
     * it was fed products unlike the training data for most of its length. Single datapoints outside the band are
     * counted as evidence, not failed on: a sandbox sample averages only the records of one sampling interval, and
     * at low rates those scatter beyond a band made for 60 records.
     */
    static RunCheck inputsWithinBaseline(RunTimeline t, Map<Trace, DriftBand> bands) {
        boolean passed = true;
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<Trace, DriftBand> e : bands.entrySet()) {
            RingSeries series = t.trace(e.getKey());
            DriftBand band = e.getValue();
            String nutrient = band.nutrient().column().replace("_100g", "");
            if (series.size() == 0) {
                passed = false;
                evidence.add(nutrient + ": no " + band.metricName() + " datapoint");
                continue;
            }
            double sum = 0;
            int outside = 0;
            for (int i = 0; i < series.size(); i++) {
                sum += series.y(i);
                if (!band.contains(series.y(i))) {
                    outside++;
                }
            }
            double mean = sum / series.size();
            passed &= band.contains(mean);
            evidence.add(String.format(
                    Locale.ROOT,
                    "%s: mean %.4g g/100 g over %d datapoints, %d outside the band %.4g–%.4g (training mean %.4g)",
                    nutrient,
                    mean,
                    series.size(),
                    outside,
                    band.lower(),
                    band.upper(),
                    band.trainingMean()));
        }
        return new RunCheck(INPUTS_WITHIN_BASELINE, passed, String.join("; ", evidence));
    }
}
