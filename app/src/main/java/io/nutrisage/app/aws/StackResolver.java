package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Reads a deployed stack's names from CloudFormation outputs. infra-templates deploys one stack per concern named
 * {@code <env>-<suffix>} (stacks.conf); the user types either the environment name ({@code nutrisage}), whose
 * {@code <env>-*} stacks are merged, or one stack name that carries every output itself.
 */
public final class StackResolver {
    /** infra-templates' stacks.conf suffixes that carry outputs the console reads. */
    static final List<String> SUFFIXES = List.of("service", "autoscaling", "monitoring", "loadtest", "cluster");

    private final AwsConnection connection;

    public StackResolver(AwsConnection connection) {
        this.connection = connection;
    }

    /**
     * The target named by {@code stackOrEnvironment}.
     *
     * @throws AwsAccessException with a clear message when no such stack exists, outputs are missing, or AWS fails
     */
    public AwsTargetSpec resolve(String stackOrEnvironment) {
        String name = stackOrEnvironment == null ? "" : stackOrEnvironment.strip();
        if (name.isEmpty()) {
            throw new AwsAccessException(new AwsProblem(Kind.NOT_FOUND, "Enter a CloudFormation stack name."), null);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        describe(name).ifPresent(stack -> {
            found.add(stack.stackName());
            stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        });
        if (!outputs.containsKey("ServiceName")) {
            for (String suffix : SUFFIXES) {
                describe(name + "-" + suffix).ifPresent(stack -> {
                    found.add(stack.stackName());
                    for (Output o : stack.outputs()) {
                        outputs.putIfAbsent(o.outputKey(), o.outputValue());
                    }
                });
            }
        }
        if (found.isEmpty()) {
            throw new AwsAccessException(
                    new AwsProblem(
                            Kind.NOT_FOUND,
                            "No CloudFormation stack '" + name + "' (nor " + name + "-service…) in "
                                    + connection.region() + ". Deploy infra-templates (deploy --env " + name
                                    + ") or check the region."),
                    null);
        }
        return fromOutputs(name, outputs, found);
    }

    static AwsTargetSpec fromOutputs(String name, Map<String, String> outputs, List<String> stacks) {
        List<String> missing = new ArrayList<>();
        for (String key : List.of("ClusterName", "ServiceName", "TargetUrl")) {
            if (outputs.getOrDefault(key, "").isBlank()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new AwsAccessException(
                    new AwsProblem(
                            Kind.NOT_FOUND,
                            "Stack(s) " + String.join(", ", stacks) + " lack the output(s) "
                                    + String.join(", ", missing)
                                    + ": deploy infra-templates' service stack, or enter the names by hand."),
                    null);
        }
        List<String> alarms = outputs.entrySet().stream()
                .filter(e -> e.getKey().endsWith("AlarmName"))
                .map(Map.Entry::getValue)
                .sorted()
                .toList();
        try {
            return new AwsTargetSpec(
                    name,
                    outputs.get("ClusterName"),
                    outputs.get("ServiceName"),
                    outputs.get("LoadBalancerFullName"),
                    outputs.get("TargetGroupFullName"),
                    URI.create(outputs.get("TargetUrl")),
                    outputs.get("LogGroupName"),
                    outputs.get("MetricNamespace"),
                    outputs.getOrDefault("InferenceDimensionName", AwsTargetSpec.DEFAULT_INFERENCE_DIMENSION_NAME),
                    // The service stack passes its ECS service name to the predictor as SERVICE_NAME: the value of the
                    // metrics' dimension, as the monitoring stack's alarms select it.
                    outputs.get("ServiceName"),
                    alarms,
                    outputs.get("DashboardName"),
                    outputs.getOrDefault(
                            "LoadTestTaskDefinitionArn", outputs.getOrDefault("LoadTestTaskDefinitionFamily", "")));
        } catch (IllegalArgumentException e) {
            throw new AwsAccessException(
                    new AwsProblem(Kind.NOT_FOUND, "Stack " + name + " has an unusable output: " + e.getMessage()), e);
        }
    }

    private java.util.Optional<Stack> describe(String stackName) {
        try {
            return connection
                    .call(
                            "CloudFormation DescribeStacks",
                            () -> connection.cloudFormation().describeStacks(r -> r.stackName(stackName)))
                    .stacks()
                    .stream()
                    .findFirst();
        } catch (AwsAccessException e) {
            // CloudFormation reports an unknown stack as a 400 ValidationError "Stack with id X does not exist".
            if (e.getCause() instanceof CloudFormationException cfn
                    && cfn.awsErrorDetails() != null
                    && "ValidationError".equals(cfn.awsErrorDetails().errorCode())
                    && String.valueOf(cfn.awsErrorDetails().errorMessage()).contains("does not exist")) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }
}
