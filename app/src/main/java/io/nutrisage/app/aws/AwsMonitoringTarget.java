package io.nutrisage.app.aws;

import io.nutrisage.app.monitoring.AlarmSource;
import io.nutrisage.app.monitoring.CloudAccount;
import io.nutrisage.app.monitoring.ConnectionState;
import io.nutrisage.app.monitoring.FleetSource;
import io.nutrisage.app.monitoring.LogSource;
import io.nutrisage.app.monitoring.MonitoringTarget;
import io.nutrisage.app.monitoring.RunCheck;
import io.nutrisage.app.monitoring.ScalingSource;
import io.nutrisage.app.monitoring.TargetStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deployed NutriSage stack seen through CloudWatch, ECS, Application Auto Scaling and CloudWatch Logs. Port calls
 * may block on I/O (at most the API call timeout) but are rate-limited per feed by {@link AwsPolling}: in between,
 * and while another call of the same feed runs, they answer from the cache. Failures never escape a port call: they
 * turn the status DEGRADED (or DISCONNECTED when the user must act) and the feeds retry on the next call.
 * {@link #close()} stops every feed and closes the SDK clients, aborting calls in flight.
 */
public final class AwsMonitoringTarget implements MonitoringTarget {
    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final AwsPolling polling;
    private final Optional<CallerIdentity> identity;
    private final FeedHealth health;
    private final AwsMetrics metrics;
    private final AwsFleet fleet;
    private final AwsScaling scaling;
    private final AwsAlarms alarms;
    private final AwsLogs logs;
    private volatile boolean closed;

    AwsMonitoringTarget(
            AwsConnection connection,
            AwsTargetSpec spec,
            AwsPolling polling,
            Clock clock,
            Optional<CallerIdentity> identity) {
        this.connection = connection;
        this.spec = spec;
        this.polling = polling;
        this.identity = identity;
        this.health = new FeedHealth(
                clock,
                "AWS " + connection.region()
                        + identity.map(i -> " as " + i.arn()).orElse("") + ", " + spec.clusterName() + "/"
                        + spec.serviceName());
        this.metrics = new AwsMetrics(connection, spec, polling, clock, health);
        this.fleet = new AwsFleet(connection, spec, polling, clock, health);
        this.scaling = new AwsScaling(connection, spec, polling, clock, health);
        this.alarms = new AwsAlarms(connection, spec, polling, clock, health);
        this.logs = new AwsLogs(connection, spec, polling, clock, health);
    }

    @Override
    public String displayName() {
        return "AWS " + spec.name() + " (" + connection.region() + ")";
    }

    @Override
    public TargetStatus status() {
        return health.status();
    }

    /** Status changes of this target, oldest first (bounded), for a status log. */
    public List<StatusEntry> statusLog() {
        return health.log().stream()
                .map(e -> new StatusEntry(e.time(), e.state(), e.detail()))
                .toList();
    }

    /** One change of the target's status. */
    public record StatusEntry(Instant time, ConnectionState state, String detail) {}

    @Override
    public URI serviceEndpoint() {
        return spec.targetUrl();
    }

    @Override
    public AwsMetrics metrics() {
        return metrics;
    }

    @Override
    public FleetSource fleet() {
        return fleet;
    }

    @Override
    public ScalingSource scaling() {
        return scaling;
    }

    @Override
    public AlarmSource alarms() {
        return alarms;
    }

    @Override
    public LogSource logs() {
        return logs;
    }

    /** The log feed with its post-run ERROR count (package: for {@link AwsRunValidation}). */
    AwsLogs logFeed() {
        return logs;
    }

    /**
     * The stack, region, account and caller, and the names the console reads. The account is its ID: the console does
     * not read account aliases (that needs iam:ListAccountAliases, which the console-access stack does not grant).
     */
    @Override
    public List<Detail> details() {
        List<Detail> details = new ArrayList<>();
        details.add(new Detail("Stack", spec.name()));
        details.add(new Detail("Region", connection.region().id()));
        details.add(new Detail(
                "Account", identity.map(CallerIdentity::account).orElse("unknown (GetCallerIdentity did not answer)")));
        identity.ifPresent(i -> details.add(new Detail("Caller", i.arn())));
        details.add(new Detail("Cluster / service", spec.clusterName() + " / " + spec.serviceName()));
        details.add(new Detail("Service URL", spec.targetUrl().toString()));
        optional(details, "Load balancer", spec.loadBalancerFullName());
        optional(details, "Target group", spec.targetGroupFullName());
        optional(details, "Log group", spec.logGroupName());
        details.add(new Detail("Metric namespace", spec.metricNamespace()));
        optional(details, "Dashboard", spec.dashboardName());
        return List.copyOf(details);
    }

    private static void optional(List<Detail> details, String label, String value) {
        if (!value.isEmpty()) {
            details.add(new Detail(label, value));
        }
    }

    public AwsTargetSpec spec() {
        return spec;
    }

    public Optional<CallerIdentity> identity() {
        return identity;
    }

    /** API calls and metrics requested so far, with the cost they imply. */
    public ApiCallMeter.Usage usage() {
        return connection.meter().usage();
    }

    /** The cost of one hour of monitoring at this target's polling intervals (list prices, see ApiCallMeter). */
    public double plannedCostUsdPerHour() {
        int alarmCalls = 2 + (spec.alarmNames().isEmpty() ? 0 : 1);
        return ApiCallMeter.plannedUsdPerHour(
                metrics.queriedSeries().size(), polling.metricsInterval(), alarmCalls, polling.alarmsInterval());
    }

    @Override
    public Optional<CloudAccount> cloudAccount() {
        return Optional.of(account);
    }

    private final CloudAccount account = new CloudAccount() {
        @Override
        public String identity() {
            String region = connection.region().id();
            return identity.map(i -> "account " + i.account() + " · " + i.arn() + " · " + region)
                    .orElse(region);
        }

        @Override
        public ApiCost apiCost() {
            ApiCallMeter.Usage usage = usage();
            return new ApiCost(
                    plannedCostUsdPerHour(), usage.calls(), usage.metricsRequested(), usage.costUsd(), usage.elapsed());
        }

        @Override
        public List<RunCheck> validateRun(Instant from, Instant to) {
            return AwsRunValidation.evaluate(AwsMonitoringTarget.this, from, to);
        }
    };

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        metrics.close();
        fleet.close();
        scaling.close();
        alarms.close();
        logs.close();
        health.closed();
        connection.close();
    }
}
