package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.monitoring.Datapoint;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.app.monitoring.MetricSeries;
import io.nutrisage.app.monitoring.MetricsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * CloudWatch series of the stack: ONE GetMetricData call (following NextToken) per refresh for every series, over an
 * incremental window that re-reads the trailing minutes because 1-minute metrics arrive late. Points are kept per
 * series (bounded by the lookback) and stamped at the end of their minute; minutes not yet over are left for the next
 * refresh. Each series' freshness is the newest point CloudWatch has returned for it.
 */
public final class AwsMetrics implements MetricsSource {
    static final Duration PERIOD = Duration.ofMinutes(1);
    static final int MAX_PAGES = 50;

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final AwsPolling polling;
    private final Clock clock;
    private final Refresher refresher;
    private final List<AwsSeries> queried;
    private final List<MetricDataQuery> queries;
    private final Map<AwsSeries, NavigableMap<Instant, Double>> points = new EnumMap<>(AwsSeries.class);
    private final Map<AwsSeries, Instant> newest = new EnumMap<>(AwsSeries.class);
    private Instant coveredFrom;
    private Instant coveredUntil;

    /** One series as the AWS backend has it, including those without a {@link MetricId}. */
    public record SeriesData(AwsSeries series, List<Datapoint> points, Optional<Instant> newest) {
        public SeriesData {
            points = List.copyOf(points);
        }
    }

    AwsMetrics(AwsConnection connection, AwsTargetSpec spec, AwsPolling polling, Clock clock, FeedHealth health) {
        this.connection = connection;
        this.spec = spec;
        this.polling = polling;
        this.clock = clock;
        this.refresher = new Refresher(
                "CloudWatch GetMetricData",
                polling.metricsInterval(),
                clock,
                health,
                connection.settings().profileLabel());
        this.queried =
                List.of(AwsSeries.values()).stream().filter(this::available).toList();
        this.queries = queried.stream().map(this::query).toList();
        for (AwsSeries s : AwsSeries.values()) {
            points.put(s, new TreeMap<>());
        }
    }

    /** The series this stack can answer (ALB series need the load balancer / target group names). */
    public List<AwsSeries> queriedSeries() {
        return queried;
    }

    @Override
    public List<MetricSeries> read(Set<MetricId> ids, Instant after) {
        refresh(after);
        List<MetricSeries> out = new ArrayList<>();
        synchronized (this) {
            for (MetricId id : MetricId.values()) {
                if (ids.contains(id)) {
                    AwsSeries s = AwsSeries.of(id).orElseThrow();
                    out.add(new MetricSeries(id, pointsAfter(s, after), Optional.ofNullable(newest.get(s))));
                }
            }
        }
        return out;
    }

    /** The trailing minutes every refresh re-reads: points in them may still appear late or change. */
    @Override
    public Duration revisionWindow() {
        return polling.trailingWindow();
    }

    /** Every series, including HealthyHostCount, with datapoints after {@code after}. */
    public Map<AwsSeries, SeriesData> readAll(Instant after) {
        refresh(after);
        Map<AwsSeries, SeriesData> out = new EnumMap<>(AwsSeries.class);
        synchronized (this) {
            for (AwsSeries s : AwsSeries.values()) {
                out.put(s, new SeriesData(s, pointsAfter(s, after), Optional.ofNullable(newest.get(s))));
            }
        }
        return out;
    }

    void close() {
        refresher.close();
    }

    private void refresh(Instant after) {
        boolean backfill;
        synchronized (this) {
            Instant oldest = clock.instant().minus(polling.lookback());
            Instant wanted = after.isBefore(oldest) ? oldest : after;
            backfill = coveredFrom != null && wanted.isBefore(coveredFrom.minus(PERIOD));
        }
        refresher.refresh(backfill, () -> fetch(after));
    }

    private Optional<AwsProblem> fetch(Instant after) {
        Instant now = clock.instant();
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(PERIOD);
        Instant oldest = now.minus(polling.lookback());
        Instant wanted = after.isBefore(oldest) ? oldest : after;
        Instant start;
        synchronized (this) {
            if (coveredUntil == null || wanted.isBefore(coveredFrom)) {
                start = wanted; // first read, or the caller asks for history not read yet
            } else {
                start = coveredUntil.minus(polling.trailingWindow());
            }
        }
        start = start.truncatedTo(ChronoUnit.MINUTES);
        if (!start.isBefore(end)) {
            start = end.minus(PERIOD);
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .metricDataQueries(queries)
                .startTime(start)
                .endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .build();
        Map<AwsSeries, TreeMap<Instant, Double>> received = new EnumMap<>(AwsSeries.class);
        List<String> seriesProblems = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            GetMetricDataRequest page = request.toBuilder().nextToken(token).build();
            GetMetricDataResponse response = connection.call(
                    "CloudWatch GetMetricData", () -> connection.cloudWatch().getMetricData(page));
            for (MetricDataResult result : response.metricDataResults()) {
                AwsSeries series = AwsSeries.byQueryId(result.id()).orElse(null);
                if (series == null) {
                    continue;
                }
                if (result.statusCode() == StatusCode.INTERNAL_ERROR || result.statusCode() == StatusCode.FORBIDDEN) {
                    seriesProblems.add(series.metricName() + " " + result.statusCodeAsString());
                }
                var into = received.computeIfAbsent(series, s -> new TreeMap<>());
                int n = Math.min(result.timestamps().size(), result.values().size());
                for (int i = 0; i < n; i++) {
                    Double v = result.values().get(i);
                    if (v != null && Double.isFinite(v)) {
                        into.put(result.timestamps().get(i).plus(PERIOD), v * series.scale());
                    }
                }
            }
            token = response.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
        merge(received, start, end, now);
        if (!seriesProblems.isEmpty()) {
            return Optional.of(new AwsProblem(
                    Kind.SERVICE_ERROR, "CloudWatch GetMetricData: " + String.join(", ", seriesProblems)));
        }
        return Optional.empty();
    }

    private synchronized void merge(
            Map<AwsSeries, TreeMap<Instant, Double>> received, Instant start, Instant end, Instant now) {
        received.forEach((series, byTime) -> {
            // Minutes that are not over yet still grow: leave them for the trailing re-read.
            NavigableMap<Instant, Double> complete = byTime.headMap(now, true);
            points.get(series).putAll(complete);
            if (!complete.isEmpty()) {
                Instant last = complete.lastKey();
                newest.merge(series, last, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        Instant oldest = now.minus(polling.lookback());
        points.values().forEach(m -> m.headMap(oldest, false).clear());
        coveredFrom = coveredFrom == null || start.isBefore(coveredFrom) ? start : coveredFrom;
        coveredUntil = coveredUntil == null || now.isAfter(coveredUntil) ? now : coveredUntil;
    }

    private List<Datapoint> pointsAfter(AwsSeries s, Instant after) {
        List<Datapoint> out = new ArrayList<>();
        points.get(s).tailMap(after, false).forEach((t, v) -> out.add(new Datapoint(t, v)));
        return out;
    }

    private boolean available(AwsSeries s) {
        return switch (s.dimensions()) {
            case ECS_SERVICE, INFERENCE -> true;
            case LOAD_BALANCER -> spec.hasLoadBalancer();
            case TARGET_GROUP -> spec.hasTargetGroup();
        };
    }

    private MetricDataQuery query(AwsSeries s) {
        List<Dimension> dims =
                switch (s.dimensions()) {
                    case ECS_SERVICE ->
                        List.of(dim("ClusterName", spec.clusterName()), dim("ServiceName", spec.serviceName()));
                    case INFERENCE ->
                        spec.inferenceDimensionName().isEmpty()
                                ? List.of()
                                : List.of(dim(spec.inferenceDimensionName(), spec.inferenceDimensionValue()));
                    case LOAD_BALANCER -> List.of(dim("LoadBalancer", spec.loadBalancerFullName()));
                    case TARGET_GROUP ->
                        List.of(
                                dim("TargetGroup", spec.targetGroupFullName()),
                                dim("LoadBalancer", spec.loadBalancerFullName()));
                };
        return MetricDataQuery.builder()
                .id(s.queryId())
                .label(s.metricName() + " " + s.stat())
                .returnData(true)
                .metricStat(
                        ms -> ms.period((int) PERIOD.toSeconds()).stat(s.stat()).metric(m -> m.namespace(
                                        s.namespace(spec))
                                .metricName(s.metricName())
                                .dimensions(dims)))
                .build();
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
