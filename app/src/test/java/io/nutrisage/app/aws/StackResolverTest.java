package io.nutrisage.app.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.app.aws.AwsProblem.Kind;
import io.nutrisage.app.aws.stub.NutriSageStack;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StackResolverTest {
    private StubFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new StubFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void environmentNameMergesTheOutputsOfItsStacks() {
        AwsTargetSpec spec = AwsTargets.resolveStack(fx.settings(), NutriSageStack.ENV);

        assertThat(spec)
                .isEqualTo(fx.spec()
                        .withLoadTest("arn:aws:ecs:eu-west-1:123456789012:task-definition/nutrisage-loadgen:3"));
        assertThat(fx.stub.requests()).allSatisfy(r -> assertThat(r.operation()).isEqualTo("DescribeStacks"));
    }

    @Test
    void oneStackCarryingEveryOutputIsEnough() {
        fx.stub.putStack(
                "solo",
                Map.of(
                        "ClusterName", "c1",
                        "ServiceName", "s1",
                        "TargetUrl", "http://solo.example",
                        "LoadBalancerFullName", "app/solo/1",
                        "TargetGroupFullName", "targetgroup/solo/2"));

        AwsTargetSpec spec = AwsTargets.resolveStack(fx.settings(), "solo");

        assertThat(spec.clusterName()).isEqualTo("c1");
        assertThat(spec.scalableResourceId()).isEqualTo("service/c1/s1");
        assertThat(spec.metricNamespace()).isEqualTo("NutriSage/Inference");
        assertThat(fx.stub.count("DescribeStacks")).isEqualTo(1);
    }

    @Test
    void unknownStackSaysHowToDeployIt() {
        assertThatThrownBy(() -> AwsTargets.resolveStack(fx.settings(), "nope"))
                .isInstanceOfSatisfying(AwsAccessException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage())
                            .isEqualTo("No CloudFormation stack 'nope' (nor nope-service…) in eu-west-1. Deploy"
                                    + " infra-templates (deploy --env nope) or check the region.");
                });
    }

    @Test
    void stacksWithoutServiceOutputsNameWhatIsMissing() {
        fx.stub.putStack("half-monitoring", Map.of("DashboardName", "d"));

        assertThatThrownBy(() -> AwsTargets.resolveStack(fx.settings(), "half"))
                .isInstanceOf(AwsAccessException.class)
                .hasMessage("Stack(s) half-monitoring lack the output(s) ClusterName, ServiceName, TargetUrl: deploy"
                        + " infra-templates' service stack, or enter the names by hand.");
    }
}
