package io.nutrisage.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Names and defaults of the NutriSage AWS stack as the CloudFormation templates in {@code infra-templates/templates}
 * create them: the one place other modules take them from. The module's tests resolve the templates for an
 * environment and keep the two equal.
 *
 * @param defaultEnvironment the {@code EnvironmentName} every stack defaults to
 */
public record InfraDefaults(
        String defaultEnvironment,
        Autoscaling autoscaling,
        Service service,
        Metrics metrics,
        Alarms alarms,
        LoadTestEnvironment loadTest,
        Names namePatterns) {

    static final String RESOURCE = "/io/nutrisage/infra/infra-defaults.properties";

    /** Where the environment name goes in a name pattern ({@link #namePatterns()}). */
    static final String ENVIRONMENT_PLACEHOLDER = "${env}";

    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9-]{1,20}");

    /** Scalable target and target-tracking policies of autoscaling.yaml. */
    public record Autoscaling(
            int minCapacity,
            int maxCapacity,
            double albRequestCountPerTargetTarget,
            double cpuUtilizationTargetPercent,
            int scaleOutCooldownSeconds,
            int scaleInCooldownSeconds) {}

    /**
     * @param healthCheckPath what the target group probes (readiness)
     * @param containerHealthCheckPath what the task definition's container health check probes (liveness)
     */
    public record Service(int containerPort, String healthCheckPath, String containerHealthCheckPath) {}

    /** predictor-service's CloudWatch metrics as the dashboard, the alarms and the console select them. */
    public record Metrics(
            String namespace,
            String inferenceDimension,
            String latencyMetric,
            String confidenceMetric,
            String inputSugarsMeanMetric,
            String inputSodiumMeanMetric) {}

    public record Alarms(
            double highCpuThresholdPercent,
            int highCpuEvaluationPeriods,
            int highCpuPeriodSeconds,
            double latencyP90ThresholdMs) {}

    /** Names of the environment variables the load-test task definition sets. */
    public record LoadTestEnvironment(String targetUrl, String inputPrefix, String workers) {}

    /**
     * The names of one environment's stacks; as {@link #namePatterns()}, the same record holds the patterns, with
     * {@value #ENVIRONMENT_PLACEHOLDER} where the environment name goes.
     */
    public record Names(
            String environment,
            String cluster,
            String service,
            String predictorTaskFamily,
            String predictorLogGroup,
            String predictorRepository,
            String requestsPerTargetPolicy,
            String cpuPolicy,
            String dashboard,
            String alarmTopic,
            String highCpuAlarm,
            String latencyP90Alarm,
            String target5xxAlarm,
            String loadBalancer5xxAlarm,
            String unhealthyHostsAlarm,
            String inputSugarsDriftAlarm,
            String inputSodiumDriftAlarm,
            String loadTestTaskFamily,
            String loadTestLogGroup,
            String loadTestRepository,
            String consolePolicy) {
        /** The alarms the monitoring stack creates, in its order. */
        public List<String> stackAlarms() {
            return List.of(
                    highCpuAlarm,
                    latencyP90Alarm,
                    target5xxAlarm,
                    loadBalancer5xxAlarm,
                    unhealthyHostsAlarm,
                    inputSugarsDriftAlarm,
                    inputSodiumDriftAlarm);
        }

        /** Application Auto Scaling's resource id of the service. */
        public String scalableResourceId() {
            return "service/" + cluster + "/" + service;
        }

        /** Every name passed through {@code f}. */
        Names map(UnaryOperator<String> f) {
            return new Names(
                    f.apply(environment),
                    f.apply(cluster),
                    f.apply(service),
                    f.apply(predictorTaskFamily),
                    f.apply(predictorLogGroup),
                    f.apply(predictorRepository),
                    f.apply(requestsPerTargetPolicy),
                    f.apply(cpuPolicy),
                    f.apply(dashboard),
                    f.apply(alarmTopic),
                    f.apply(highCpuAlarm),
                    f.apply(latencyP90Alarm),
                    f.apply(target5xxAlarm),
                    f.apply(loadBalancer5xxAlarm),
                    f.apply(unhealthyHostsAlarm),
                    f.apply(inputSugarsDriftAlarm),
                    f.apply(inputSodiumDriftAlarm),
                    f.apply(loadTestTaskFamily),
                    f.apply(loadTestLogGroup),
                    f.apply(loadTestRepository),
                    f.apply(consolePolicy));
        }
    }

    public InfraDefaults {
        Objects.requireNonNull(defaultEnvironment);
        Objects.requireNonNull(autoscaling);
        Objects.requireNonNull(service);
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(alarms);
        Objects.requireNonNull(loadTest);
        Objects.requireNonNull(namePatterns);
    }

    /**
     * The names the stacks of {@code environment} create.
     *
     * @throws IllegalArgumentException when {@code environment} is not a valid EnvironmentName ({@code
     *     [a-z][a-z0-9-]{1,20}}, as every template's parameter allows)
     */
    public Names forEnvironment(String environment) {
        if (environment == null || !ENVIRONMENT_NAME.matcher(environment).matches()) {
            throw new IllegalArgumentException(
                    "environment name must match [a-z][a-z0-9-]{1,20}, got '" + environment + "'");
        }
        return namePatterns.map(pattern -> pattern.replace(ENVIRONMENT_PLACEHOLDER, environment));
    }

    /** The names of the default environment. */
    public Names names() {
        return forEnvironment(defaultEnvironment);
    }

    /** The defaults shipped in this module's jar, read once (the record is immutable; callers share it). */
    public static InfraDefaults load() {
        return Shipped.DEFAULTS;
    }

    /** Lazy holder: the resource is read on first use, once per class loader. */
    private static final class Shipped {
        static final InfraDefaults DEFAULTS = read();
    }

    private static InfraDefaults read() {
        Properties properties = new Properties();
        try (InputStream in = InfraDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        Values values = new Values(properties);
        return new InfraDefaults(
                values.text("environment.default"),
                new Autoscaling(
                        values.integer("autoscaling.minCapacity"),
                        values.integer("autoscaling.maxCapacity"),
                        values.decimal("autoscaling.albRequestCountPerTarget.target"),
                        values.decimal("autoscaling.cpuUtilization.targetPercent"),
                        values.integer("autoscaling.scaleOutCooldownSeconds"),
                        values.integer("autoscaling.scaleInCooldownSeconds")),
                new Service(
                        values.integer("service.containerPort"),
                        values.text("service.healthCheckPath"),
                        values.text("service.containerHealthCheckPath")),
                new Metrics(
                        values.text("metrics.namespace"),
                        values.text("metrics.inferenceDimension"),
                        values.text("metrics.latency"),
                        values.text("metrics.confidence"),
                        values.text("metrics.inputSugarsMean"),
                        values.text("metrics.inputSodiumMean")),
                new Alarms(
                        values.decimal("alarm.highCpu.thresholdPercent"),
                        values.integer("alarm.highCpu.evaluationPeriods"),
                        values.integer("alarm.highCpu.periodSeconds"),
                        values.decimal("alarm.latencyP90.thresholdMs")),
                new LoadTestEnvironment(
                        values.text("loadtest.env.targetUrl"),
                        values.text("loadtest.env.inputPrefix"),
                        values.text("loadtest.env.workers")),
                new Names(
                        ENVIRONMENT_PLACEHOLDER,
                        values.pattern("name.cluster"),
                        values.pattern("name.service"),
                        values.pattern("name.predictorTaskFamily"),
                        values.pattern("name.predictorLogGroup"),
                        values.pattern("name.predictorRepository"),
                        values.pattern("name.requestsPerTargetPolicy"),
                        values.pattern("name.cpuPolicy"),
                        values.pattern("name.dashboard"),
                        values.pattern("name.alarmTopic"),
                        values.pattern("name.alarm.highCpu"),
                        values.pattern("name.alarm.latencyP90"),
                        values.pattern("name.alarm.target5xx"),
                        values.pattern("name.alarm.loadBalancer5xx"),
                        values.pattern("name.alarm.unhealthyHosts"),
                        values.pattern("name.alarm.inputSugarsDrift"),
                        values.pattern("name.alarm.inputSodiumDrift"),
                        values.pattern("name.loadTestTaskFamily"),
                        values.pattern("name.loadTestLogGroup"),
                        values.pattern("name.loadTestRepository"),
                        values.pattern("name.consolePolicy")));
    }

    private record Values(Properties properties) {
        String text(String key) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(RESOURCE + ": missing " + key);
            }
            return value.strip();
        }

        /** A name pattern: it must contain the environment, or a second environment would collide on it. */
        String pattern(String key) {
            String value = text(key);
            if (!value.contains(ENVIRONMENT_PLACEHOLDER)) {
                throw new IllegalStateException(RESOURCE + ": " + key + " must contain " + ENVIRONMENT_PLACEHOLDER
                        + " (names are per environment), got " + value);
            }
            return value;
        }

        int integer(String key) {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + ": " + key + " is not an integer: " + text(key), e);
            }
        }

        double decimal(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + ": " + key + " is not a number: " + text(key), e);
            }
        }
    }
}
