package io.nutrisage.app.aws.stub;

import io.nutrisage.app.aws.stub.AwsStub.Activity;
import io.nutrisage.app.aws.stub.AwsStub.AlarmDef;
import io.nutrisage.app.aws.stub.AwsStub.Deployment;
import io.nutrisage.app.aws.stub.AwsStub.EcsService;
import io.nutrisage.app.aws.stub.AwsStub.HistoryItem;
import io.nutrisage.app.aws.stub.AwsStub.LogEvent;
import io.nutrisage.app.aws.stub.AwsStub.MetricKey;
import io.nutrisage.app.aws.stub.AwsStub.NotScaledReason;
import io.nutrisage.app.aws.stub.AwsStub.Point;
import io.nutrisage.app.aws.stub.AwsStub.Policy;
import io.nutrisage.app.aws.stub.AwsStub.ScalableTarget;
import io.nutrisage.app.aws.stub.AwsStub.ServiceEvent;
import io.nutrisage.infra.InfraDefaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployed NutriSage stack as infra-templates creates it, loaded into an {@link AwsStub}: CloudFormation outputs of
 * the {@code nutrisage-*} stacks, ten minutes of every series, the ECS service, scaling activities (one not scaled),
 * policies, alarms with history, and log lines. Wording follows the AWS API reference examples.
 */
public final class NutriSageStack {
    private static final InfraDefaults.Names NAMES = InfraDefaults.load().names();
    public static final String ENV = NAMES.environment();
    public static final String CLUSTER = NAMES.cluster();
    public static final String SERVICE = NAMES.service();
    public static final String LOAD_BALANCER = "app/nutrisage-alb/50dc6c495c0c9188";
    public static final String TARGET_GROUP = "targetgroup/nutrisage-tg/73e2d6bc24d8a067";
    public static final String LOG_GROUP = NAMES.predictorLogGroup();
    public static final String TARGET_URL = "http://nutrisage-alb-1234567890.eu-west-1.elb.amazonaws.com";
    public static final String RESOURCE_ID = "service/" + CLUSTER + "/" + SERVICE;
    public static final String TT_HIGH =
            "TargetTracking-" + RESOURCE_ID + "-AlarmHigh-4cd6b5c2-7ea1-4dd9-b1a6-0f6a3b1a2c55";
    public static final String TT_LOW =
            "TargetTracking-" + RESOURCE_ID + "-AlarmLow-0a8cfd8e-9c2b-4b3f-8f0e-5b0c1d2e3f40";
    /** Four of the monitoring stack's alarms, those the stub defines, in name order (as StackResolver lists them). */
    public static final List<String> STACK_ALARMS =
            List.of(NAMES.highCpuAlarm(), NAMES.latencyP90Alarm(), NAMES.target5xxAlarm(), NAMES.unhealthyHostsAlarm());

    /** Every series the console reads, with the dimensions the stack's names give it. */
    public static final Map<String, MetricKey> SERIES = series();

    private NutriSageStack() {}

    /** The default environment's names, as the stack creates them. */
    public static InfraDefaults.Names names() {
        return NAMES;
    }

    private static Map<String, MetricKey> series() {
        Map<String, String> ecs = Map.of("ClusterName", CLUSTER, "ServiceName", SERVICE);
        // The service stack gives the predictor SERVICE_NAME = its ECS service name: the metrics' dimension value.
        Map<String, String> inference = Map.of("ServiceName", SERVICE);
        Map<String, String> lb = Map.of("LoadBalancer", LOAD_BALANCER);
        Map<String, String> tg = Map.of("LoadBalancer", LOAD_BALANCER, "TargetGroup", TARGET_GROUP);
        Map<String, MetricKey> m = new LinkedHashMap<>();
        m.put("CPU_UTILIZATION", new MetricKey("AWS/ECS", "CPUUtilization", "Average", ecs));
        m.put("MEMORY_UTILIZATION", new MetricKey("AWS/ECS", "MemoryUtilization", "Average", ecs));
        m.put("RUNNING_TASKS", new MetricKey("ECS/ContainerInsights", "RunningTaskCount", "Average", ecs));
        m.put("DESIRED_TASKS", new MetricKey("ECS/ContainerInsights", "DesiredTaskCount", "Average", ecs));
        m.put("PENDING_TASKS", new MetricKey("ECS/ContainerInsights", "PendingTaskCount", "Average", ecs));
        m.put("MODEL_LATENCY_P90", new MetricKey("NutriSage/Inference", "ModelLatencyMs", "p90", inference));
        m.put("CONFIDENCE_AVG", new MetricKey("NutriSage/Inference", "Confidence", "Average", inference));
        m.put("INPUT_SUGARS_MEAN", new MetricKey("NutriSage/Inference", "InputSugarsMean", "Average", inference));
        m.put("INPUT_SODIUM_MEAN", new MetricKey("NutriSage/Inference", "InputSodiumMean", "Average", inference));
        m.put("REQUEST_RATE", new MetricKey("AWS/ApplicationELB", "RequestCount", "Sum", lb));
        m.put("REQUEST_COUNT_PER_TARGET", new MetricKey("AWS/ApplicationELB", "RequestCountPerTarget", "Sum", tg));
        m.put("TARGET_5XX", new MetricKey("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", tg));
        m.put("TARGET_RESPONSE_TIME_P90", new MetricKey("AWS/ApplicationELB", "TargetResponseTime", "p90", tg));
        m.put("HEALTHY_HOSTS", new MetricKey("AWS/ApplicationELB", "HealthyHostCount", "Minimum", tg));
        return Map.copyOf(m);
    }

    /** CloudWatch's raw value of series {@code name} for the minute starting {@code minutesBeforeNow} before now. */
    public static double rawValue(String name, int minuteIndex) {
        return switch (name) {
            case "CPU_UTILIZATION" -> 30 + 4 * minuteIndex;
            case "MEMORY_UTILIZATION" -> 41.5 + 0.25 * minuteIndex;
            case "RUNNING_TASKS" -> 2 + minuteIndex / 5;
            case "DESIRED_TASKS" -> 2 + minuteIndex / 4;
            case "PENDING_TASKS" -> minuteIndex % 4 == 0 ? 1 : 0;
            case "MODEL_LATENCY_P90" -> 120 + 7 * minuteIndex;
            case "CONFIDENCE_AVG" -> 0.81 + 0.005 * minuteIndex;
            // Inside predictor-service's drift bands (sugars 6.25..19.77, sodium 0.154..1.056 g per 100 g).
            case "INPUT_SUGARS_MEAN" -> 11.5 + 0.25 * minuteIndex;
            case "INPUT_SODIUM_MEAN" -> 0.28 + 0.005 * minuteIndex;
            case "REQUEST_RATE" -> 600 + 120 * minuteIndex;
            case "REQUEST_COUNT_PER_TARGET" -> 300 + 30 * minuteIndex;
            case "TARGET_5XX" -> minuteIndex == 7 ? 12 : 0;
            case "TARGET_RESPONSE_TIME_P90" -> 0.150 + 0.01 * minuteIndex;
            case "HEALTHY_HOSTS" -> 2 + minuteIndex / 5;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Loads the stack with ten 1-minute points per series, for the minutes starting at {@code firstMinute}. */
    public static void load(AwsStub stub, Instant firstMinute) {
        stub.putStack(
                ENV + "-cluster",
                Map.of("ClusterName", CLUSTER, "ClusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/" + CLUSTER));
        stub.putStack(
                ENV + "-service",
                Map.of(
                        "ServiceName", SERVICE,
                        "LoadBalancerFullName", LOAD_BALANCER,
                        "TargetGroupFullName", TARGET_GROUP,
                        "LoadBalancerDnsName", "nutrisage-alb-1234567890.eu-west-1.elb.amazonaws.com",
                        "TargetUrl", TARGET_URL,
                        "LogGroupName", LOG_GROUP,
                        "TaskDefinitionArn",
                                "arn:aws:ecs:eu-west-1:123456789012:task-definition/nutrisage-predictor:7"));
        stub.putStack(
                ENV + "-autoscaling",
                Map.of(
                        "RequestsPerTargetPolicyName",
                        NAMES.requestsPerTargetPolicy(),
                        "CpuPolicyName",
                        NAMES.cpuPolicy(),
                        "MinCapacity",
                        "1",
                        "MaxCapacity",
                        "5"));
        stub.putStack(
                ENV + "-monitoring",
                Map.of(
                        "DashboardName", NAMES.dashboard(),
                        "MetricNamespace", "NutriSage/Inference",
                        "InferenceDimensionName", "ServiceName",
                        "HighCpuAlarmName", STACK_ALARMS.get(0),
                        "LatencyP90AlarmName", STACK_ALARMS.get(1),
                        "Target5xxAlarmName", STACK_ALARMS.get(2),
                        "UnhealthyHostsAlarmName", STACK_ALARMS.get(3),
                        "AlarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:nutrisage-alarms"));
        stub.putStack(
                ENV + "-loadtest",
                Map.of(
                        "LoadTestTaskDefinitionArn",
                        "arn:aws:ecs:eu-west-1:123456789012:task-definition/" + NAMES.loadTestTaskFamily() + ":3",
                        "LoadTestTaskDefinitionFamily",
                        NAMES.loadTestTaskFamily()));

        SERIES.forEach((name, key) -> {
            {
                List<Point> points = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    points.add(new Point(firstMinute.plus(Duration.ofMinutes(i)), rawValue(name, i)));
                }
                stub.putMetric(key, points);
            }
        });
        // Someone else's service in the same account: must never show up.
        stub.putMetric(
                new AwsStub.MetricKey(
                        "AWS/ECS", "CPUUtilization", "Average", Map.of("ClusterName", "other", "ServiceName", "other")),
                List.of(new Point(firstMinute, 99)));

        Instant t0 = firstMinute;
        stub.putService(new EcsService(
                CLUSTER,
                SERVICE,
                3,
                4,
                1,
                List.of(new Deployment(
                        "ecs-svc/9223370564343611322",
                        "PRIMARY",
                        "arn:aws:ecs:eu-west-1:123456789012:task-definition/nutrisage-predictor:7",
                        4,
                        3,
                        1,
                        t0.minus(Duration.ofHours(2)),
                        t0.plus(Duration.ofMinutes(8)),
                        "COMPLETED")),
                List.of(
                        new ServiceEvent(
                                "9a4c9f7e-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
                                t0.plus(Duration.ofMinutes(8)),
                                "(service " + SERVICE
                                        + ") has started 1 tasks: (task 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c)."),
                        new ServiceEvent(
                                "1c7e3a52-6f0b-4a8e-9d3c-2b1a0f9e8d7c",
                                t0.plus(Duration.ofMinutes(1)),
                                "(service " + SERVICE + ") has reached a steady state."),
                        new ServiceEvent(
                                "5e2d8c41-0a9b-4f7e-8d6c-5b4a3f2e1d0c",
                                t0.plus(Duration.ofMinutes(4)),
                                "(service " + SERVICE + ") registered 1 targets in (target-group "
                                        + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:" + TARGET_GROUP
                                        + ")"))));

        stub.putScalableTarget(new ScalableTarget(RESOURCE_ID, 1, 5));
        stub.addPolicy(new Policy(RESOURCE_ID, ENV + "-cpu", "ECSServiceAverageCPUUtilization", 40, 300, 300));
        stub.addPolicy(
                new Policy(RESOURCE_ID, ENV + "-alb-requests-per-target", "ALBRequestCountPerTarget", 30, 60, null));
        stub.addPolicy(new Policy("service/other/other", "other-cpu", "ECSServiceAverageCPUUtilization", 70, 300, 300));
        String highCause = "monitor alarm " + TT_HIGH + " in state ALARM triggered policy " + ENV + "-cpu";
        stub.addActivity(new Activity(
                RESOURCE_ID,
                "e6c5f7d1-1111-4a2b-9c3d-000000000001",
                t0.plus(Duration.ofMinutes(2)),
                t0.plus(Duration.ofMinutes(3)),
                "Setting desired count to 3.",
                highCause,
                "Successful",
                "Successfully set desired count to 3. Change successfully fulfilled by ecs.",
                List.of()));
        stub.addActivity(new Activity(
                RESOURCE_ID,
                "e6c5f7d1-1111-4a2b-9c3d-000000000002",
                t0.plus(Duration.ofMinutes(6)),
                t0.plus(Duration.ofMinutes(7)),
                "Setting desired count to 4.",
                highCause,
                "Successful",
                "Successfully set desired count to 4. Change successfully fulfilled by ecs.",
                List.of()));
        stub.addActivity(new Activity(
                RESOURCE_ID,
                "e6c5f7d1-1111-4a2b-9c3d-000000000003",
                t0.plus(Duration.ofMinutes(8)),
                null,
                "Attempting to set desired count to 5.",
                "monitor alarm " + TT_HIGH + " in state ALARM triggered policy " + ENV + "-alb-requests-per-target",
                "InProgress",
                "Waiting for change to be fulfilled by ecs.",
                List.of()));
        stub.addActivity(new Activity(
                RESOURCE_ID,
                "e6c5f7d1-1111-4a2b-9c3d-000000000004",
                t0.plus(Duration.ofMinutes(9)),
                t0.plus(Duration.ofMinutes(9)),
                "Failed to set desired count to 6",
                "monitor alarm " + TT_HIGH + " in state ALARM triggered policy " + ENV + "-cpu",
                "Failed",
                "Capacity is at maximum.",
                List.of(new NotScaledReason("AlreadyAtMaxCapacity", 5, 1, 5))));
        stub.addActivity(new Activity(
                "service/other/other",
                "ffffffff-0000-0000-0000-000000000009",
                t0.plus(Duration.ofMinutes(5)),
                t0.plus(Duration.ofMinutes(5)),
                "Setting desired count to 9.",
                "someone else's",
                "Successful",
                "",
                List.of()));

        stub.putAlarm(new AlarmDef(
                STACK_ALARMS.get(0),
                "Average CPU of the predictor service above the threshold for 3 minutes.",
                "ALARM",
                "Threshold Crossed: 3 datapoints [66.0 (23/11/26 11:58:00), 62.0 (23/11/26 11:57:00), 58.0 (23/11/26"
                        + " 11:56:00)] were greater than the threshold (50.0).",
                t0.plus(Duration.ofMinutes(9)),
                "AWS/ECS",
                "CPUUtilization",
                "Average",
                60,
                50));
        stub.putAlarm(new AlarmDef(
                STACK_ALARMS.get(1),
                "p90 model latency",
                "OK",
                "Threshold Crossed: no datapoints were received",
                t0,
                "NutriSage/Inference",
                "ModelLatencyMs",
                "p90",
                60,
                500));
        stub.putAlarm(new AlarmDef(
                STACK_ALARMS.get(2),
                "target 5xx",
                "OK",
                "Threshold Crossed: 1 out of the last 3 datapoints",
                t0,
                "AWS/ApplicationELB",
                "HTTPCode_Target_5XX_Count",
                "Sum",
                60,
                30));
        stub.putAlarm(new AlarmDef(
                STACK_ALARMS.get(3),
                "unhealthy hosts",
                "INSUFFICIENT_DATA",
                "Unchecked: Initial alarm creation",
                t0,
                "AWS/ApplicationELB",
                "UnHealthyHostCount",
                "Maximum",
                60,
                0));
        stub.putAlarm(new AlarmDef(
                TT_HIGH,
                "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy",
                "ALARM",
                "Threshold Crossed: 3 datapoints were greater than the threshold (40.0).",
                t0.plus(Duration.ofMinutes(5)),
                "AWS/ECS",
                "CPUUtilization",
                "Average",
                60,
                40));
        stub.putAlarm(new AlarmDef(
                TT_LOW,
                "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy",
                "OK",
                "Threshold Crossed: 1 datapoint was not less than the threshold (36.0).",
                t0.plus(Duration.ofMinutes(5)),
                "AWS/ECS",
                "CPUUtilization",
                "Average",
                60,
                36));
        stub.putAlarm(
                new AlarmDef("other-app-HighCPU", "someone else's", "ALARM", "", t0, "AWS/ECS", "CPUUtilization"));
        stub.addHistory(transition(
                STACK_ALARMS.get(0),
                t0.plus(Duration.ofMinutes(9)),
                "OK",
                "ALARM",
                "Threshold Crossed: 3 datapoints were greater than the threshold (50.0)."));
        stub.addHistory(transition(
                TT_HIGH,
                t0.plus(Duration.ofMinutes(5)),
                "OK",
                "ALARM",
                "Threshold Crossed: 3 datapoints were greater than the threshold (40.0)."));
        stub.addHistory(transition(
                TT_LOW,
                t0.plus(Duration.ofMinutes(5)),
                "ALARM",
                "OK",
                "Threshold Crossed: 1 datapoint was not less than the threshold (36.0)."));
        stub.addHistory(transition("other-app-HighCPU", t0.plus(Duration.ofMinutes(3)), "OK", "ALARM", "x"));

        String stream = "ecs/predictor/3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c";
        for (int i = 0; i < 7; i++) {
            Instant at = firstMinute.plus(Duration.ofSeconds(30L * i + 5));
            stub.addLogEvent(new LogEvent(
                    LOG_GROUP,
                    stream,
                    at.toEpochMilli(),
                    logMessage(i, at),
                    String.format("3713809216826797766880913862993650781873471094784917%04d", i)));
        }
    }

    /**
     * What predictor-service writes, as the awslogs driver ships it (one event per line): slf4j-simple lines from
     * stderr ({@code <time> [<thread>] <LEVEL> <logger> - <message>}, a stack trace line by line) and EMF lines from
     * stdout.
     */
    public static String logMessage(int i, Instant at) {
        String time = LOG_TIME.format(at);
        return switch (i) {
            case 0 ->
                time + " [main] INFO io.nutrisage.predictor.Main - NutriSage predictor listening on port 8000 (model"
                        + " nutriscore-xgb-3, ready: true)";
            case 1 ->
                emf(
                        at,
                        "\"ModelLatencyMs\":[41.2,57.9],\"Confidence\":[0.91,0.84],\"Predictions\":2,"
                                + "\"InvalidRecords\":0");
            case 2 -> requestFailed(at);
            case 3 -> "java.lang.IllegalStateException: model evaluation failed for record 17";
            case 4 -> "\tat io.nutrisage.predictor.http.PredictorService.predict(PredictorService.java:214)";
            case 5 -> emf(at, "\"Predictions\":0,\"InvalidRecords\":1");
            case 6 ->
                time + " [predictor-stop-8000] INFO io.nutrisage.predictor.http.PredictorServer - Predictor server"
                        + " on port 8000 stopped after draining for 212 ms";
            default -> throw new IllegalArgumentException("no log line " + i);
        };
    }

    /** The line predictor-service logs when a request fails with 500 (PredictorService.internalError). */
    public static String requestFailed(Instant at) {
        return LOG_TIME.format(at)
                + " [helidon-server-17] ERROR io.nutrisage.predictor.http.PredictorService - Request POST /predict"
                + " failed";
    }

    private static String emf(Instant at, String values) {
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"NutriSage/Inference\",\"Dimensions\":[[\"ServiceName\"]],\"Metrics\":[{\"Name\":"
                + "\"ModelLatencyMs\",\"Unit\":\"Milliseconds\"},{\"Name\":\"Confidence\",\"Unit\":\"None\"},"
                + "{\"Name\":\"Predictions\",\"Unit\":\"Count\"},{\"Name\":\"InvalidRecords\",\"Unit\":"
                + "\"Count\"}]}]},\"ServiceName\":\"nutrisage-predictor\",\"ModelVersion\":\"nutriscore-xgb-3\","
                + values + "}";
    }

    /** slf4j-simple's date format in predictor-service's simplelogger.properties. */
    private static final java.time.format.DateTimeFormatter LOG_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(java.time.ZoneOffset.UTC);

    private static HistoryItem transition(String alarm, Instant time, String from, String to, String reason) {
        String data = "{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"" + from
                + "\",\"stateReason\":\"previous\"},\"newState\":{\"stateValue\":\"" + to + "\",\"stateReason\":\""
                + reason + "\"}}";
        return new HistoryItem(alarm, time, "Alarm updated from " + from + " to " + to, data);
    }
}
