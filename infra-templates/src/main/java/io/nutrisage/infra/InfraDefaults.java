package io.nutrisage.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * Names and defaults of the NutriSage AWS stack as the CloudFormation templates in
 * {@code infra-templates/templates} define them (the module's tests keep the two in agreement).
 * Other modules compare their own defaults against these, e.g. the console's sandbox autoscaler.
 */
public record InfraDefaults(
        Autoscaling autoscaling, Service service, Metrics metrics, Alarms alarms, LoadTestEnvironment loadTest) {

    static final String RESOURCE = "/io/nutrisage/infra/infra-defaults.properties";

    /** Scalable target and target-tracking policies of autoscaling.yaml. */
    public record Autoscaling(
            int minCapacity,
            int maxCapacity,
            double albRequestCountPerTargetTarget,
            double cpuUtilizationTargetPercent,
            int scaleOutCooldownSeconds,
            int scaleInCooldownSeconds) {}

    public record Service(String clusterName, String serviceName, int containerPort, String healthCheckPath) {}

    public record Metrics(
            String namespace,
            String latencyMetric,
            String confidenceMetric,
            String driftMetric,
            String dashboardName) {}

    public record Alarms(
            String highCpuName,
            double highCpuThresholdPercent,
            int highCpuEvaluationPeriods,
            int highCpuPeriodSeconds,
            String latencyP90Name,
            double latencyP90ThresholdMs,
            String target5xxName,
            String unhealthyHostsName) {}

    /** Names of the environment variables the load-test task definition sets. */
    public record LoadTestEnvironment(String targetUrl, String inputPrefix, String workers) {}

    public InfraDefaults {
        Objects.requireNonNull(autoscaling);
        Objects.requireNonNull(service);
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(alarms);
        Objects.requireNonNull(loadTest);
    }

    /** Reads the defaults shipped in this module's jar. */
    public static InfraDefaults load() {
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
                new Autoscaling(
                        values.integer("autoscaling.minCapacity"),
                        values.integer("autoscaling.maxCapacity"),
                        values.decimal("autoscaling.albRequestCountPerTarget.target"),
                        values.decimal("autoscaling.cpuUtilization.targetPercent"),
                        values.integer("autoscaling.scaleOutCooldownSeconds"),
                        values.integer("autoscaling.scaleInCooldownSeconds")),
                new Service(
                        values.text("cluster.name"),
                        values.text("service.name"),
                        values.integer("service.containerPort"),
                        values.text("service.healthCheckPath")),
                new Metrics(
                        values.text("metrics.namespace"),
                        values.text("metrics.latency"),
                        values.text("metrics.confidence"),
                        values.text("metrics.drift"),
                        values.text("dashboard.name")),
                new Alarms(
                        values.text("alarm.highCpu.name"),
                        values.decimal("alarm.highCpu.thresholdPercent"),
                        values.integer("alarm.highCpu.evaluationPeriods"),
                        values.integer("alarm.highCpu.periodSeconds"),
                        values.text("alarm.latencyP90.name"),
                        values.decimal("alarm.latencyP90.thresholdMs"),
                        values.text("alarm.target5xx.name"),
                        values.text("alarm.unhealthyHosts.name")),
                new LoadTestEnvironment(
                        values.text("loadtest.env.targetUrl"),
                        values.text("loadtest.env.inputPrefix"),
                        values.text("loadtest.env.workers")));
    }

    private record Values(Properties properties) {
        String text(String key) {
            String value = properties.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(RESOURCE + ": missing " + key);
            }
            return value.strip();
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
