package io.nutrisage.infra.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared-names contract of one evaluated environment: the metrics that exist (what predictor-service emits when
 * run with its task definition's environment, and what AWS publishes for the stack's resources) and every place in
 * the stacks that reads metrics. Other modules' tests (the console's) resolve their own references against the
 * same {@link #contract()}.
 */
public final class StackContract {
    /** A non-default environment: a name that only matches by the default's coincidence fails with it. */
    public static final String ENVIRONMENT = "blue-env";

    private final DeployedStacks stacks;
    private final Set<MetricIdentity> emitted;
    private final MetricContract contract;

    private StackContract(DeployedStacks stacks) {
        this.stacks = stacks;
        this.emitted = EmittedMetrics.ofARunningPredictor(predictorEnvironment(stacks));
        Set<MetricIdentity> existing = new LinkedHashSet<>(emitted);
        existing.addAll(AwsMetricCatalog.publishedFor(AwsMetricCatalog.dimensionValuesOf(stacks)));
        this.contract = new MetricContract(existing);
    }

    /** Evaluates infra-templates (its module directory) for {@link #ENVIRONMENT} and runs the predictor. */
    public static StackContract forModule(Path infraTemplatesDirectory) {
        return new StackContract(DeployedStacks.evaluate(infraTemplatesDirectory, ENVIRONMENT));
    }

    public DeployedStacks stacks() {
        return stacks;
    }

    /** What predictor-service's EMF lines created in the run. */
    public Set<MetricIdentity> emitted() {
        return emitted;
    }

    public MetricContract contract() {
        return contract;
    }

    /** The environment the service stack's task definition gives the predictor container. */
    public static Map<String, String> predictorEnvironment(DeployedStacks stacks) {
        return containerEnvironment(stacks.stack("service"), "TaskDefinition");
    }

    /** The {@code Environment} of the first container of a task definition, as name to value. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> containerEnvironment(DeployedStacks.Stack stack, String taskDefinition) {
        List<Object> containers =
                (List<Object>) stack.properties(taskDefinition).get("ContainerDefinitions");
        Map<String, Object> container = (Map<String, Object>) containers.get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object variable : (List<Object>) container.getOrDefault("Environment", List.of())) {
            Map<String, Object> v = (Map<String, Object>) variable;
            environment.put(String.valueOf(v.get("Name")), String.valueOf(v.get("Value")));
        }
        return environment;
    }

    /** Every metric reference of every dashboard and alarm of the stacks. */
    public List<MetricReference> stackReferences() {
        List<MetricReference> references = new ArrayList<>();
        for (DeployedStacks.Stack stack : stacks.all()) {
            stack.resourcesOfType("AWS::CloudWatch::Dashboard").forEach((id, properties) -> {
                try {
                    references.addAll(MetricReferences.inDashboard(
                            String.valueOf(properties.get("DashboardName")),
                            new ObjectMapper().readTree(String.valueOf(properties.get("DashboardBody")))));
                } catch (IOException e) {
                    throw new UncheckedIOException(stack.name() + " " + id + ": the body is not JSON", e);
                }
            });
            stack.resourcesOfType("AWS::CloudWatch::Alarm")
                    .forEach((id, properties) -> references.addAll(
                            MetricReferences.inAlarm(String.valueOf(properties.get("AlarmName")), properties)));
        }
        return references;
    }
}
