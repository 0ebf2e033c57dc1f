package io.nutrisage.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nutrisage.infra.cfn.CloudFormationYaml;
import io.nutrisage.infra.cfn.TemplateException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateParsingTest {

    @ParameterizedTest
    @MethodSource("io.nutrisage.infra.Stacks#withOptional")
    void everyTemplateParsesIntoSectionsWithResources(Stacks.Stack stack) {
        Map<String, Object> template = stack.parse();

        assertThat(template).containsKeys("AWSTemplateFormatVersion", "Description", "Resources", "Outputs");
        assertThat(template.get("AWSTemplateFormatVersion")).isEqualTo("2010-09-09");
        assertThat((Map<?, ?>) template.get("Resources")).isNotEmpty();
    }

    @Test
    void everyTemplateFileIsDeployedByStacksConf() throws IOException {
        try (Stream<Path> files = Files.list(Stacks.TEMPLATES)) {
            List<Path> templates =
                    files.filter(file -> file.toString().endsWith(".yaml")).toList();
            assertThat(Stacks.all().stream().map(Stacks.Stack::template))
                    .containsExactlyInAnyOrderElementsOf(templates);
        }
    }

    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Map<String, Object> parsed = parse("""
                ref: !Ref Name
                sub: !Sub ${AWS::Region}-x
                subWithVariables: !Sub [ "${A}", { A: !Ref B } ]
                getAtt: !GetAtt Alb.LoadBalancerFullName
                getAttNested: !GetAtt Db.Endpoint.Address
                getAttList: !GetAtt [Alb, DNSName]
                if: !If [Cond, 1, !Ref AWS::NoValue]
                join: !Join [",", [a, b]]
                select: !Select [0, !GetAZs ""]
                equals: !Equals [!Ref Env, prod]
                not: !Not [!Condition IsProd]
                and: !And [!Condition A, !Condition B]
                or: !Or [!Condition A, !Condition B]
                findInMap: !FindInMap [Map, Key, Value]
                split: !Split [",", !ImportValue Export]
                base64: !Base64 text
                cidr: !Cidr [10.0.0.0/16, 4, 8]
                """);

        assertThat(parsed)
                .containsEntry("ref", Map.of("Ref", "Name"))
                .containsEntry("sub", Map.of("Fn::Sub", "${AWS::Region}-x"))
                .containsEntry("subWithVariables", Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "B")))))
                .containsEntry("getAtt", Map.of("Fn::GetAtt", List.of("Alb", "LoadBalancerFullName")))
                .containsEntry("getAttNested", Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")))
                .containsEntry("getAttList", Map.of("Fn::GetAtt", List.of("Alb", "DNSName")))
                .containsEntry("if", Map.of("Fn::If", List.of("Cond", 1, Map.of("Ref", "AWS::NoValue"))))
                .containsEntry("join", Map.of("Fn::Join", List.of(",", List.of("a", "b"))))
                .containsEntry("select", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))))
                .containsEntry("equals", Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod")))
                .containsEntry("not", Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))))
                .containsEntry("and", Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))))
                .containsEntry("or", Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))))
                .containsEntry("findInMap", Map.of("Fn::FindInMap", List.of("Map", "Key", "Value")))
                .containsEntry("split", Map.of("Fn::Split", List.of(",", Map.of("Fn::ImportValue", "Export"))))
                .containsEntry("base64", Map.of("Fn::Base64", "text"))
                .containsEntry("cidr", Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)));
    }

    @Test
    void duplicateKeysAreRejectedWithTheirLine() {
        assertThatThrownBy(() -> parse("""
                        Resources:
                          Bucket:
                            Type: AWS::S3::Bucket
                          Bucket:
                            Type: AWS::S3::Bucket
                        """))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("inline.yaml: not valid YAML")
                .hasMessageContaining("duplicate key Bucket")
                .hasMessageContaining("line 4");
    }

    @Test
    void getAttWithoutAttributeIsRejected() {
        assertThatThrownBy(() -> parse("value: !GetAtt JustAResource\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("!GetAtt needs Resource.Attribute, got 'JustAResource'")
                .hasMessageContaining("line 1");
    }

    @Test
    void unknownTagsAreRejected() {
        assertThatThrownBy(() -> parse("value: !Reff Name\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("!Reff");
    }

    @Test
    void aTemplateMustBeAMapping() {
        assertThatThrownBy(() -> parse("- just\n- a list\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("inline.yaml: a template must be a YAML mapping at the top level");
    }

    private static Map<String, Object> parse(String yaml) {
        return CloudFormationYaml.parse(new StringReader(yaml), "inline.yaml");
    }
}
