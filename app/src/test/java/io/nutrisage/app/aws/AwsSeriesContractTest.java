package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.app.aws.stub.AwsStub;
import io.nutrisage.app.aws.stub.NutriSageStack;
import io.nutrisage.app.monitoring.MetricId;
import io.nutrisage.infra.contract.AwsMetricCatalog;
import io.nutrisage.infra.contract.DeployedStacks;
import io.nutrisage.infra.contract.EmittedMetrics;
import io.nutrisage.infra.contract.MetricContract;
import io.nutrisage.infra.contract.MetricIdentity;
import io.nutrisage.infra.contract.MetricReference;
import io.nutrisage.infra.contract.StackContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's AWS backend and its test stub read only metrics that exist: infra-templates' contract (the stacks
 * evaluated for a non-default environment, predictor-service run with its task definition's environment and its
 * EMF lines read by the EMF specification, AWS's documented metrics for the stack's resources) resolves every
 * MetricStat the console really sends in its GetMetricData call, after resolving the stack through its real
 * CloudFormation outputs, and every series the stub answers with.
 */
class AwsSeriesContractTest {
    private static final Path INFRA_TEMPLATES = Path.of("..", "infra-templates");

    private static StackContract stack;

    @BeforeAll
    static void evaluateTheStacksAndRunThePredictor() {
        stack = StackContract.forModule(INFRA_TEMPLATES);
    }

    @Test
    void everySeriesTheConsoleAsksCloudWatchForExists() throws Exception {
        List<AwsStub.MetricKey> asked;
        try (StubFixture aws = StubFixture.bare()) {
            AwsStub stub = aws.stub();
            for (DeployedStacks.Stack s : stack.stacks().all()) {
                Map<String, String> outputs = new LinkedHashMap<>();
                s.outputs().forEach((k, v) -> outputs.put(k, String.valueOf(v)));
                stub.putStack(s.name(), outputs);
            }
            AwsSettings settings = aws.settings();
            AwsTargetSpec spec = AwsTargets.resolveStack(settings, StackContract.ENVIRONMENT);
            try (AwsMonitoringTarget target = AwsTargets.connect(spec, settings)) {
                target.metrics().read(EnumSet.allOf(MetricId.class), Instant.EPOCH);
            }
            asked = stub.metricQueries();
        }
        List<MetricReference> references = asked.stream()
                .map(key -> (MetricReference) new MetricReference.Metric(
                        "console GetMetricData query " + key.namespace() + " " + key.metricName(),
                        key.namespace(),
                        key.metricName(),
                        key.dimensions(),
                        key.stat()))
                .toList();

        assertThat(stack.contract().problems(references)).isEmpty();
        assertThat(asked.stream().map(AwsStub.MetricKey::metricName).distinct())
                .containsAll(EnumSet.allOf(AwsSeries.class).stream()
                        .map(AwsSeries::metricName)
                        .toList());
    }

    @Test
    void theStubAnswersOnlyWithMetricsThatExistForItsStack() {
        // The stub's own deployment: the default environment with its own load balancer and target group ids.
        Map<String, String> environment = new LinkedHashMap<>(
                StackContract.predictorEnvironment(DeployedStacks.evaluate(INFRA_TEMPLATES, NutriSageStack.ENV)));
        Set<MetricIdentity> existing = new LinkedHashSet<>(EmittedMetrics.ofARunningPredictor(environment));
        existing.addAll(AwsMetricCatalog.publishedFor(Map.of(
                "ClusterName", NutriSageStack.CLUSTER,
                "ServiceName", NutriSageStack.SERVICE,
                "LoadBalancer", NutriSageStack.LOAD_BALANCER,
                "TargetGroup", NutriSageStack.TARGET_GROUP)));
        List<MetricReference> served = NutriSageStack.SERIES.entrySet().stream()
                .map(e -> (MetricReference) new MetricReference.Metric(
                        "stub series " + e.getKey(),
                        e.getValue().namespace(),
                        e.getValue().metricName(),
                        e.getValue().dimensions(),
                        e.getValue().stat()))
                .toList();

        assertThat(new MetricContract(existing).problems(served)).isEmpty();
    }

    @Test
    void theStubsStacksHaveOnlyOutputsTheRealStacksHave() {
        DeployedStacks real = DeployedStacks.evaluate(INFRA_TEMPLATES, NutriSageStack.ENV);
        try (StubFixture aws = new StubFixture()) {
            for (DeployedStacks.Stack s : real.all()) {
                assertThat(aws.stub().stackOutputs(s.name()).keySet())
                        .as(s.name())
                        .isSubsetOf(s.outputs().keySet());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
