package io.nutrisage.app.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nutrisage.app.monitoring.Alarm;
import io.nutrisage.app.monitoring.AlarmSource;
import io.nutrisage.app.monitoring.AlarmState;
import io.nutrisage.app.monitoring.AlarmTransition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmHistoryResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * The stack's alarms (by name) plus the target-tracking alarms of the service (by prefix), and their state changes
 * from DescribeAlarmHistory (one account-wide StateUpdate query per refresh, filtered to those alarms).
 */
final class AwsAlarms implements AlarmSource {
    static final int MAX_PAGES = 5;
    static final int MAX_TRANSITIONS = 200;
    private static final Pattern SUMMARY = Pattern.compile("from (\\w+) to (\\w+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsConnection connection;
    private final AwsTargetSpec spec;
    private final AwsPolling polling;
    private final Clock clock;
    private final Refresher refresher;
    private volatile List<Alarm> alarms = List.of();
    private volatile List<AlarmTransition> transitions = List.of();

    AwsAlarms(AwsConnection connection, AwsTargetSpec spec, AwsPolling polling, Clock clock, FeedHealth health) {
        this.connection = connection;
        this.spec = spec;
        this.polling = polling;
        this.clock = clock;
        this.refresher = new Refresher(
                "CloudWatch DescribeAlarms",
                polling.alarmsInterval(),
                clock,
                health,
                connection.settings().profileLabel());
    }

    @Override
    public List<Alarm> alarms() {
        refresher.refresh(this::fetch);
        return alarms;
    }

    @Override
    public List<AlarmTransition> recentTransitions() {
        refresher.refresh(this::fetch);
        return transitions;
    }

    void close() {
        refresher.close();
    }

    private void fetch() {
        Map<String, Alarm> byName = new LinkedHashMap<>();
        if (!spec.alarmNames().isEmpty()) {
            for (int i = 0; i < spec.alarmNames().size(); i += 100) {
                List<String> names =
                        spec.alarmNames().subList(i, Math.min(spec.alarmNames().size(), i + 100));
                describe(b -> b.alarmNames(names), byName);
            }
        }
        describe(b -> b.alarmNamePrefix(spec.targetTrackingAlarmPrefix()), byName);
        alarms = List.copyOf(byName.values());

        List<AlarmTransition> found = new ArrayList<>();
        Instant since = clock.instant().minus(polling.lookback());
        String token = null;
        int pages = 0;
        do {
            String next = token;
            DescribeAlarmHistoryResponse page = connection.call("CloudWatch DescribeAlarmHistory", () -> connection
                    .cloudWatch()
                    .describeAlarmHistory(r -> r.historyItemType(HistoryItemType.STATE_UPDATE)
                            .startDate(since)
                            .endDate(clock.instant())
                            .scanBy(ScanBy.TIMESTAMP_DESCENDING)
                            .maxRecords(100)
                            .nextToken(next)));
            for (AlarmHistoryItem item : page.alarmHistoryItems()) {
                if (byName.containsKey(item.alarmName()) || spec.alarmNames().contains(item.alarmName())) {
                    toTransition(item).ifPresent(found::add);
                }
            }
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
        transitions = found.stream()
                .sorted(Comparator.comparing(AlarmTransition::time).reversed())
                .limit(MAX_TRANSITIONS)
                .toList();
    }

    private void describe(Consumer<DescribeAlarmsRequest.Builder> filter, Map<String, Alarm> into) {
        String token = null;
        int pages = 0;
        do {
            DescribeAlarmsRequest.Builder b = DescribeAlarmsRequest.builder().nextToken(token);
            filter.accept(b);
            DescribeAlarmsRequest request = b.build();
            DescribeAlarmsResponse page = connection.call(
                    "CloudWatch DescribeAlarms", () -> connection.cloudWatch().describeAlarms(request));
            for (MetricAlarm a : page.metricAlarms()) {
                into.put(
                        a.alarmName(),
                        new Alarm(
                                a.alarmName(),
                                a.alarmDescription() == null ? "" : a.alarmDescription(),
                                state(a.stateValueAsString()).orElse(AlarmState.INSUFFICIENT_DATA),
                                a.stateReason() == null ? "" : a.stateReason(),
                                a.stateUpdatedTimestamp() == null ? Instant.EPOCH : a.stateUpdatedTimestamp(),
                                threshold(a, spec)));
            }
            token = page.nextToken();
            pages++;
        } while (token != null && !token.isEmpty() && pages < MAX_PAGES);
    }

    /**
     * What {@code alarm} compares with one of the console's series, in that series' unit: its metric, namespace and
     * statistic name an {@link AwsSeries}, and its threshold is converted like that series' datapoints. A Sum's
     * conversion holds for the 60 s period the series are read with, so a Sum alarm of another period has no threshold
     * here, nor has an alarm on metric math or on a series the console does not read.
     */
    static Optional<Alarm.Threshold> threshold(MetricAlarm alarm, AwsTargetSpec spec) {
        if (alarm.metricName() == null || alarm.namespace() == null || alarm.threshold() == null) {
            return Optional.empty();
        }
        String stat = alarm.extendedStatistic() != null ? alarm.extendedStatistic() : alarm.statisticAsString();
        if (stat == null) {
            return Optional.empty();
        }
        for (AwsSeries series : AwsSeries.values()) {
            if (series.portId().isPresent()
                    && series.metricName().equals(alarm.metricName())
                    && series.namespace(spec).equals(alarm.namespace())
                    && series.stat().equals(stat)
                    && (!stat.equals("Sum") || Integer.valueOf(60).equals(alarm.period()))) {
                return Optional.of(new Alarm.Threshold(series.portId().get(), alarm.threshold() * series.scale()));
            }
        }
        return Optional.empty();
    }

    /** HistoryData holds oldState/newState; the summary "Alarm updated from OK to ALARM" is the fallback. */
    static Optional<AlarmTransition> toTransition(AlarmHistoryItem item) {
        if (item.alarmName() == null || item.timestamp() == null) {
            return Optional.empty();
        }
        Optional<AlarmState> from = Optional.empty();
        Optional<AlarmState> to = Optional.empty();
        String reason = "";
        if (item.historyData() != null) {
            try {
                JsonNode data = JSON.readTree(item.historyData());
                from = state(data.path("oldState").path("stateValue").asText(null));
                to = state(data.path("newState").path("stateValue").asText(null));
                reason = data.path("newState").path("stateReason").asText("");
            } catch (Exception e) {
                // Malformed history data: fall back to the summary.
            }
        }
        if ((from.isEmpty() || to.isEmpty()) && item.historySummary() != null) {
            Matcher m = SUMMARY.matcher(item.historySummary());
            if (m.find()) {
                from = state(m.group(1));
                to = state(m.group(2));
            }
        }
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlarmTransition(
                item.alarmName() + "@" + item.timestamp().toEpochMilli(),
                item.alarmName(),
                item.timestamp(),
                from.get(),
                to.get(),
                reason));
    }

    private static Optional<AlarmState> state(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AlarmState.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
