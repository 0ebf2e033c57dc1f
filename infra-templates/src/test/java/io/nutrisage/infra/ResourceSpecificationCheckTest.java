package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.nutrisage.infra.cfn.CloudFormationYaml;
import io.nutrisage.infra.cfn.Finding;
import io.nutrisage.infra.cfn.ResourceSpecification;
import io.nutrisage.infra.cfn.TemplateLinter;
import io.nutrisage.infra.cfn.ValidationTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The templates against the current CloudFormation resource specification (npm @aws-cdk/aws-service-spec). */
class ResourceSpecificationCheckTest {

    private static ResourceSpecification specification;
    private static TemplateLinter linter;

    @BeforeAll
    static void loadSpecification() {
        specification = ResourceSpecification.load(ValidationTools.resourceSpecification());
        linter = new TemplateLinter(specification);
    }

    @Test
    void specificationKnowsTheResourceTypesOfTheStack() {
        assertThat(specification.resourceTypeCount()).isGreaterThan(1000);
        assertThat(specification.resourceType("AWS::ECS::Service")).isPresent();
        assertThat(specification
                        .resourceType("AWS::ElasticLoadBalancingV2::TargetGroup")
                        .orElseThrow()
                        .attributes())
                .contains("TargetGroupFullName");
    }

    @ParameterizedTest
    @MethodSource("io.nutrisage.infra.Stacks#withOptional")
    void everyTemplateMatchesTheResourceSpecification(Stacks.Stack stack) {
        assertThat(linter.lint(stack.parse())).isEmpty();
    }

    @Test
    void brokenTemplateFailsEveryCheck() {
        List<Finding> findings =
                linter.lint(CloudFormationYaml.parse(Path.of("src/test/resources/broken/spec-violations.yaml")));

        assertThat(findings)
                .extracting(Finding::toString)
                .containsExactlyInAnyOrder(
                        // resource type exists
                        "Resources.Typo.Type: unknown resource type 'AWS::ECS::Servic'",
                        // property names exist
                        "Resources.Cluster.Properties.ClusterNam: unknown property 'ClusterNam' of AWS::ECS::Cluster",
                        // required properties present
                        "Resources.Policy.Properties: missing required property 'PolicyType' of"
                                + " AWS::ApplicationAutoScaling::ScalingPolicy",
                        // literal types and allowed values
                        "Resources.Service.Properties.DesiredCount: expected integer, got string 'many'",
                        "Resources.Service.Properties.EnableExecuteCommand: expected boolean, got a list",
                        "Resources.Service.Properties.LaunchType: value 'FARGATE_TURBO' is not one of [EC2, FARGATE,"
                                + " EXTERNAL]",
                        "Resources.Alarm.Properties.AlarmActions: expected a list, got Fn::Join (a string)",
                        // GetAtt attributes exist, targets resolve
                        "Resources.Alarm.Properties.AlarmDescription: GetAtt Cluster.NoSuchAttribute: AWS::ECS::Cluster"
                                + " has no attribute 'NoSuchAttribute' (has [Arn])",
                        "Resources.Alarm.Properties.AlarmName: GetAtt Ghost.Arn: no such resource 'Ghost'",
                        // Ref and Sub targets resolve
                        "Resources.Policy.Properties.ScalingTargetId: Ref to 'NoSuchTarget': no such parameter,"
                                + " resource or pseudo parameter",
                        "Resources.Service.Properties.ServiceName: Sub variable ${Missing}: no such parameter, resource"
                                + " or pseudo parameter",
                        "Conditions.DependsOnAResource.Fn::Equals[0]: Ref to resource 'Cluster': conditions may only"
                                + " refer to parameters",
                        // a resource that exists only under a condition is referenced only under it (or in Fn::If)
                        "Resources.Alarm.Properties.OKActions[0]: Ref: 'ProdTopic' exists only when condition 'IsProd'"
                                + " is true; use Fn::If or the same Condition here",
                        // conditions exist
                        "Resources.Service.Condition: unknown condition 'IsStaging'",
                        "Outputs.Nothing.Value: unknown condition 'NoSuchCondition'",
                        // parameters
                        "Parameters.Env.Default: default 'dev' is not one of the AllowedValues [test, prod]",
                        "Parameters.Size.Default: expected a number for a Number parameter, got 'big'");
    }
}
