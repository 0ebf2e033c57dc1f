package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.FleetStatus;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingActivity;
import io.nutrisage.app.session.Checklist;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seed's post-run checks (§8) from AWS's own records, in the console's {@link RunCheck} form: ECS running == desired
 * at the end, Application Auto Scaling history during the run, the error rate from the ALB (target 5xx share of all
 * requests) and from the service's log (ERROR lines of failed requests, and no other ERROR line), and the CloudWatch
 * p90 of ModelLatencyMs below 500 ms in every minute of the run. Limits are {@link Checklist}'s.
 */
public final class AwsRunValidation {
    private AwsRunValidation() {}

    /** Reads the target now (blocking I/O) and checks the run between {@code from} and {@code to}. */
    public static List<RunCheck> evaluate(AwsMonitoringTarget target, Instant from, Instant to) {
        Map<AwsSeries, AwsMetrics.SeriesData> series = target.metrics().readAll(from);
        List<Datapoint> requests = inRun(series, AwsSeries.REQUEST_RATE, to);
        return List.of(
                runningEqualsDesired(target.fleet().status()),
                scalingHistory(target.scaling().recentActivities(), from, to),
                albErrorRate(requests, inRun(series, AwsSeries.TARGET_5XX, to)),
                logErrorRate(target, from, to, requests),
                p90Throughout(inRun(series, AwsSeries.MODEL_LATENCY_P90, to)));
    }

    static final String LOG_CHECK = "Predictor log: failed requests < 1 % of requests, no other ERROR line";

    /** Reads the ERROR lines of the run (one bounded FilterLogEvents walk) and checks them; never throws. */
    static RunCheck logErrorRate(AwsMonitoringTarget target, Instant from, Instant to, List<Datapoint> requestRate) {
        String group = target.spec().logGroupName();
        if (group.isEmpty()) {
            return new RunCheck(
                    LOG_CHECK,
                    false,
                    "no log group given: connect with the service's log group to check its ERROR lines");
        }
        AwsLogs.ErrorLines lines;
        try {
            lines = target.logFeed().errorLines(from, to);
        } catch (AwsAccessException e) {
            return new RunCheck(LOG_CHECK, false, "cannot read " + group + ": " + e.getMessage());
        }
        return logErrorRate(group, lines, requestRate.isEmpty() ? -1 : requests(requestRate));
    }

    /** @param requests ALB requests during the run, or negative when the ALB's count is unknown */
    static RunCheck logErrorRate(String group, AwsLogs.ErrorLines lines, double requests) {
        String atLeast = lines.truncated() ? "at least " : "";
        StringBuilder evidence = new StringBuilder(String.format(
                Locale.ROOT,
                "%s%d failed-request and %d other ERROR lines in %s",
                atLeast,
                lines.requestFailures(),
                lines.others(),
                group));
        boolean rateOk;
        if (requests > 0) {
            double rate = lines.requestFailures() / requests;
            rateOk = rate < Checklist.ERROR_RATE_LIMIT;
            evidence.append(String.format(Locale.ROOT, " (%.3f %% of %.0f ALB requests)", rate * 100, requests));
        } else {
            // Without the ALB's count there is nothing to divide by: only a clean log passes.
            rateOk = lines.requestFailures() == 0;
            evidence.append(" (no ALB request count to compare with)");
        }
        if (lines.truncated()) {
            evidence.append("; stopped after ").append(lines.pages()).append(" pages");
        }
        lines.firstOther().ifPresent(m -> evidence.append("; first other: ").append(abbreviate(m)));
        lines.firstFailure()
                .ifPresent(m -> evidence.append("; first failed request: ").append(abbreviate(m)));
        // Unread pages could hold any number of failures: only a complete count can pass.
        return new RunCheck(LOG_CHECK, !lines.truncated() && rateOk && lines.others() == 0, evidence.toString());
    }

    private static String abbreviate(String message) {
        return message.length() <= 160 ? message : message.substring(0, 159) + "…";
    }

    private static double requests(List<Datapoint> requestRate) {
        return requestRate.stream()
                .mapToDouble(d -> d.value() / AwsSeries.REQUEST_RATE.scale())
                .sum();
    }

    static RunCheck runningEqualsDesired(FleetStatus fleet) {
        String name = "ECS running tasks == desired tasks";
        if (fleet.asOf().equals(Instant.EPOCH)) {
            return new RunCheck(name, false, "ECS DescribeServices has not answered");
        }
        return new RunCheck(
                name,
                fleet.running() == fleet.desired() && fleet.pending() == 0,
                String.format(
                        Locale.ROOT,
                        "as of %s: running %d, desired %d, pending %d",
                        fleet.asOf(),
                        fleet.running(),
                        fleet.desired(),
                        fleet.pending()));
    }

    static RunCheck scalingHistory(List<ScalingActivity> activities, Instant from, Instant to) {
        List<ScalingActivity> during = activities.stream()
                .filter(a -> !a.startTime().isBefore(from) && !a.startTime().isAfter(to))
                .toList();
        long out = during.stream().filter(ScalingActivity::isScaleOut).count();
        long successful =
                during.stream().filter(a -> "Successful".equals(a.statusCode())).count();
        return new RunCheck(
                "Application Auto Scaling scaled out during the run",
                out > 0,
                during.size() + " activities (" + out + " scale-out, " + successful + " successful)"
                        + (during.isEmpty()
                                ? ""
                                : "; newest: " + during.getFirst().description()));
    }

    static RunCheck albErrorRate(List<Datapoint> requestRate, List<Datapoint> target5xxRate) {
        String name = "ALB target 5xx < 1 % of requests";
        double requests = requests(requestRate);
        double errors = target5xxRate.stream()
                .mapToDouble(d -> d.value() / AwsSeries.TARGET_5XX.scale())
                .sum();
        if (requests <= 0) {
            return new RunCheck(name, false, "no RequestCount datapoint during the run");
        }
        double rate = errors / requests;
        return new RunCheck(
                name,
                rate < Checklist.ERROR_RATE_LIMIT,
                String.format(
                        Locale.ROOT,
                        "%.0f target 5xx of %.0f requests (%.3f %%) over %d minutes",
                        errors,
                        requests,
                        rate * 100,
                        requestRate.size()));
    }

    static RunCheck p90Throughout(List<Datapoint> p90) {
        String name = "p90 ModelLatencyMs < 500 ms in every minute (CloudWatch)";
        if (p90.isEmpty()) {
            return new RunCheck(name, false, "no ModelLatencyMs p90 datapoint during the run");
        }
        Datapoint worst = p90.stream()
                .max(java.util.Comparator.comparingDouble(Datapoint::value))
                .orElseThrow();
        return new RunCheck(
                name,
                worst.value() < Checklist.P90_LIMIT_MS,
                String.format(
                        Locale.ROOT,
                        "worst p90 %.1f ms in the minute ending %s, %d minutes",
                        worst.value(),
                        worst.time(),
                        p90.size()));
    }

    private static List<Datapoint> inRun(Map<AwsSeries, AwsMetrics.SeriesData> series, AwsSeries s, Instant to) {
        // A minute belongs to the run if it ended after the start (readAll filtered) and began before the end.
        return series.get(s).points().stream()
                .filter(d -> d.time().minus(AwsMetrics.PERIOD).isBefore(to))
                .toList();
    }
}
