package io.nutrisage.app.aws.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local AWS for tests: one JDK HttpServer on 127.0.0.1 speaking the wire protocols of the pinned SDK (2.41.31) —
 * awsJson1_1 for ECS, Application Auto Scaling and CloudWatch Logs, awsQuery XML for CloudFormation and STS, Smithy RPC
 * v2 CBOR for CloudWatch — with paginated answers (NextToken, PartialData) shaped like the AWS API reference examples,
 * and injectable faults (per operation or per service), a per-call delay and late log ingestion on the stub's own clock.
 * The real SDK clients reach it through an endpoint override. Signatures are not checked.
 */
public final class AwsStub implements AutoCloseable {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "eu-west-1";

    /** Faults the stub can answer with instead of the real answer. */
    public enum Fault {
        /** 400 ThrottlingException (Throttling for CloudWatch and the query services). */
        THROTTLING,
        /** 500 InternalFailure / InternalServiceError. */
        SERVER_ERROR,
        /** The right answer, after {@link #slowDelay}. */
        SLOW,
        /** The connection is dropped without an answer. */
        CONNECTION_RESET,
        /** 400 ExpiredToken(Exception). */
        EXPIRED_TOKEN,
        /**
         * 200 with a body the protocol cannot parse (an HTML page, as a captive portal or a misrouted proxy answers),
         * under the protocol's own content type.
         */
        GARBAGE
    }

    /** The AWS service a request is for, as the SDK client that sent it. */
    public enum Service {
        CLOUDWATCH,
        CLOUDWATCH_LOGS,
        ECS,
        APPLICATION_AUTO_SCALING,
        CLOUDFORMATION,
        STS
    }

    /** One request as the stub saw it. */
    public record Recorded(
            String protocol, Service service, String operation, String host, Map<String, String> headers) {}

    /** The time range and pattern of one FilterLogEvents request ({@code endTime} empty when not given). */
    public record LogQuery(long startTime, java.util.OptionalLong endTime, String filterPattern, boolean firstPage) {}

    public record MetricKey(String namespace, String metricName, String stat, Map<String, String> dimensions) {
        public MetricKey {
            dimensions = new TreeMap<>(dimensions);
        }
    }

    public record Point(Instant timestamp, double value) {}

    public record Deployment(
            String id,
            String status,
            String taskDefinition,
            int desired,
            int running,
            int pending,
            Instant createdAt,
            Instant updatedAt,
            String rolloutState) {
        /** A deployment that completed when it was created. */
        public Deployment(
                String id, String status, String taskDefinition, int desired, int running, int pending, Instant at) {
            this(id, status, taskDefinition, desired, running, pending, at, at, "COMPLETED");
        }
    }

    public record ServiceEvent(String id, Instant createdAt, String message) {}

    public record EcsService(
            String cluster,
            String name,
            int running,
            int desired,
            int pending,
            List<Deployment> deployments,
            List<ServiceEvent> events) {}

    public record NotScaledReason(String code, Integer currentCapacity, Integer minCapacity, Integer maxCapacity) {}

    public record Activity(
            String resourceId,
            String id,
            Instant start,
            Instant end,
            String description,
            String cause,
            String statusCode,
            String statusMessage,
            List<NotScaledReason> notScaledReasons) {}

    public record Policy(
            String resourceId,
            String name,
            String predefinedMetricType,
            double targetValue,
            Integer scaleOutCooldown,
            Integer scaleInCooldown) {}

    public record ScalableTarget(String resourceId, int min, int max) {}

    /** {@code statistic} is a Statistic ("Average", "Sum") or an ExtendedStatistic ("p90"). */
    public record AlarmDef(
            String name,
            String description,
            String state,
            String reason,
            Instant updated,
            String namespace,
            String metricName,
            String statistic,
            int periodSeconds,
            double threshold) {
        /** An alarm on the minute's Average, above 80. */
        public AlarmDef(
                String name,
                String description,
                String state,
                String reason,
                Instant updated,
                String namespace,
                String metricName) {
            this(name, description, state, reason, updated, namespace, metricName, "Average", 60, 80);
        }
    }

    public record HistoryItem(String alarmName, Instant time, String summary, String historyData) {}

    public record LogEvent(String group, String stream, long timestampMillis, String message, String id) {}

    /** A log event with the time CloudWatch Logs ingested it: it is searchable from then on. */
    private record Ingested(LogEvent event, long ingestionMillis) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final List<MetricKey> metricQueries = new CopyOnWriteArrayList<>();
    private final List<LogQuery> logQueries = new CopyOnWriteArrayList<>();
    private final Deque<PlannedFault> faults = new ArrayDeque<>();

    private final Map<MetricKey, List<Point>> metrics = new LinkedHashMap<>();
    private final List<EcsService> services = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private final List<Policy> policies = new ArrayList<>();
    private final List<ScalableTarget> scalableTargets = new ArrayList<>();
    private final List<AlarmDef> alarms = new ArrayList<>();
    private final List<HistoryItem> history = new ArrayList<>();
    private final List<Ingested> logEvents = new ArrayList<>();
    private final Map<String, Duration> streamDelays = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> stacks = new LinkedHashMap<>();
    private String callerArn = "arn:aws:sts::" + ACCOUNT + ":assumed-role/NutriSageConsole/alice";

    /** Page sizes: small, so that pagination is exercised. */
    private volatile int metricPointsPerPage = 3;

    private volatile int itemsPerPage = 2;
    private volatile int logEventsPerPage = 3;
    private volatile Duration slowDelay = Duration.ofSeconds(5);
    private volatile Duration callDelay = Duration.ZERO;
    private volatile Clock clock = Clock.systemUTC();

    private record PlannedFault(Fault fault, Predicate<Recorded> matches, int[] remaining) {}

    private AwsStub(HttpServer server) {
        this.server = server;
    }

    public static AwsStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        AwsStub stub = new AwsStub(server);
        server.createContext("/", stub::handle);
        server.setExecutor(stub.executor);
        server.start();
        return stub;
    }

    /** The base URL to use as endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- data -----------------------------------------------------------------------------------------------------

    public synchronized void putMetric(MetricKey key, List<Point> points) {
        metrics.put(key, new ArrayList<>(points));
    }

    public synchronized void addMetricPoint(MetricKey key, Point point) {
        metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(point);
    }

    public synchronized void putService(EcsService service) {
        services.removeIf(s -> s.cluster().equals(service.cluster()) && s.name().equals(service.name()));
        services.add(service);
    }

    public synchronized void addActivity(Activity activity) {
        activities.add(activity);
    }

    public synchronized void addPolicy(Policy policy) {
        policies.add(policy);
    }

    public synchronized void putScalableTarget(ScalableTarget target) {
        scalableTargets.removeIf(t -> t.resourceId().equals(target.resourceId()));
        scalableTargets.add(target);
    }

    public synchronized void putAlarm(AlarmDef alarm) {
        alarms.removeIf(a -> a.name().equals(alarm.name()));
        alarms.add(alarm);
    }

    public synchronized void addHistory(HistoryItem item) {
        history.add(item);
    }

    /**
     * Adds an event that CloudWatch Logs ingests {@link #ingestLate delay of its stream} after its timestamp (at once
     * by default): FilterLogEvents returns it only from then on (on {@link #clock the stub's clock}), with its original
     * timestamp, as CloudWatch does for a stream whose agent ships late.
     */
    public synchronized void addLogEvent(LogEvent event) {
        Duration delay = streamDelays.getOrDefault(event.stream(), Duration.ZERO);
        logEvents.add(new Ingested(event, event.timestampMillis() + delay.toMillis()));
    }

    /** Events of {@code stream} added from now on are ingested {@code delay} after their timestamp. */
    public synchronized void ingestLate(String stream, Duration delay) {
        streamDelays.put(stream, delay);
    }

    /** The clock deciding which log events are ingested yet (the system clock by default). */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The outputs of a stack put with {@link #putStack}; empty for a stack the stub does not have. */
    public synchronized Map<String, String> stackOutputs(String name) {
        return Map.copyOf(stacks.getOrDefault(name, Map.of()));
    }

    public synchronized void putStack(String name, Map<String, String> outputs) {
        stacks.put(name, new LinkedHashMap<>(outputs));
    }

    public synchronized void callerArn(String arn) {
        this.callerArn = arn;
    }

    public void pageSizes(int metricPoints, int items, int logEvents) {
        this.metricPointsPerPage = metricPoints;
        this.itemsPerPage = items;
        this.logEventsPerPage = logEvents;
    }

    public void slowDelay(Duration delay) {
        this.slowDelay = delay;
    }

    /** Every answer waits {@code delay} first (network and service latency); zero by default. */
    public void callDelay(Duration delay) {
        this.callDelay = Objects.requireNonNull(delay, "delay");
    }

    // ---- faults and recording -------------------------------------------------------------------------------------

    /** The next {@code times} requests of any operation fail with {@code fault}. */
    public void failNext(Fault fault, int times) {
        failNext(fault, times, r -> true);
    }

    /** The next {@code times} requests of {@code operation} (e.g. {@code GetMetricData}) fail with {@code fault}. */
    public void failNext(Fault fault, int times, String operation) {
        failNext(fault, times, r -> r.operation().equals(operation));
    }

    /** The next {@code times} requests to {@code service}, whatever the operation, fail with {@code fault}. */
    public void failNext(Fault fault, int times, Service service) {
        failNext(fault, times, r -> r.service() == service);
    }

    private synchronized void failNext(Fault fault, int times, Predicate<Recorded> matches) {
        faults.add(new PlannedFault(fault, matches, new int[] {times}));
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    public List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    /** Every MetricStat a GetMetricData call asked for, in the order asked (metric math queries have none). */
    public List<MetricKey> metricQueries() {
        return List.copyOf(metricQueries);
    }

    public long count(String operation) {
        return recorded.stream().filter(r -> r.operation().equals(operation)).count();
    }

    /** Every FilterLogEvents request, in the order received. */
    public List<LogQuery> logQueries() {
        return List.copyOf(logQueries);
    }

    private synchronized Fault takeFault(Recorded request) {
        for (PlannedFault f : faults) {
            if (f.remaining()[0] > 0 && f.matches().test(request)) {
                if (--f.remaining()[0] == 0) {
                    faults.remove(f);
                }
                return f.fault();
            }
        }
        return null;
    }

    // ---- dispatch -------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Protocol protocol;
        String operation;
        if (path.startsWith("/service/GraniteServiceVersion20100801/operation/")) {
            protocol = Protocol.CBOR;
            operation = path.substring(path.lastIndexOf('/') + 1);
        } else if (target != null) {
            protocol = Protocol.JSON;
            operation = target.substring(target.indexOf('.') + 1);
        } else {
            protocol = Protocol.QUERY;
            operation = form(new String(body, StandardCharsets.UTF_8)).getOrDefault("Action", "");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        Recorded request = new Recorded(
                protocol.name(),
                service(protocol, target, operation),
                operation,
                headers.getOrDefault("Host", ""),
                java.util.Collections.unmodifiableMap(headers));
        recorded.add(request);

        Fault fault = takeFault(request);
        if (!callDelay.isZero()) {
            try {
                Thread.sleep(callDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (fault == Fault.CONNECTION_RESET) {
            // JDK HttpServer closes the connection without an answer when a handler fails.
            throw new IOException("stub: dropping the connection");
        }
        if (fault == Fault.SLOW) {
            try {
                Thread.sleep(slowDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Answer answer = fault == Fault.GARBAGE
                    ? new Answer(200, GARBAGE_BODY)
                    : fault == Fault.THROTTLING || fault == Fault.SERVER_ERROR || fault == Fault.EXPIRED_TOKEN
                            ? error(protocol, fault)
                            : switch (protocol) {
                                case CBOR -> cbor(exchange, operation, body);
                                case JSON -> json(target, operation, body);
                                case QUERY -> query(operation, form(new String(body, StandardCharsets.UTF_8)));
                            };
            send(exchange, protocol, answer);
        } catch (StubError e) {
            send(exchange, protocol, errorAnswer(protocol, e.status, e.code, e.getMessage()));
        }
    }

    private enum Protocol {
        CBOR,
        JSON,
        QUERY
    }

    /**
     * What a captive portal or a misrouted proxy sends: HTML (not well-formed XML either: {@code <meta>} is never
     * closed), under whatever content type the protocol has.
     */
    private static final byte[] GARBAGE_BODY = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                    + "<title>502 Bad Gateway</title></head><body><p>upstream sent an invalid answer<br></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    private static Service service(Protocol protocol, String target, String operation) {
        return switch (protocol) {
            case CBOR -> Service.CLOUDWATCH;
            case QUERY -> "GetCallerIdentity".equals(operation) ? Service.STS : Service.CLOUDFORMATION;
            case JSON -> {
                String prefix = target.substring(0, Math.max(0, target.indexOf('.')));
                yield switch (prefix) {
                    case "Logs_20140328" -> Service.CLOUDWATCH_LOGS;
                    case "AnyScaleFrontendService" -> Service.APPLICATION_AUTO_SCALING;
                    default -> Service.ECS;
                };
            }
        };
    }

    private record Answer(int status, Object body) {}

    private static final class StubError extends RuntimeException {
        final int status;
        final String code;

        StubError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private void send(HttpExchange exchange, Protocol protocol, Answer answer) throws IOException {
        byte[] bytes;
        switch (protocol) {
            case CBOR -> {
                exchange.getResponseHeaders().set("Content-Type", "application/cbor");
                exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
                bytes = answer.body() instanceof byte[] raw ? raw : Cbor.write(answer.body());
            }
            case JSON -> {
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                bytes = answer.body() instanceof byte[] raw ? raw : json.writeValueAsBytes(answer.body());
            }
            default -> {
                exchange.getResponseHeaders().set("Content-Type", "text/xml");
                bytes = answer.body() instanceof byte[] raw
                        ? raw
                        : ((String) answer.body()).getBytes(StandardCharsets.UTF_8);
            }
        }
        exchange.getResponseHeaders()
                .set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer error(Protocol protocol, Fault fault) {
        return switch (fault) {
            case THROTTLING ->
                errorAnswer(
                        protocol,
                        400,
                        protocol == Protocol.JSON ? "ThrottlingException" : "Throttling",
                        "Rate exceeded");
            case SERVER_ERROR ->
                errorAnswer(
                        protocol,
                        500,
                        protocol == Protocol.JSON ? "InternalFailure" : "InternalServiceError",
                        "The request processing has failed because of an unknown error, exception or failure.");
            case EXPIRED_TOKEN ->
                errorAnswer(
                        protocol,
                        400,
                        protocol == Protocol.JSON ? "ExpiredTokenException" : "ExpiredToken",
                        "The security token included in the request is expired");
            default -> throw new IllegalStateException(fault.name());
        };
    }

    private static Answer errorAnswer(Protocol protocol, int status, String code, String message) {
        return switch (protocol) {
            case CBOR -> new Answer(status, Map.of("__type", "com.amazonaws.cloudwatch#" + code, "message", message));
            case JSON -> new Answer(status, Map.of("__type", code, "message", message));
            case QUERY ->
                new Answer(
                        status,
                        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>"
                                + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code><Message>"
                                + xml(message) + "</Message></Error><RequestId>" + java.util.UUID.randomUUID()
                                + "</RequestId></ErrorResponse>");
        };
    }

    // ---- CloudWatch: Smithy RPC v2 CBOR ---------------------------------------------------------------------------

    private Answer cbor(HttpExchange exchange, String operation, byte[] body) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String smithy = exchange.getRequestHeaders().getFirst("smithy-protocol");
        if (!"application/cbor".equals(contentType) || !"rpc-v2-cbor".equals(smithy)) {
            throw new StubError(400, "InvalidParameterValue", "expected application/cbor with smithy-protocol");
        }
        JsonNode request = Cbor.read(body);
        return switch (operation) {
            case "GetMetricData" -> new Answer(200, getMetricData(request));
            case "DescribeAlarms" -> new Answer(200, describeAlarms(request));
            case "DescribeAlarmHistory" -> new Answer(200, describeAlarmHistory(request));
            default -> throw new StubError(400, "UnknownOperationException", operation);
        };
    }

    private synchronized Map<String, Object> getMetricData(JsonNode request) {
        Instant start = seconds(request.path("StartTime"));
        Instant end = seconds(request.path("EndTime"));
        boolean descending = "TimestampDescending".equals(request.path("ScanBy").asText("TimestampDescending"));
        int page = pageOf(request.path("NextToken"));
        int size = metricPointsPerPage;
        List<Map<String, Object>> results = new ArrayList<>();
        boolean more = false;
        for (JsonNode q : request.path("MetricDataQueries")) {
            JsonNode stat = q.path("MetricStat");
            Map<String, String> dims = new TreeMap<>();
            stat.path("Metric")
                    .path("Dimensions")
                    .forEach(d ->
                            dims.put(d.path("Name").asText(), d.path("Value").asText()));
            MetricKey key = new MetricKey(
                    stat.path("Metric").path("Namespace").asText(),
                    stat.path("Metric").path("MetricName").asText(),
                    stat.path("Stat").asText(),
                    dims);
            if (!stat.isMissingNode()) {
                metricQueries.add(key);
            }
            List<Point> all = metrics.getOrDefault(key, List.of()).stream()
                    .filter(p -> !p.timestamp().isBefore(start) && p.timestamp().isBefore(end))
                    .sorted(
                            descending
                                    ? Comparator.comparing(Point::timestamp).reversed()
                                    : Comparator.comparing(Point::timestamp))
                    .toList();
            int from = Math.min(all.size(), page * size);
            int to = Math.min(all.size(), from + size);
            boolean partial = to < all.size();
            more |= partial;
            List<Point> slice = all.subList(from, to);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("Id", q.path("Id").asText());
            result.put("Label", q.path("Label").asText(key.metricName()));
            result.put(
                    "Timestamps",
                    slice.stream().map(Point::timestamp).map(Object.class::cast).toList());
            result.put("Values", slice.stream().map(p -> (Object) p.value()).toList());
            result.put("StatusCode", partial ? "PartialData" : "Complete");
            results.add(result);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("MetricDataResults", results);
        out.put("Messages", List.of());
        if (more) {
            out.put("NextToken", "page-" + (page + 1));
        }
        return out;
    }

    private synchronized Map<String, Object> describeAlarms(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("AlarmNames").forEach(n -> names.add(n.asText()));
        String prefix = request.path("AlarmNamePrefix").asText("");
        List<AlarmDef> matching = alarms.stream()
                .filter(a -> names.isEmpty() ? a.name().startsWith(prefix) : names.contains(a.name()))
                .toList();
        int page = pageOf(request.path("NextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "MetricAlarms",
                page(matching, page, itemsPerPage).stream()
                        .map(a -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("AlarmName", a.name());
                            m.put("AlarmArn", "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + a.name());
                            m.put("AlarmDescription", a.description());
                            m.put("ActionsEnabled", true);
                            m.put("StateValue", a.state());
                            m.put("StateReason", a.reason());
                            m.put("StateUpdatedTimestamp", a.updated());
                            m.put("MetricName", a.metricName());
                            m.put("Namespace", a.namespace());
                            m.put(a.statistic().startsWith("p") ? "ExtendedStatistic" : "Statistic", a.statistic());
                            m.put("Period", a.periodSeconds());
                            m.put("EvaluationPeriods", 3);
                            m.put("Threshold", a.threshold());
                            m.put("ComparisonOperator", "GreaterThanThreshold");
                            return (Object) m;
                        })
                        .toList());
        out.put("CompositeAlarms", List.of());
        if ((page + 1) * itemsPerPage < matching.size()) {
            out.put("NextToken", "page-" + (page + 1));
        }
        return out;
    }

    private synchronized Map<String, Object> describeAlarmHistory(JsonNode request) {
        String name = request.path("AlarmName").asText("");
        Instant start = request.has("StartDate") ? seconds(request.path("StartDate")) : Instant.EPOCH;
        Instant end = request.has("EndDate") ? seconds(request.path("EndDate")) : Instant.MAX;
        boolean ascending = "TimestampAscending".equals(request.path("ScanBy").asText(""));
        List<HistoryItem> matching = history.stream()
                .filter(h -> name.isEmpty() || h.alarmName().equals(name))
                .filter(h -> !h.time().isBefore(start) && !h.time().isAfter(end))
                .sorted(
                        ascending
                                ? Comparator.comparing(HistoryItem::time)
                                : Comparator.comparing(HistoryItem::time).reversed())
                .toList();
        int page = pageOf(request.path("NextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "AlarmHistoryItems",
                page(matching, page, itemsPerPage).stream()
                        .map(h -> (Object) Map.of(
                                "AlarmName", h.alarmName(),
                                "AlarmType", "MetricAlarm",
                                "Timestamp", h.time(),
                                "HistoryItemType", "StateUpdate",
                                "HistorySummary", h.summary(),
                                "HistoryData", h.historyData()))
                        .toList());
        if ((page + 1) * itemsPerPage < matching.size()) {
            out.put("NextToken", "page-" + (page + 1));
        }
        return out;
    }

    // ---- ECS, Application Auto Scaling, Logs: awsJson1_1 ----------------------------------------------------------

    private Answer json(String target, String operation, byte[] body) throws IOException {
        JsonNode request = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        String service = target.substring(0, target.indexOf('.'));
        Object out =
                switch (service + "." + operation) {
                    case "AmazonEC2ContainerServiceV20141113.DescribeServices" -> describeServices(request);
                    case "AnyScaleFrontendService.DescribeScalingActivities" -> describeScalingActivities(request);
                    case "AnyScaleFrontendService.DescribeScalingPolicies" -> describeScalingPolicies(request);
                    case "AnyScaleFrontendService.DescribeScalableTargets" -> describeScalableTargets(request);
                    case "Logs_20140328.FilterLogEvents" -> filterLogEvents(request);
                    default -> throw new StubError(400, "UnknownOperationException", target);
                };
        return new Answer(200, out);
    }

    private synchronized Map<String, Object> describeServices(JsonNode request) {
        String cluster = request.path("cluster").asText("default");
        List<Object> found = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (JsonNode n : request.path("services")) {
            String name = n.asText();
            services.stream()
                    .filter(s -> s.cluster().equals(cluster) && s.name().equals(name))
                    .findFirst()
                    .ifPresentOrElse(
                            s -> found.add(serviceJson(s)),
                            () -> failures.add(Map.of(
                                    "arn",
                                    "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + cluster + "/" + name,
                                    "reason",
                                    "MISSING")));
        }
        return Map.of("services", found, "failures", failures);
    }

    private static Map<String, Object> serviceJson(EcsService s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serviceArn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + s.cluster() + "/" + s.name());
        m.put("serviceName", s.name());
        m.put("clusterArn", "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + s.cluster());
        m.put("status", "ACTIVE");
        m.put("desiredCount", s.desired());
        m.put("runningCount", s.running());
        m.put("pendingCount", s.pending());
        m.put("launchType", "FARGATE");
        m.put(
                "deployments",
                s.deployments().stream()
                        .map(d -> (Object) Map.ofEntries(
                                Map.entry("id", d.id()),
                                Map.entry("status", d.status()),
                                Map.entry("taskDefinition", d.taskDefinition()),
                                Map.entry("desiredCount", d.desired()),
                                Map.entry("runningCount", d.running()),
                                Map.entry("pendingCount", d.pending()),
                                Map.entry("createdAt", epochSeconds(d.createdAt())),
                                Map.entry("updatedAt", epochSeconds(d.updatedAt())),
                                Map.entry("launchType", "FARGATE"),
                                Map.entry("rolloutState", d.rolloutState()),
                                Map.entry(
                                        "rolloutStateReason",
                                        "ECS deployment " + d.id() + " "
                                                + ("COMPLETED".equals(d.rolloutState())
                                                        ? "completed."
                                                        : "in progress."))))
                        .toList());
        m.put(
                "events",
                s.events().stream()
                        .map(e -> (Object)
                                Map.of("id", e.id(), "createdAt", epochSeconds(e.createdAt()), "message", e.message()))
                        .toList());
        return m;
    }

    private synchronized Map<String, Object> describeScalingActivities(JsonNode request) {
        String resourceId = request.path("ResourceId").asText("");
        boolean notScaled = request.path("IncludeNotScaledActivities").asBoolean(false);
        List<Activity> matching = activities.stream()
                .filter(a -> resourceId.isEmpty() || a.resourceId().equals(resourceId))
                .filter(a -> notScaled || a.notScaledReasons().isEmpty())
                .sorted(Comparator.comparing(Activity::start).reversed())
                .toList();
        int size = Math.min(itemsPerPage, request.path("MaxResults").asInt(50));
        int page = pageOf(request.path("NextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "ScalingActivities",
                page(matching, page, size).stream()
                        .map(a -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("ActivityId", a.id());
                            m.put("ServiceNamespace", "ecs");
                            m.put("ResourceId", a.resourceId());
                            m.put("ScalableDimension", "ecs:service:DesiredCount");
                            m.put("Description", a.description());
                            m.put("Cause", a.cause());
                            m.put("StartTime", epochSeconds(a.start()));
                            if (a.end() != null) {
                                m.put("EndTime", epochSeconds(a.end()));
                            }
                            m.put("StatusCode", a.statusCode());
                            m.put("StatusMessage", a.statusMessage());
                            if (!a.notScaledReasons().isEmpty()) {
                                m.put(
                                        "NotScaledReasons",
                                        a.notScaledReasons().stream()
                                                .map(r -> {
                                                    Map<String, Object> nr = new LinkedHashMap<>();
                                                    nr.put("Code", r.code());
                                                    nr.put("CurrentCapacity", r.currentCapacity());
                                                    nr.put("MinCapacity", r.minCapacity());
                                                    nr.put("MaxCapacity", r.maxCapacity());
                                                    return (Object) nr;
                                                })
                                                .toList());
                            }
                            return (Object) m;
                        })
                        .toList());
        if ((page + 1) * size < matching.size()) {
            out.put("NextToken", "page-" + (page + 1));
        }
        return out;
    }

    private synchronized Map<String, Object> describeScalingPolicies(JsonNode request) {
        String resourceId = request.path("ResourceId").asText("");
        List<Policy> matching = policies.stream()
                .filter(p -> resourceId.isEmpty() || p.resourceId().equals(resourceId))
                .toList();
        int page = pageOf(request.path("NextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "ScalingPolicies",
                page(matching, page, itemsPerPage).stream()
                        .map(p -> {
                            Map<String, Object> config = new LinkedHashMap<>();
                            config.put("TargetValue", p.targetValue());
                            config.put(
                                    "PredefinedMetricSpecification",
                                    Map.of("PredefinedMetricType", p.predefinedMetricType()));
                            config.put("ScaleOutCooldown", p.scaleOutCooldown());
                            config.put("ScaleInCooldown", p.scaleInCooldown());
                            config.values().removeIf(Objects::isNull);
                            return (Object) Map.of(
                                    "PolicyARN",
                                    "arn:aws:autoscaling:" + REGION + ":" + ACCOUNT + ":scalingPolicy:" + p.name(),
                                    "PolicyName",
                                    p.name(),
                                    "ServiceNamespace",
                                    "ecs",
                                    "ResourceId",
                                    p.resourceId(),
                                    "ScalableDimension",
                                    "ecs:service:DesiredCount",
                                    "PolicyType",
                                    "TargetTrackingScaling",
                                    "TargetTrackingScalingPolicyConfiguration",
                                    config,
                                    "CreationTime",
                                    1_700_000_000.0);
                        })
                        .toList());
        if ((page + 1) * itemsPerPage < matching.size()) {
            out.put("NextToken", "page-" + (page + 1));
        }
        return out;
    }

    private synchronized Map<String, Object> describeScalableTargets(JsonNode request) {
        List<String> ids = new ArrayList<>();
        request.path("ResourceIds").forEach(n -> ids.add(n.asText()));
        return Map.of(
                "ScalableTargets",
                scalableTargets.stream()
                        .filter(t -> ids.isEmpty() || ids.contains(t.resourceId()))
                        .map(t -> (Object) Map.of(
                                "ServiceNamespace",
                                "ecs",
                                "ResourceId",
                                t.resourceId(),
                                "ScalableDimension",
                                "ecs:service:DesiredCount",
                                "MinCapacity",
                                t.min(),
                                "MaxCapacity",
                                t.max(),
                                "RoleARN",
                                "arn:aws:iam::" + ACCOUNT
                                        + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                                        + "AWSServiceRoleForApplicationAutoScaling_ECSService",
                                "CreationTime",
                                1_700_000_000.0))
                        .toList());
    }

    /**
     * FilterLogEvents as the API reference describes it: events of the group with {@code startTime <= timestamp <=
     * endTime} that CloudWatch has ingested by now, sorted by timestamp, then ingestion time; pages of at most
     * {@code limit} (and the stub's page size) with a {@code nextToken} while more remain.
     */
    private synchronized Map<String, Object> filterLogEvents(JsonNode request) {
        String group = request.path("logGroupName").asText("");
        if (logEvents.stream().noneMatch(e -> e.event().group().equals(group))) {
            throw new StubError(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        long start = request.path("startTime").asLong(0);
        long end = request.path("endTime").asLong(Long.MAX_VALUE);
        int limit = Math.min(logEventsPerPage, request.path("limit").asInt(10_000));
        String pattern = request.path("filterPattern").asText("");
        long now = clock.millis();
        logQueries.add(new LogQuery(
                start,
                request.has("endTime") ? java.util.OptionalLong.of(end) : java.util.OptionalLong.empty(),
                pattern,
                !request.has("nextToken")));
        List<Ingested> matching = logEvents.stream()
                .filter(i -> i.ingestionMillis() <= now)
                .filter(i -> i.event().group().equals(group))
                .filter(i -> i.event().timestampMillis() >= start && i.event().timestampMillis() <= end)
                .filter(i -> matchesFilterPattern(pattern, i.event().message()))
                .sorted(Comparator.comparingLong((Ingested i) -> i.event().timestampMillis())
                        .thenComparingLong(Ingested::ingestionMillis))
                .toList();
        int page = pageOf(request.path("nextToken"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(
                "events",
                page(matching, page, limit).stream()
                        .map(i -> (Object) Map.of(
                                "logStreamName", i.event().stream(),
                                "timestamp", i.event().timestampMillis(),
                                "message", i.event().message(),
                                "ingestionTime", i.ingestionMillis(),
                                "eventId", i.event().id()))
                        .toList());
        out.put("searchedLogStreams", List.of());
        if ((page + 1) * limit < matching.size()) {
            out.put("nextToken", "page-" + (page + 1));
        }
        return out;
    }

    /**
     * CloudWatch Logs' filter pattern syntax for unstructured events, simplified: terms separated by spaces (a quoted
     * term may hold spaces) must all occur, {@code -term} must not, and if any {@code ?term} is given one of those
     * must occur. Matching is a case-sensitive substring test (CloudWatch matches terms, which the console's patterns
     * cannot tell apart). JSON ({@code { $.x = … }}) and space-delimited ({@code [a, b]}) patterns are refused with
     * the error CloudWatch gives for a pattern it cannot parse.
     */
    public static boolean matchesFilterPattern(String pattern, String message) {
        String p = pattern.strip();
        if (p.isEmpty()) {
            return true;
        }
        if (p.startsWith("{") || p.startsWith("[")) {
            throw new StubError(400, "InvalidParameterException", "The stub supports term filter patterns only.");
        }
        List<String> terms = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("([?-]?)(\"[^\"]*\"|\\S+)").matcher(p);
        boolean anyOptional = false;
        boolean optionalMatched = false;
        while (m.find()) {
            String term = m.group(2).startsWith("\"")
                    ? m.group(2).substring(1, m.group(2).length() - 1)
                    : m.group(2);
            switch (m.group(1)) {
                case "?" -> {
                    anyOptional = true;
                    optionalMatched |= message.contains(term);
                }
                case "-" -> {
                    if (message.contains(term)) {
                        return false;
                    }
                }
                default -> terms.add(term);
            }
        }
        return terms.stream().allMatch(message::contains) && (!anyOptional || optionalMatched);
    }

    // ---- CloudFormation and STS: awsQuery XML ---------------------------------------------------------------------

    private synchronized Answer query(String action, Map<String, String> form) {
        return switch (action) {
            case "GetCallerIdentity" ->
                new Answer(
                        200,
                        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                                + "<GetCallerIdentityResult><Arn>" + xml(callerArn) + "</Arn>"
                                + "<UserId>AROA3XFRBF535PLBIFPI4:alice</UserId><Account>" + ACCOUNT + "</Account>"
                                + "</GetCallerIdentityResult><ResponseMetadata><RequestId>"
                                + "01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>"
                                + "</GetCallerIdentityResponse>");
            case "DescribeStacks" -> describeStacks(form.getOrDefault("StackName", ""));
            default -> throw new StubError(400, "InvalidAction", "Could not find operation " + action);
        };
    }

    private Answer describeStacks(String name) {
        Map<String, String> outputs = stacks.get(name);
        if (outputs == null) {
            throw new StubError(400, "ValidationError", "Stack with id " + name + " does not exist");
        }
        StringBuilder xml = new StringBuilder(
                "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                        + "<DescribeStacksResult><Stacks><member>");
        xml.append("<StackName>").append(xml(name)).append("</StackName>");
        xml.append("<StackId>arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/")
                .append(xml(name))
                .append("/5b6a8f40-0000-11ef-8000-0a1b2c3d4e5f</StackId>");
        xml.append("<CreationTime>2026-11-20T09:00:00.000Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>");
        xml.append("<Outputs>");
        outputs.forEach((k, v) -> xml.append("<member><OutputKey>")
                .append(xml(k))
                .append("</OutputKey><OutputValue>")
                .append(xml(v))
                .append("</OutputValue></member>"));
        xml.append("</Outputs></member></Stacks></DescribeStacksResult>"
                + "<ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata>"
                + "</DescribeStacksResponse>");
        return new Answer(200, xml.toString());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Instant seconds(JsonNode node) {
        double s = node.asDouble();
        long whole = (long) Math.floor(s);
        return Instant.ofEpochSecond(whole, Math.round((s - whole) * 1e9));
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static int pageOf(JsonNode token) {
        String t = token.asText("");
        return t.startsWith("page-") ? Integer.parseInt(t.substring(5)) : 0;
    }

    private static <T> List<T> page(List<T> all, int page, int size) {
        int from = Math.min(all.size(), page * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
